/**
 * The XML side of the streaming .xlsx reader: htmlparser2's tokenizer (in XML mode, entities left
 * alone) reads each part, fed with the inflated bytes as Latin-1 text — one character per byte,
 * so the tokenizer's positions are byte offsets and no chunk ever splits a character. Only the
 * texts and attribute values a handler asks for are decoded, as UTF-8 from the bytes themselves,
 * once complete: a Chinese character cut between two chunks is joined before it is decoded
 * (never `chunk.toString()`).
 *
 * Why this and not saxes (used before): saxes needs the whole part decoded to a JavaScript
 * string first and then walks it character by character; on the 55 MB sheet of a 100k-row
 * ledger that cost 2.3–2.6 s against 0.55 s for the tokenizer over Latin-1 (measured; docs/cli.md
 * "Reading").
 *
 * What the tokenizer forgives and this module does not (throws; the reader turns it into a clerk
 * sentence): a DOCTYPE or other markup declaration (no DTD is read, no entity expanded or
 * fetched), an entity other than the five predefined ones and character references, an attribute
 * without a quoted value, a closing tag that does not match the open element, an element left open
 * at the end. Texts get XML's line-end normalisation, attribute values its whitespace
 * normalisation; CDATA sections are text; comments and processing instructions are skipped.
 * Element names are given without their namespace prefix (`x:row` → `row`).
 *
 * Differential test against saxes over every part of the test corpus, with random chunk cuts:
 * test/cli/xml-tokenizer.test.ts.
 */
import { QuoteType, Tokenizer } from 'htmlparser2';

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

const COLON = 0x3a;
// Read once: an imported binding can cost a getter call on every access (CommonJS interop).
const NO_VALUE = QuoteType.NoValue;
const UNQUOTED = QuoteType.Unquoted;

class XmlSyntaxError extends Error {}

