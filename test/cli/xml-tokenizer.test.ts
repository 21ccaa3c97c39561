/**
 * The .xlsx reader's XML layer (src/cli/xlsx/xml.ts: htmlparser2's tokenizer over Latin-1, values
 * decoded from the bytes) against saxes, the parser it replaced: the same events (elements by local
 * name, attributes, texts) for every XML part of every workbook the samples and tests hold and of
 * the hostile corpus, whole and cut into chunks of 1–7 bytes and at random; random documents from
 * fast-check; and both refuse the same broken or dangerous documents.
 */
import * as path from 'path';
import fc from 'fast-check';
import { SaxesParser, type SaxesTag } from 'saxes';
import { bytesNumber, TextCache, xmlStream, decodeText } from '../../src/cli/xlsx/xml';
import { openZip } from '../../src/cli/xlsx/zip';
import { writeHostileCorpus } from './hostile';
import { tmpDir, xlsxUnder } from './helpers';

jest.setTimeout(240000);

const ROOT = path.join(__dirname, '..', '..');

type Ev = [string, string, Record<string, string>?];

function local(n: string): string {
  const i = n.indexOf(':');
  return i < 0 ? n : n.slice(i + 1);
}

/** Events with adjacent texts joined and texts outside the root element left out. */
function push(out: Ev[], e: Ev, depth: number): void {
  if (e[0] === 'text') {
    if (depth === 0 || e[1] === '') return;
    const last = out[out.length - 1];
    if (last && last[0] === 'text') last[1] += e[1];
    else out.push(e);
  } else out.push(e);
}

function bySaxes(xml: Buffer): Ev[] {
  const out: Ev[] = [];
  let depth = 0;
  const p = new SaxesParser({ position: false });
  p.on('opentag', (t: SaxesTag) => {
    push(out, ['open', local(t.name), { ...(t.attributes as Record<string, string>) }], depth);
    depth++;
  });
  p.on('closetag', (t: SaxesTag) => {
    depth--;
    push(out, ['close', local(t.name)], depth);
  });
  p.on('text', (s: string) => push(out, ['text', s], depth));
  p.on('cdata', (s: string) => push(out, ['text', s], depth));
  p.on('error', (e: Error) => {
    throw e;
  });
  let s = xml.toString('utf8');
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  p.write(s);
  p.close();
  return out;
}

function byTokenizer(xml: Buffer, cuts: (i: number) => number): Ev[] {
  const out: Ev[] = [];
  let depth = 0;
  let selfClosing = false;
  const x = xmlStream({
    open(n, tag) {
      push(out, ['open', n, tag.attrs()], depth);
      selfClosing = tag.selfClosing;
      if (!selfClosing) depth++;
    },
    close(n) {
      if (selfClosing) selfClosing = false;
      else depth--;
      push(out, ['close', n], depth);
    },
    text(s) {
      push(out, ['text', s], depth);
    },
  });
  let i = 0;
  let k = 0;
  while (i < xml.length) {
    const n = Math.max(1, cuts(k++));
    x.write(xml.subarray(i, i + n));
    i += n;
  }
  x.end();
  return out;
}

function outcome(f: () => Ev[]): Ev[] | 'refused' {
  try {
    return f();
  } catch {
    return 'refused';
  }
}

async function xmlParts(file: string): Promise<Array<{ name: string; data: Buffer }>> {
  const zip = await openZip(file);
  const out: Array<{ name: string; data: Buffer }> = [];
  try {
    for (const name of zip.names.filter((n) => /\.(xml|rels)$/i.test(n))) {
      const chunks: Buffer[] = [];
      try {
        await zip.read(name, (b) => chunks.push(Buffer.from(b)));
      } catch {
        continue;
      }
      out.push({ name, data: Buffer.concat(chunks) });
    }
  } finally {
    zip.close();
  }
  return out;
}

function sameAsSaxes(label: string, xml: Buffer): void {
  const want = outcome(() => bySaxes(xml));
  const cutters: Array<[string, (i: number) => number]> = [
    ['whole', () => xml.length],
    ...[1, 2, 3, 5, 7].map((n): [string, (i: number) => number] => [`${n}-byte chunks`, () => n]),
    ['uneven', (i) => [1, 13, 2, 64, 3, 4096, 7][i % 7]],
  ];
  for (const [how, cut] of cutters) {
    if (xml.length > 200_000 && how !== 'whole' && how !== 'uneven') continue;
    expect({ label, how, got: outcome(() => byTokenizer(xml, cut)) }).toEqual({ label, how, got: want });
  }
}

