/**
 * Streams a zip part's bytes through a streaming UTF-8 (or UTF-16) decoder into saxes. Chinese
 * characters split across chunk boundaries survive: the decoder keeps the partial bytes, never
 * `chunk.toString()`. `chunkSize` (tests) cuts every chunk smaller still.
 */
import { StringDecoder } from 'string_decoder';
import { SaxesParser, type SaxesTag } from 'saxes';

export interface XmlHandlers {
  open(name: string, attrs: Record<string, string>, selfClosing: boolean): void;
  close(name: string): void;
  text?(text: string): void;
}

/** `x:row` → `row`: some exporters write every element with a namespace prefix. */
export function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** An attribute by local name (`r:id`, `relationships:id` → `id` with a prefix). */
export function attrNs(attrs: Record<string, string>, local: string): string | undefined {
  for (const k in attrs) {
    const i = k.indexOf(':');
    if (i > 0 && k.slice(i + 1) === local && k.slice(0, i) !== 'xmlns') return attrs[k];
  }
  return undefined;
}

export interface XmlStream {
  write(chunk: Buffer): void;
  end(): void;
}

export function xmlStream(h: XmlHandlers, chunkSize = 0): XmlStream {
  const p = new SaxesParser({ position: false });
  p.on('opentag', (t: SaxesTag) => h.open(localName(t.name), t.attributes as Record<string, string>, t.isSelfClosing));
  p.on('closetag', (t: SaxesTag) => h.close(localName(t.name)));
  if (h.text) {
    const text = h.text;
    p.on('text', (s: string) => text(s));
    p.on('cdata', (s: string) => text(s));
  }
  p.on('error', (e: Error) => {
    throw e;
  });
  // Node's StringDecoder: keeps a character's bytes split across chunks for the next one (and is
  // several times faster than TextDecoder in stream mode). UTF-16 parts (rare) use TextDecoder.
  let decode: ((b: Buffer) => string) | undefined;
  let flush: () => string = () => '';
  let first = true;
  const feed = (buf: Buffer): void => {
    if (!decode) {
      if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
        const td = new TextDecoder(buf[0] === 0xff ? 'utf-16le' : 'utf-16be');
        decode = (b) => td.decode(b, { stream: true });
        flush = () => td.decode();
      } else {
        const sd = new StringDecoder('utf8');
        decode = (b) => sd.write(b);
        flush = () => sd.end();
      }
    }
    let s = decode(buf);
    if (first && s) {
      first = false;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    if (s) p.write(s);
  };
  return {
    write(chunk) {
      if (chunkSize > 0) for (let i = 0; i < chunk.length; i += chunkSize) feed(chunk.subarray(i, i + chunkSize));
      else feed(chunk);
    },
    end() {
      const s = flush();
      if (s) p.write(s);
      p.close();
    },
  };
}