const MAX_COL = 16384;
/** The most bytes one token (a tag, a comment, a CDATA section) may hold in memory. */
const MAX_TOKEN_BYTES = 64 * 1024 * 1024;

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

  /** Whether the last text given may hold an OOXML escape (_xHHHH_): it holds a "_". */
  underscore = false;

  /** The text of b[from, to) as decodeText would give it. */
  get(b: Buffer, from: number, to: number, cdata: boolean): string {
    const n = to - from;
    this.underscore = true;
    if (n > TextCache.MAX) return decodeText(b, from, to, cdata);
    let h = 0x811c9dc5;
    let us = 0;
    for (let i = from; i < to; i++) {
      const c = b[i];
      if (c === 0x26 || c === 0x0d) return decodeText(b, from, to, cdata);
      if (c === 0x5f) us = 1;
      h = Math.imul(h ^ c, 0x01000193);
    }
    this.underscore = us === 1;
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

/** Buffer's own Latin-1 decoder binding (one character per byte). */
const latin1Slice = (Buffer.prototype as unknown as { latin1Slice(this: Buffer, a: number, b: number): string }).latin1Slice;

export function xmlStream(h: XmlHandlers, chunkSize = 0): XmlStream {
  // The bytes fed so far that a token in progress may still need: chunks[i] starts at starts[i]
  // (absolute offsets, the tokenizer's positions). Dropped once every token in them has ended.
  const chunks: Buffer[] = [];
  const starts: number[] = [];
  let total = 0;
  let keepFrom = 0;
  const stack: string[] = [];
  let ended = false;

  /** The bytes [a, b) as (buffer, from, to), copied together only when they cross chunks. */
  let rb: Buffer = Buffer.alloc(0);
  let rf = 0;
  let rt = 0;
  let lastChunk: Buffer = rb;
  let lastStart = 0;
  const range = (a: number, b: number): void => {
    if (a >= lastStart) {
      rb = lastChunk;
      rf = a - lastStart;
      rt = b - lastStart;
      return;
    }
    for (let i = chunks.length - 1; i >= 0; i--) {
      const st = starts[i];
      if (a >= st) {
        const c = chunks[i];
        if (b - st <= c.length) {
          rb = c;
          rf = a - st;
          rt = b - st;
          return;
        }
        const parts: Buffer[] = [];
        for (let j = i; j < chunks.length && starts[j] < b; j++) parts.push(chunks[j].subarray(Math.max(0, a - starts[j]), Math.min(chunks[j].length, b - starts[j])));
        rb = Buffer.concat(parts);
        rf = 0;
        rt = rb.length;
        return;
      }
    }
    throw new XmlSyntaxError('a token reaches back beyond the bytes kept');
  };

  // A text cut by the end of a chunk waits for the rest (bytes copied), so that it is decoded whole.
  const pending: Buffer[] = [];
  let pendingCdata = false;
  const flushText = (): void => {
    if (pending.length === 0) return;
    const b = pending.length === 1 ? pending[0] : Buffer.concat(pending);
    pending.length = 0;
    emitText(b, 0, b.length, pendingCdata);
  };
  const emitText = (b: Buffer, from: number, to: number, cdata: boolean): void => {
    if (from >= to || stack.length === 0) return;
    if (h.textBytes) h.textBytes(b, from, to, cdata);
    else if (h.text) h.text(decodeText(b, from, to, cdata));
  };
  const onText = (a: number, b: number, cdata: boolean): void => {
    if (a >= b || (h.wantsText && !h.wantsText())) return;
    if (pending.length > 0 && pendingCdata !== cdata) flushText();
    range(a, b);
    if (b === total || pending.length > 0) {
      // Possibly cut (or the rest of a cut one): kept until the next token.
      pending.push(Buffer.from(rb.subarray(rf, rt)));
      pendingCdata = cdata;
      if (b !== total) flushText();
      return;
    }
    emitText(rb, rf, rt, cdata);
  };

  // The tag being read.
  let tagName = '';
  let nAttrs = 0;
  let selfClosing = false;
  // Absolute offsets of each attribute's name and value, resolved to bytes only when asked for.
  const nameA: number[] = [];
  const nameB: number[] = [];
  const valA: number[] = [];
  const valB: number[] = [];
  // A one-letter name's byte (r, s, t: the attributes of a cell), -1 for longer names.
  const nameC: number[] = [];

  const value = (k: number): string => {
    range(valA[k], valB[k]);
    let s = utf8Slice.call(rb, rf, rt);
    if (s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\t') >= 0) s = s.replace(/\r\n?|[\n\t]/g, ' ');
    return s.indexOf('&') >= 0 ? decodeEntities(s) : s;
  };
  const nameIs = (k: number, name: string, skip: number): boolean => {
    if (nameB[k] - nameA[k] - skip !== name.length) return false;
    range(nameA[k] + skip, nameB[k]);
    for (let i = 0; i < name.length; i++) if (rb[rf + i] !== name.charCodeAt(i)) return false;
    return true;
  };
  const tag: XmlTag = {
    attr(name) {
      for (let k = 0; k < nAttrs; k++) if (nameIs(k, name, 0)) return value(k);
      return undefined;
    },
    attrLocal(local) {
      for (let k = 0; k < nAttrs; k++) {
        range(nameA[k], nameB[k]);
        const c = rb.indexOf(COLON, rf);
        if (c < 0 || c >= rt) continue;
        if (c - rf === 5 && rb.toString('latin1', rf, c) === 'xmlns') continue;
        if (nameIs(k, local, c + 1 - rf)) return value(k);
      }
      return undefined;
    },
    attrs() {
      const out: Record<string, string> = {};
      for (let k = 0; k < nAttrs; k++) {
        range(nameA[k], nameB[k]);
        out[utf8Slice.call(rb, rf, rt)] = value(k);
      }
      return out;
    },
    get selfClosing() {
      return selfClosing;
    },
    index(name) {
      if (name.length === 1) {
        const c = name.charCodeAt(0);
        for (let k = 0; k < nAttrs; k++) if (nameC[k] === c) return k;
        return -1;
      }
      for (let k = 0; k < nAttrs; k++) if (nameIs(k, name, 0)) return k;
      return -1;
    },
    str: (k) => value(k),
    int(k) {
      range(valA[k], valB[k]);
      const b = rb;
      const a = rf;
      const e = rt;
      if (e === a || e - a > 15) return NaN;
      let n = 0;
      for (let i = a; i < e; i++) {
        const c = b[i];
        if (c < 0x30 || c > 0x39) return NaN;
        n = n * 10 + (c - 0x30);
      }
      return n;
    },
    col(k) {
      range(valA[k], valB[k]);
      const b = rb;
      const a = rf;
      const e = rt;
      let col = 0;
      let i = a;
      for (; i < e; i++) {
        const c = b[i];
        if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
        else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
        else break;
        if (col > MAX_COL) return 0;
      }
      if (i === a) return 0;
      for (; i < e; i++) {
        const c = b[i];
        if (c < 0x30 || c > 0x39) return 0;
      }
      return col;
    },
    eq(k, lit) {
      if (valB[k] - valA[k] !== lit.length) return false;
      range(valA[k], valB[k]);
      const b = rb;
      const a = rf;
      for (let i = 0; i < lit.length; i++) if (b[a + i] !== lit.charCodeAt(i)) return false;
      return true;
    },
  };

  const openTag = (close: boolean): void => {
    const name = tagName;
    selfClosing = close;
    h.open(name, tag);
    if (close) h.close(name);
    else stack.push(name);
  };

  const tok = new Tokenizer(
    { xmlMode: true, decodeEntities: false },
    {
      onopentagname: (a: number, b: number) => {
        flushText();
        range(a, b);
        tagName = internName(rb, rf, rt);
        nAttrs = 0;
      },
      onattribname: (a: number, b: number) => {
        const k = nAttrs++;
        nameA[k] = a;
        nameB[k] = b;
        if (b - a === 1) {
          range(a, b);
          nameC[k] = rb[rf];
        } else nameC[k] = -1;
        valA[k] = a;
        valB[k] = a;
      },
      onattribdata: (a: number, b: number) => {
        // A value cut by the end of a chunk comes in pieces, one after the other.
        const k = nAttrs - 1;
        if (valA[k] === valB[k]) valA[k] = a;
        valB[k] = b;
      },
      onattribentity: () => {
        throw new XmlSyntaxError('entity in an attribute');
      },
      onattribend: (quote: QuoteType) => {
        if (quote === NO_VALUE || quote === UNQUOTED) throw new XmlSyntaxError('attribute without a quoted value');
      },
      onopentagend: (end: number) => {
        keepFrom = end + 1;
        openTag(false);
      },
      onselfclosingtag: (end: number) => {
        keepFrom = end + 1;
        openTag(true);
      },
      onclosetag: (a: number, b: number) => {
        flushText();
        range(a, b);
        const name = internName(rb, rf, rt);
        const open = stack.pop();
        if (open !== name) throw new XmlSyntaxError(`closing tag ${name.slice(0, 40)} does not match ${String(open).slice(0, 40)}`);
        keepFrom = b + 1;
        h.close(name);
      },
      ontext: (a: number, b: number) => {
        keepFrom = b;
        onText(a, b, false);
      },
      ontextentity: () => {
        throw new XmlSyntaxError('entity in a text');
      },
      oncdata: (a: number, b: number, off: number) => {
        keepFrom = b + 1;
        onText(a, b - off, true);
      },
      oncomment: (_a: number, b: number) => {
        keepFrom = b + 1;
      },
      onprocessinginstruction: (_a: number, b: number) => {
        keepFrom = b + 1;
      },
      ondeclaration: () => {
        // <!DOCTYPE …>, <!ENTITY …>: no DTD is ever read.
        throw new XmlSyntaxError('a DOCTYPE or markup declaration (not read: entities are never expanded)');
      },
      onend: () => {
        ended = true;
      },
    },
  );

  const feedBytes = (chunk: Buffer): void => {
    if (chunk.length === 0) return;
    chunks.push(chunk);
    starts.push(total);
    lastChunk = chunk;
    lastStart = total;
    total += chunk.length;
    tok.write(latin1Slice.call(chunk, 0, chunk.length));
    // Chunks every token of which has ended are no longer needed.
    while (chunks.length > 1 && starts[1] <= keepFrom) {
      chunks.shift();
      starts.shift();
    }
    if (total - starts[0] > MAX_TOKEN_BYTES) throw new XmlSyntaxError('a single piece of markup over 64 MB');
  };

  let started = false;
  let utf16: TextDecoder | null = null;
  let pendingStart: Buffer | null = null;
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
        // UTF-16 parts (rare): decoded and re-encoded as UTF-8 before tokenizing.
        utf16 = new TextDecoder(chunk[0] === 0xff ? 'utf-16le' : 'utf-16be');
      } else if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    }
    if (utf16) feedBytes(Buffer.from(utf16.decode(chunk, { stream: true }), 'utf8'));
    else feedBytes(chunk);
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
        feedBytes(p);
      }
      if (utf16) {
        const rest = utf16.decode();
        if (rest) feedBytes(Buffer.from(rest, 'utf8'));
      }
      tok.end();
        flushText();
        if (!ended || stack.length > 0) throw new XmlSyntaxError(`element ${String(stack[stack.length - 1]).slice(0, 40)} is not closed`);
    },
  };
}
