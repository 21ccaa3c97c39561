/**
 * A streaming XML tokenizer over the inflated bytes of a part, for the .xlsx reader.
 *
 * Why not saxes (used before) or htmlparser2: both parse a JavaScript string, so the whole part is
 * first decoded — on the 55 MB sheet of a 100k-row ledger, decoding alone costs more than zlib
 * inflating it, and either parser costs 2.3–3 s more (measured, docs/cli.md "Reading"). This
 * tokenizer scans the bytes (every byte of XML markup is ASCII; a UTF-8 multi-byte sequence never
 * holds a byte below 0x80, so it cannot be mistaken for `<`, `>` or a quote) and decodes only the
 * texts and attribute values a handler asks for, each with Node's UTF-8 decoder over a complete
 * slice: a Chinese character split across two chunks is carried whole into the next chunk, never
 * decoded in halves.
 *
 * What it checks and refuses (throws; the reader turns that into a clerk sentence): a DOCTYPE or
 * any other markup declaration (no DTD is ever read, no entity expanded or fetched), an entity
 * other than the five predefined ones and character references, a closing tag that does not match
 * the open element, a tag or attribute it cannot read, and at the end an element left open or a
 * token cut short. Texts get XML's line-end normalisation; attribute values its whitespace
 * normalisation; CDATA sections are text; comments and processing instructions are skipped.
 * Element names are given without their namespace prefix (`x:row` → `row`).
 *
 * Differential test against saxes over every part of the test corpus, with random chunk cuts:
 * test/cli/xml-tokenizer.test.ts.
 */

/** The element being opened; valid only during the `open` call. */
export interface XmlTag {
  /** An attribute by its qualified name as written (`r`, `r:id`). */
  attr(name: string): string | undefined;
  /** An attribute by local name under any prefix but xmlns (`r:id`, `relationships:id` → `id`). */
  attrLocal(local: string): string | undefined;
  /** All attributes, by qualified name. */
  attrs(): Record<string, string>;
  readonly selfClosing: boolean;
  // Raw access for the hot path (a sheet's cells), no string made: the index of an attribute
  // (-1 when absent), then its value as a string, a non-negative integer (NaN when it is not
  // one), a column reference's column (1-based; 0 when not a reference within XFD), or compared
  // with an ASCII literal.
  index(name: string): number;
  str(k: number): string;
  int(k: number): number;
  col(k: number): number;
  eq(k: number, lit: string): boolean;
}

export interface XmlHandlers {
  open(name: string, tag: XmlTag): void;
  close(name: string): void;
  text?(text: string): void;
  /** Instead of `text`: the raw bytes (decode with `decodeText`, or read numbers with `bytesNumber`). */
  textBytes?(b: Buffer, from: number, to: number, cdata: boolean): void;
  /** When given, texts are decoded (and `text` called) only while this returns true. */
  wantsText?(): boolean;
}

export interface XmlStream {
  write(chunk: Buffer): void;
  end(): void;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QM = 0x3f;
const EXCL = 0x21;
const DQ = 0x22;
const SQ = 0x27;
const EQ = 0x3d;
const COLON = 0x3a;
const DASH = 0x2d;
const LBRACKET = 0x5b;

const CDATA_OPEN = Buffer.from('<![CDATA[');
const COMMENT_END = Buffer.from('-->');
const CDATA_END = Buffer.from(']]>');
const PI_END = Buffer.from('?>');

class XmlSyntaxError extends Error {}

const MAX_COL = 16384;

/** Buffer's own decoder binding: `toString('utf8', a, b)` without the wrapper's argument checks. */
const utf8Slice = (Buffer.prototype as unknown as { utf8Slice(this: Buffer, a: number, b: number): string }).utf8Slice;

/** A text's bytes as a string: UTF-8, line ends normalised, entities decoded (not in CDATA). */
export function decodeText(b: Buffer, from: number, to: number, cdata: boolean): string {
  let s = utf8Slice.call(b, from, to);
  if (s.indexOf('\r') >= 0) s = s.replace(/\r\n?/g, '\n');
  if (!cdata && s.indexOf('&') >= 0) s = decodeEntities(s);
  return s;
}

/**
 * Short texts seen again (a village, 男, 汉族, 在册, a common name…) come back as the string made
 * the first time, looked up by their bytes: no new string to make, and — more — none for the
 * garbage collector to copy while the sheet model grows (the model of a 100k-row ledger holds
 * about a million short texts; copying them between heap spaces cost more than parsing them).
 * A table of 16,384 slots by a hash of the bytes; a colliding text replaces the slot's.
 */
export class TextCache {
  private static readonly SLOTS = 16384;
  private static readonly MAX = 32;
  private readonly keys = new Uint8Array(TextCache.SLOTS * TextCache.MAX);
  private readonly lens = new Int32Array(TextCache.SLOTS).fill(-1);
  private readonly strs: string[] = new Array<string>(TextCache.SLOTS).fill('');