describe('the XML layer gives the events saxes gives', () => {
  it('every XML part of the samples, the test workbooks and the hostile corpus', async () => {
    const dir = tmpDir('ledger-xml-');
    const corpus = await writeHostileCorpus(dir);
    const files = [...xlsxUnder(path.join(ROOT, 'samples')), ...xlsxUnder(path.join(ROOT, 'test')), ...corpus.filter((c) => /\.xlsx$/.test(c.file) && c.name !== 'lying-zip.xlsx').map((c) => c.file)];
    let parts = 0;
    for (const f of files) {
      let list: Array<{ name: string; data: Buffer }>;
      try {
        list = await xmlParts(f);
      } catch {
        continue;
      }
      for (const p of list) {
        sameAsSaxes(`${path.basename(f)}:${p.name}`, p.data);
        parts++;
      }
    }
    expect(parts).toBeGreaterThan(50);
  });

  it('texts, attributes, entities, CDATA, comments, prefixes, Chinese split at every byte', () => {
    const docs = [
      '<?xml version="1.0" encoding="UTF-8"?>\r\n<x:a xmlns:x="u" k=\'v "q"\' t="a&amp;b&#x4E2D;&#22269;"><!-- c -> - --><x:b>红旗村&lt;一&gt;</x:b><c><![CDATA[<不是标签> & ]]></c>\r\n<d e = "1"\n f="&#10;x\ty"/><?pi 中文?></x:a>',
      '\ufeff<a><b>line1\r\nline2\rline3</b></a>',
      '<a>' + '长'.repeat(5000) + '</a>',
      '<a b="' + '值'.repeat(3000) + '"/>',
    ];
    for (const d of docs) sameAsSaxes(d.slice(0, 30), Buffer.from(d, 'utf8'));
  });

  it('refuses what saxes refuses: DTDs and entities, unknown entities, cut or mismatched documents', () => {
    const bad = [
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><a>&lol;</a>',
      '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><a>&xxe;</a>',
      '<a>&nbsp;</a>',
      '<a>a & b</a>',
      '<a><b></a></b>',
      '<a><b>',
      '<a><b x="1',
      '<a b=1/>',
      '<a>&#0;</a>',
      '<a><![CDATA[x</a>',
    ];
    for (const d of bad) {
      const xml = Buffer.from(d, 'utf8');
      expect({ d, saxes: outcome(() => bySaxes(xml)) }).toEqual({ d, saxes: 'refused' });
      for (const n of [1, 3, 1000]) expect({ d, n, ours: outcome(() => byTokenizer(xml, () => n)) }).toEqual({ d, n, ours: 'refused' });
    }
  });

  it('random documents, random cuts (fast-check)', () => {
    const name = fc.constantFrom('a', 'c', 'v', 'row', 'x:t', 'si', 'is', 'rPh', '中');
    const text = fc.string({ unit: fc.constantFrom('a', ' ', '中', '文', '&amp;', '&lt;', '\n', '"', "'", '𠀀', '>', '\r\n') });
    const attr = fc.tuple(fc.constantFrom('r', 's', 't', 'x:id', 'ref'), text);
    type Node = { n: string; attrs: Array<[string, string]>; kids: Array<Node | string> };
    const node: fc.Arbitrary<Node> = fc.letrec<{ node: Node }>((tie) => ({
      node: fc.record({ n: name, attrs: fc.uniqueArray(attr, { selector: (a) => a[0], maxLength: 3 }), kids: fc.array(fc.oneof(text, tie('node')), { maxLength: 4 }) }),
    })).node;
    const render = (x: Node): string => {
      const a = x.attrs.map(([k, v]) => ` ${k}="${v.replace(/"/g, '&quot;').replace(/>/g, '&gt;')}"`).join('');
      const kids = x.kids.map((k) => (typeof k === 'string' ? k.replace(/>/g, '&gt;') : render(k))).join('');
      return kids ? `<${x.n}${a}>${kids}</${x.n}>` : `<${x.n}${a}/>`;
    };
    fc.assert(
      fc.property(node, fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 8 }), (doc, cuts) => {
        const xml = Buffer.from(render(doc), 'utf8');
        const want = outcome(() => bySaxes(xml));
        const got = outcome(() => byTokenizer(xml, (i) => cuts[i % cuts.length]));
        expect(got).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });
});

describe('reading values from bytes', () => {
  it('bytesNumber reads plain decimals exactly as Number() and gives NaN for the rest', () => {
    const cases = ['0', '12800', '-5', '0.05', '18472.5', '1.10', '123456789012345', '3.14159', '-0.001', '007'];
    for (const c of cases) expect([c, bytesNumber(Buffer.from(c), 0, c.length)]).toEqual([c, Number(c)]);
    for (const c of ['', '-', '.', '1.', '1e5', '1234567890123456', '1.2.3', ' 1', '0x10', '１']) expect([c, bytesNumber(Buffer.from(c), 0, Buffer.byteLength(c))]).toEqual([c, NaN]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999999999 }), fc.integer({ min: 0, max: 6 }), (n, d) => {
        const s = d > 0 ? `${Math.floor(n / 10 ** d)}.${String(n % 10 ** d).padStart(d, '0')}` : String(n);
        expect(bytesNumber(Buffer.from(s), 0, s.length)).toBe(Number(s));
      }),
    );
  });

  it('the text cache gives the decoded text, whatever collides', () => {
    const cache = new TextCache();
    const texts = ['红旗村', '男', '汉族', 'a&amp;b', 'x\r\ny', '在册', '', 'A'.repeat(40)];
    const wrong: string[] = [];
    for (let round = 0; round < 3; round++)
      for (let i = 0; i < 40000; i++) {
        const t = i < texts.length ? texts[i] : `名${i % 20011}`;
        const b = Buffer.from(`<v>${t}</v>`);
        if (cache.get(b, 3, b.length - 4, false) !== decodeText(b, 3, b.length - 4, false)) wrong.push(t);
      }
    expect(wrong).toEqual([]);
  });
});