  /** The text of b[from, to) as decodeText would give it. */
  get(b: Buffer, from: number, to: number, cdata: boolean): string {
    const n = to - from;
    if (n > TextCache.MAX) return decodeText(b, from, to, cdata);
    let h = 0x811c9dc5;
    for (let i = from; i < to; i++) {
      const c = b[i];
      if (c === 0x26 || c === 0x0d) return decodeText(b, from, to, cdata);
      h = Math.imul(h ^ c, 0x01000193);
    }
    const slot = (h >>> 0) & (TextCache.SLOTS - 1);
    const k = slot * TextCache.MAX;
    if (this.lens[slot] === n) {
      let same = true;
      for (let i = 0; i < n; i++)
        if (this.keys[k + i] !== b[from + i]) {
          same = false;
          break;
        }
      if (same) return this.strs[slot];
    }
    const s = utf8Slice.call(b, from, to);
    for (let i = 0; i < n; i++) this.keys[k + i] = b[from + i];
    this.lens[slot] = n;
    this.strs[slot] = s;
    return s;
  }
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * A plain decimal (`-?digits(.digits)?`, at most 15 digits) read straight from the bytes, as
 * `Number()` would read it (an integer below 2^53 divided by an exact power of ten is rounded
 * once, correctly); NaN for anything else, which the caller then reads the slow way.
 */
export function bytesNumber(b: Buffer, from: number, to: number): number {
  let i = from;
  let neg = false;
  if (i < to && b[i] === 0x2d) {
    neg = true;
    i++;
  }
  let n = 0;
  let digits = 0;
  let frac = -1;
  for (; i < to; i++) {
    const c = b[i];
    if (c >= 0x30 && c <= 0x39) {
      n = n * 10 + (c - 0x30);
      digits++;
      if (frac >= 0) frac++;
    } else if (c === 0x2e && frac < 0) frac = 0;
    else return NaN;
  }
  if (digits === 0 || digits > 15 || frac === 0) return NaN;
  const v = frac > 0 ? n / POW10[frac] : n;
  return neg ? -v : v;
}

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The five predefined entities and character references; anything else is refused. */
function decodeEntities(s: string): string {
  return s.replace(/&([^;&<]*);|&/g, (m: string, body: string | undefined) => {
    if (body === undefined) throw new XmlSyntaxError('"&" without an entity');
    const named = PREDEFINED[body];
    if (named !== undefined) return named;
    if (body.charCodeAt(0) === 0x23) {
      const hex = body.charCodeAt(1) === 0x78;
      const digits = body.slice(hex ? 2 : 1);
      const code = digits && (hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits) ? parseInt(digits, hex ? 16 : 10) : NaN;
      if (!(code >= 1 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) throw new XmlSyntaxError(`bad character reference ${m.slice(0, 20)}`);
      return String.fromCodePoint(code);
    }
    throw new XmlSyntaxError(`undefined entity ${m.slice(0, 40)}`);
  });
}

/** Names of the elements the sheet and shared-string handlers see millions of times: no string
 *  is made for them. */
function internName(b: Buffer, from: number, to: number): string {
  let s = from;
  for (let i = from; i < to; i++) if (b[i] === COLON) s = i + 1;
  const n = to - s;
  if (n === 1) {
    switch (b[s]) {
      case 0x63:
        return 'c';
      case 0x76:
        return 'v';
      case 0x74:
        return 't';
      case 0x72:
        return 'r';
      case 0x66:
        return 'f';
    }
  } else if (n === 2) {
    if (b[s] === 0x69 && b[s + 1] === 0x73) return 'is';
    if (b[s] === 0x73 && b[s + 1] === 0x69) return 'si';
  } else if (n === 3) {
    if (b[s] === 0x72 && b[s + 1] === 0x6f && b[s + 2] === 0x77) return 'row';
    if (b[s] === 0x72 && b[s + 1] === 0x50 && b[s + 2] === 0x68) return 'rPh';
  }
  if (n === 0) throw new XmlSyntaxError('empty element name');
  return b.toString('utf8', s, to);
}

export function xmlStream(h: XmlHandlers, chunkSize = 0): XmlStream {
  // The unconsumed bytes: buf[pos, len). `owned` when buf is ours (grown by doubling), otherwise
  // it is the chunk itself (no copy while every token ends inside its chunk).
  let buf: Buffer = Buffer.alloc(0);
  let view: Buffer = buf;
  let len = 0;
  let pos = 0;
  let owned = false;
  // Resuming the search for the end of a token cut by a chunk: where to look from, and (tags)
  // whether that point is inside a quoted value.
  let scanFrom = 0;
  let quote = 0;
  const stack: string[] = [];
  let started = false;
  let utf16: TextDecoder | null = null;
  let pendingStart: Buffer | null = null;

  // Attributes of the current tag: [nameStart, nameEnd, valueStart, valueEnd] each.
  let offs = new Int32Array(64);
  let nAttrs = 0;
  let selfClosing = false;

  const value = (k: number): string => {
    let s = utf8Slice.call(view, offs[k + 2], offs[k + 3]);
    if (s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\t') >= 0) s = s.replace(/\r\n?|[\n\t]/g, ' ');
    return s.indexOf('&') >= 0 ? decodeEntities(s) : s;
  };
  const nameIs = (k: number, name: string, from: number): boolean => {
    const a = offs[k] + from;
    const e = offs[k + 1];
    if (e - a !== name.length) return false;
    for (let i = 0; i < name.length; i++) if (view[a + i] !== name.charCodeAt(i)) return false;
    return true;
  };
  const tag: XmlTag = {
    attr(name) {
      for (let k = 0; k < nAttrs * 4; k += 4) if (nameIs(k, name, 0)) return value(k);
      return undefined;
    },
    attrLocal(local) {
      for (let k = 0; k < nAttrs * 4; k += 4) {
        const a = offs[k];
        const e = offs[k + 1];
        let c = -1;
        for (let i = a; i < e; i++)
          if (view[i] === COLON) {
            c = i;
            break;
          }
        if (c < 0) continue;
        if (c - a === 5 && view.toString('latin1', a, c) === 'xmlns') continue;
        if (nameIs(k, local, c + 1 - a)) return value(k);
      }
      return undefined;
    },
    attrs() {
      const out: Record<string, string> = {};
      for (let k = 0; k < nAttrs * 4; k += 4) out[view.toString('utf8', offs[k], offs[k + 1])] = value(k);
      return out;
    },
    get selfClosing() {
      return selfClosing;
    },
    index(name) {
      for (let k = 0; k < nAttrs * 4; k += 4) if (nameIs(k, name, 0)) return k;
      return -1;
    },
    str: (k) => value(k),
    int(k) {
      const a = offs[k + 2];
      const e = offs[k + 3];
      if (e === a || e - a > 15) return NaN;
      let n = 0;
      for (let i = a; i < e; i++) {
        const c = view[i];
        if (c < 0x30 || c > 0x39) return NaN;
        n = n * 10 + (c - 0x30);
      }
      return n;
    },
    col(k) {
      const a = offs[k + 2];
      const e = offs[k + 3];
      let col = 0;
      let i = a;
      for (; i < e; i++) {
        const c = view[i];
        if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
        else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
        else break;
        if (col > MAX_COL) return 0;
      }
      if (i === a) return 0;
      for (; i < e; i++) {
        const c = view[i];
        if (c < 0x30 || c > 0x39) return 0;
      }
      return col;
    },
    eq(k, lit) {
      const a = offs[k + 2];
      if (offs[k + 3] - a !== lit.length) return false;
      for (let i = 0; i < lit.length; i++) if (view[a + i] !== lit.charCodeAt(i)) return false;
      return true;
    },
  };

  let nameEnd = 0;
  /**
   * Reads the opening tag whose `<` is at s: its name's end (nameEnd), its attributes and whether
   * it closes itself. Returns the index of its `>`, or -1 when the tag goes on past the bytes at
   * hand.
   */
  const parseOpen = (s: number): number => {
    let i = s + 1;
    let c = 0;
    while (i < len) {
      c = view[i];
      if (c === GT || c === SLASH || isWs(c)) break;
      if (c === LT || c === EQ || c === DQ || c === SQ) throw new XmlSyntaxError('bad element name');
      i++;
    }
    nameEnd = i;
    nAttrs = 0;
    for (;;) {
      while (i < len && isWs(view[i])) i++;
      if (i >= len) return -1;
      c = view[i];
      if (c === GT) {
        selfClosing = false;
        return i;
      }
      if (c === SLASH) {
        if (i + 1 >= len) return -1;
        if (view[i + 1] !== GT) throw new XmlSyntaxError('"/" inside a tag');
        selfClosing = true;
        return i + 1;
      }
      const an = i;
      while (i < len) {
        c = view[i];
        if (c === EQ || isWs(c) || c === GT || c === SLASH || c === LT) break;
        i++;
      }
      const ane = i;
      while (i < len && isWs(view[i])) i++;
      if (i >= len) return -1;
      if (view[i] !== EQ) throw new XmlSyntaxError('attribute without a value');
      i++;
      while (i < len && isWs(view[i])) i++;
      if (i >= len) return -1;
      const q = view[i];
      if (q !== DQ && q !== SQ) throw new XmlSyntaxError('attribute value without quotes');
      const vs = ++i;
      while (i < len && view[i] !== q) i++;
      if (i >= len) return -1;
      if (nAttrs * 4 + 4 > offs.length) {
        const bigger = new Int32Array(offs.length * 2);
        bigger.set(offs);
        offs = bigger;
      }
      const k = nAttrs * 4;
      offs[k] = an;
      offs[k + 1] = ane;
      offs[k + 2] = vs;
      offs[k + 3] = i;
      nAttrs++;
      i++;
      if (i < len && !isWs(view[i]) && view[i] !== GT && view[i] !== SLASH) throw new XmlSyntaxError('attributes not separated');
    }
  };

  const emitText = (a: number, b: number, cdata: boolean): void => {
    if (a >= b || (h.wantsText && !h.wantsText())) return;
    if (h.textBytes) h.textBytes(view, a, b, cdata);
    else if (h.text) h.text(decodeText(view, a, b, cdata));
  };

  const startsWith = (at: number, lit: Buffer): boolean => {
    for (let i = 0; i < lit.length; i++) if (view[at + i] !== lit[i]) return false;
    return true;
  };

  /** Consumes every complete token; at the end (`final`), a cut token is an error. */
  const run = (final: boolean): void => {
    while (pos < len) {
      if (view[pos] !== LT) {
        // Short texts (a cell's value) by hand, long ones by indexOf.
        let e = scanFrom > pos ? scanFrom : pos;
        const stop = Math.min(len, e + 64);
        while (e < stop && view[e] !== LT) e++;
        if (e === stop) e = e < len ? view.indexOf(LT, e) : -1;
        if (e < 0) {
          if (!final) {
            scanFrom = len;
            return;
          }
          e = len;
        }
        emitText(pos, e, false);
        pos = scanFrom = e;
        continue;
      }
      if (pos + 1 >= len) break;
      const c1 = view[pos + 1];
      if (c1 === SLASH) {
        let i = pos + 2;
        while (i < len && view[i] !== GT && !isWs(view[i])) i++;
        const ne = i;
        while (i < len && isWs(view[i])) i++;
        if (i >= len) {
          if (len - pos > 65536) throw new XmlSyntaxError('bad closing tag');
          break;
        }
        if (view[i] !== GT) throw new XmlSyntaxError('bad closing tag');
        const name = internName(view, pos + 2, ne);
        const open = stack.pop();
        if (open !== name) throw new XmlSyntaxError(`closing tag ${name.slice(0, 40)} does not match ${String(open).slice(0, 40)}`);
        pos = scanFrom = i + 1;
        h.close(name);
        continue;
      }
      if (c1 === QM) {
        const e = view.indexOf(PI_END, Math.max(pos + 2, scanFrom - 1));
        if (e < 0) {
          scanFrom = len;
          break;
        }
        pos = scanFrom = e + 2;
        continue;
      }
      if (c1 === EXCL) {
        if (len - pos < 4) break;
        if (view[pos + 2] === DASH && view[pos + 3] === DASH) {
          const e = view.indexOf(COMMENT_END, Math.max(pos + 4, scanFrom - 2));
          if (e < 0) {
            scanFrom = len;
            break;
          }
          pos = scanFrom = e + 3;
          continue;
        }
        if (view[pos + 2] === LBRACKET) {
          if (len - pos < CDATA_OPEN.length) break;
          if (!startsWith(pos, CDATA_OPEN)) throw new XmlSyntaxError('bad markup');
          const e = view.indexOf(CDATA_END, Math.max(pos + 9, scanFrom - 2));
          if (e < 0) {
            scanFrom = len;
            break;
          }
          emitText(pos + 9, e, true);
          pos = scanFrom = e + 3;
          continue;
        }
        // <!DOCTYPE, <!ENTITY…: no DTD is ever read.
        throw new XmlSyntaxError('a DOCTYPE or markup declaration (not read: entities are never expanded)');
      }
      // An opening tag. When it is cut by the chunk's end, its end is looked for (the first '>'
      // outside a quoted value) in each new chunk before it is read again: linear, however long.
      let e = -1;
      if (scanFrom <= pos + 1) e = parseOpen(pos);
      if (e < 0) {
        let i = scanFrom > pos + 1 ? scanFrom : pos + 1;
        let q = scanFrom > pos + 1 ? quote : 0;
        let found = false;
        for (; i < len; i++) {
          const c = view[i];
          if (q !== 0) {
            if (c === q) q = 0;
          } else if (c === GT) {
            found = true;
            break;
          } else if (c === DQ || c === SQ) q = c;
          else if (c === LT) throw new XmlSyntaxError('"<" inside a tag');
        }
        if (!found) {
          scanFrom = len;
          quote = q;
          break;
        }
        e = parseOpen(pos);
        if (e < 0) throw new XmlSyntaxError('bad tag');
      }
      const name = internName(view, pos + 1, nameEnd);
      const sc = selfClosing;
      h.open(name, tag);
      if (sc) h.close(name);
      else stack.push(name);
      pos = scanFrom = e + 1;
      quote = 0;
    }
    if (final && pos < len) throw new XmlSyntaxError('the part ends inside a tag');
  };

  const feedUtf8 = (chunk: Buffer): void => {
    if (chunk.length === 0) return;
    if (pos >= len) {
      // Everything consumed: parse the chunk where it lies.
      buf = chunk;
      owned = false;
      len = chunk.length;
      pos = 0;
      scanFrom = 0;
    } else {
      const rem = len - pos;
      const need = rem + chunk.length;
      if (owned && buf.length >= need) {
        if (pos > 0) buf.copy(buf, 0, pos, len);
      } else {
        const nb = Buffer.allocUnsafe(Math.max(need, rem * 2, 64 * 1024));
        buf.copy(nb, 0, pos, len);
        buf = nb;
        owned = true;
      }
      chunk.copy(buf, rem);
      scanFrom -= pos;
      pos = 0;
      len = need;
    }
    view = buf.length === len ? buf : buf.subarray(0, len);
    run(false);
  };

  const feed = (chunk: Buffer): void => {
    if (chunk.length === 0) return;
    if (!started) {
      const c = pendingStart ? Buffer.concat([pendingStart, chunk]) : chunk;
      if (c.length < 3 && (c[0] === 0xff || c[0] === 0xfe || c[0] === 0xef)) {
        // Too short to tell the byte-order mark: wait for more (tests cut chunks to 1 byte).
        pendingStart = Buffer.from(c);
        return;
      }
      pendingStart = null;
      chunk = c;
      started = true;
      if (chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) {
        // UTF-16 parts (rare): decoded and re-encoded as UTF-8 before scanning.
        utf16 = new TextDecoder(chunk[0] === 0xff ? 'utf-16le' : 'utf-16be');
      } else if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    }
    if (utf16) {
      feedUtf8(Buffer.from(utf16.decode(chunk, { stream: true }), 'utf8'));
    } else feedUtf8(chunk);
  };
  return {
    write(chunk) {
      if (chunkSize > 0) for (let i = 0; i < chunk.length; i += chunkSize) feed(chunk.subarray(i, i + chunkSize));
      else feed(chunk);
    },
    end() {
      if (pendingStart) {
        const p = pendingStart;
        pendingStart = null;
        started = true;
        feedUtf8(p);
      }
      if (utf16) {
        const rest = utf16.decode();
        if (rest) feedUtf8(Buffer.from(rest, 'utf8'));
      }
      run(true);
      if (stack.length > 0) throw new XmlSyntaxError(`element ${stack[stack.length - 1].slice(0, 40)} is not closed`);
    },
  };
}
