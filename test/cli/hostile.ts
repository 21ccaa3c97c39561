/**
 * A small generator of hostile and broken inputs (test/cli/hostile.test.ts, the differential test,
 * bench/cli.bench.ts). Everything is written into a temp folder; nothing large is committed.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { makeOle, makeZip } from './helpers';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface SheetSpec {
  name: string;
  /** The inner XML of <sheetData> (or, with `raw`, the whole part). */
  data: string;
  raw?: boolean;
  hidden?: boolean;
  merges?: string[];
}

export interface BookSpec {
  sheets: SheetSpec[];
  /** null: no sharedStrings part at all. */
  sst?: string[] | null;
  /** Raw <si> elements instead of plain strings. */
  sstXml?: string;
  date1904?: boolean;
  /** Custom number formats and the cellXfs numFmtIds. */
  numFmts?: Record<number, string>;
  xfs?: number[];
  /** Parts to drop, parts to add. */
  drop?: string[];
  extra?: Array<{ name: string; data: Buffer; declaredSize?: number }>;
  /** Declared sizes to lie about, by part name. */
  declare?: Record<string, number>;
}

/** A minimal, valid .xlsx package from XML pieces (makeZip: a plain deflate zip). */
export function buildXlsx(b: BookSpec): Buffer {
  const parts: Array<{ name: string; data: Buffer; declaredSize?: number }> = [];
  const put = (name: string, xml: string): void => {
    if (!b.drop?.includes(name)) parts.push({ name, data: Buffer.from(xml, 'utf8'), declaredSize: b.declare?.[name] });
  };
  const sheetsCt = b.sheets.map((_s, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('');
  put(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheetsCt}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
  );
  put('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  const sheetEls = b.sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.hidden ? ' state="hidden"' : ''} r:id="rId${i + 1}"/>`).join('');
  put('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${R}"><workbookPr${b.date1904 ? ' date1904="1"' : ''}/><sheets>${sheetEls}</sheets></workbook>`);
  const n = b.sheets.length;
  const rels = b.sheets.map((_s, i) => `<Relationship Id="rId${i + 1}" Type="${R}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('');
  put(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}<Relationship Id="rId${n + 1}" Type="${R}/styles" Target="styles.xml"/>${b.sst === null ? '' : `<Relationship Id="rId${n + 2}" Type="${R}/sharedStrings" Target="sharedStrings.xml"/>`}</Relationships>`,
  );
  const fmts = Object.entries(b.numFmts ?? {}).map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${esc(code)}"/>`).join('');
  const xfs = (b.xfs ?? [0]).map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"${id ? ' applyNumberFormat="1"' : ''}/>`).join('');
  put(
    'xl/styles.xml',
    `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${NS}">${fmts ? `<numFmts count="${Object.keys(b.numFmts ?? {}).length}">${fmts}</numFmts>` : ''}<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${(b.xfs ?? [0]).length}">${xfs}</cellXfs></styleSheet>`,
  );
  if (b.sst !== null) {
    const sis = b.sstXml ?? (b.sst ?? []).map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('');
    put('xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}">${sis}</sst>`);
  }
  b.sheets.forEach((s, i) => {
    const merges = s.merges?.length ? `<mergeCells count="${s.merges.length}">${s.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
    put(`xl/worksheets/sheet${i + 1}.xml`, s.raw ? s.data : `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}" xmlns:r="${R}"><sheetData>${s.data}</sheetData>${merges}</worksheet>`);
  });
  parts.push(...(b.extra ?? []));
  return makeZip(parts);
}

/** Inline-string cell. */
export function is(ref: string, text: string): string {
  return `<c r="${ref}" t="inlineStr"><is><t>${esc(text)}</t></is></c>`;
}

/** A ledger-looking header and rows, inline strings. */
export function ledgerRows(rows: number, extraHeader = 0): string {
  const head = ['序号', '姓名', '身份证号', '优抚类别', '所在村'];
  let x = `<row r="1">${head.map((h, i) => is(`${String.fromCharCode(65 + i)}1`, h)).join('')}`;
  for (let c = 0; c < extraHeader; c++) x += is(`${colName(6 + c)}1`, `备注${c + 1}`);
  x += '</row>';
  for (let r = 2; r <= rows + 1; r++) x += `<row r="${r}"><c r="A${r}"><v>${r - 1}</v></c>${is(`B${r}`, '张三')}${is(`C${r}`, '11010519491231002X')}${is(`D${r}`, '伤残军人')}${is(`E${r}`, '红旗村')}</row>`;
  return x;
}

export function colName(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/**
 * A raw-deflate stream that inflates to `mb` MiB of sheet rows from a ~1 KB input: one 1 MiB block
 * compressed with a full flush (independent of what precedes it), repeated, then a final block.
 */
export function deflateBomb(mb: number, unit = Buffer.from('<row><c t="inlineStr"><is><t>炸</t></is></c></row>'.repeat(1), 'utf8')): { data: Buffer; inflated: number } {
  const MiB = 1024 * 1024;
  const reps = Math.ceil(MiB / unit.length);
  const block = Buffer.concat(Array.from({ length: reps }, () => unit)).subarray(0, Math.floor(MiB / unit.length) * unit.length);
  // deflateRawSync with a full flush: the compressed block is byte-aligned and self-contained.
  const piece = zlib.deflateRawSync(block, { finishFlush: zlib.constants.Z_FULL_FLUSH });
  const head = zlib.deflateRawSync(Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>`), { finishFlush: zlib.constants.Z_FULL_FLUSH });
  const tail = zlib.deflateRawSync(Buffer.from('</sheetData></worksheet>'));
  const parts = [head];
  for (let i = 0; i < mb; i++) parts.push(piece);
  parts.push(tail);
  return { data: Buffer.concat(parts), inflated: mb * block.length };
}

/** A zip whose sheet is given as already-deflated bytes, declaring `declaredSize` for it. */
export function zipWithDeflatedSheet(deflated: Buffer, declaredSize: number): Buffer {
  const base = buildXlsx({ sheets: [{ name: '优抚对象', data: '' }], drop: ['xl/worksheets/sheet1.xml'] });
  // Re-pack: the base's parts plus the raw sheet (makeZip deflates; so this part is stored by hand).
  return appendRawEntry(base, 'xl/worksheets/sheet1.xml', deflated, declaredSize);
}

/** Appends an entry whose compressed bytes are given (method 8), with a declared size and CRC 0. */
function appendRawEntry(zip: Buffer, name: string, comp: Buffer, declared: number): Buffer {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const cdSize = zip.readUInt32LE(eocd + 12);
  const cdOff = zip.readUInt32LE(eocd + 16);
  const count = zip.readUInt16LE(eocd + 10);
  const locals = zip.subarray(0, cdOff);
  const cd = zip.subarray(cdOff, cdOff + cdSize);
  const nm = Buffer.from(name, 'utf8');
  const lh = Buffer.alloc(30);
  lh.writeUInt32LE(0x04034b50, 0);
  lh.writeUInt16LE(20, 4);
  lh.writeUInt16LE(0x0800, 6);
  lh.writeUInt16LE(8, 8);
  lh.writeUInt32LE(0, 14);
  lh.writeUInt32LE(comp.length, 18);
  lh.writeUInt32LE(declared >>> 0, 22);
  lh.writeUInt16LE(nm.length, 26);
  const ch = Buffer.alloc(46);
  ch.writeUInt32LE(0x02014b50, 0);
  ch.writeUInt16LE(20, 4);
  ch.writeUInt16LE(20, 6);
  ch.writeUInt16LE(0x0800, 8);
  ch.writeUInt16LE(8, 10);
  ch.writeUInt32LE(0, 16);
  ch.writeUInt32LE(comp.length, 20);
  ch.writeUInt32LE(declared >>> 0, 24);
  ch.writeUInt16LE(nm.length, 28);
  ch.writeUInt32LE(cdOff, 42);
  const newCd = Buffer.concat([cd, ch, nm]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count + 1, 8);
  end.writeUInt16LE(count + 1, 10);
  end.writeUInt32LE(newCd.length, 12);
  end.writeUInt32LE(cdOff + 30 + nm.length + comp.length, 16);
  return Buffer.concat([locals, lh, nm, comp, newCd, end]);
}

export interface HostileCase {
  name: string;
  file: string;
  /** What the CLI must do with it. */
  expect: 'refused' | 'repaired' | 'read';
  /** For refusals: the failure code; for repairs: a fragment of the warning. */
  code?: string;
  /** exceljs reads it to the same model (differential test). */
  exceljsReadable?: boolean;
}

/** Writes the corpus into `dir`; `bombMb` sizes the lying zip (MiB it really inflates to). */
export async function writeHostileCorpus(dir: string, bombMb = 256): Promise<HostileCase[]> {
  fs.mkdirSync(dir, { recursive: true });
  const out: HostileCase[] = [];
  const add = (name: string, data: Buffer, c: Omit<HostileCase, 'name' | 'file'>): void => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, data);
    out.push({ name, file, ...c });
  };
  const sheet = (data: string, extra: Partial<SheetSpec> = {}): SheetSpec => ({ name: '优抚对象', data, ...extra });

  const bomb = deflateBomb(bombMb);
  add('lying-zip.xlsx', zipWithDeflatedSheet(bomb.data, 64 * 1024), { expect: 'refused', code: 'file.zip-bomb' });
  add('no-shared-strings.xlsx', buildXlsx({ sst: null, sheets: [sheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>')] }), { expect: 'refused', code: 'file.damaged' });
  add('no-workbook.xlsx', buildXlsx({ sheets: [sheet(ledgerRows(2))], drop: ['xl/workbook.xml', '_rels/.rels'] }), { expect: 'refused', code: 'file.not-xlsx' });
  add('bad-ref.xlsx', buildXlsx({ sheets: [sheet(ledgerRows(3) + `<row r="18">${is('ZZZZ18', '坏')}${is('B18', '李四')}</row>`)] }), { expect: 'repaired', code: 'ZZZZ18' });
  add('sst-out-of-range.xlsx', buildXlsx({ sst: ['姓名'], sheets: [sheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>7</v></c></row>')] }), { expect: 'repaired', code: '指向不存在的文字' });
  add('truncated-sheet.xlsx', buildXlsx({ sheets: [sheet(`<?xml version="1.0"?><worksheet xmlns="${NS}"><sheetData>${ledgerRows(5)}<row r="9"><c r="A9" t="inlineStr"><is><t>半`, { raw: true })] }), { expect: 'repaired', code: '第 6 行之后' });
  add('rows-out-of-order.xlsx', buildXlsx({ sheets: [sheet(`<row r="3">${is('A3', '三')}</row><row r="1">${is('A1', '一')}</row><row r="2">${is('A2', '二')}</row>`)] }), { expect: 'repaired', code: '重排', exceljsReadable: true });
  const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>`;
  add('billion-laughs.xlsx', buildXlsx({ sheets: [sheet(laughs, { raw: true })] }), { expect: 'repaired', code: '读不出内容' });
  const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>`;
  add('xxe.xlsx', buildXlsx({ sheets: [sheet(xxe, { raw: true })] }), { expect: 'repaired', code: '读不出内容' });
  add('wide-header.xlsx', buildXlsx({ sheets: [sheet(ledgerRows(3, 16384 - 5))] }), { expect: 'read', exceljsReadable: true });
  add('long-cell.xlsx', buildXlsx({ sheets: [sheet(`<row r="1">${is('A1', '姓名')}</row><row r="2">${is('A2', '长'.repeat(5 * 1024 * 1024))}</row>`)] }), { expect: 'read', exceljsReadable: true });
  add('prefixed.xlsx', buildXlsx({ sheets: [sheet(`<?xml version="1.0"?><x:worksheet xmlns:x="${NS}"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>前缀</x:t></x:is></x:c><x:c r="B1"><x:v>3</x:v></x:c></x:row></x:sheetData></x:worksheet>`, { raw: true })] }), { expect: 'read' });
  add(
    'rich-phonetic.xlsx',
    buildXlsx({
      sstXml: '<si><r><t>张</t></r><r><rPr><b/></rPr><t>建国</t></r><rPh sb="0" eb="1"><t>ZHANG</t></rPh></si><si><t>红旗村</t></si><si><t>A_x000D_B</t></si>',
      sheets: [sheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>')],
    }),
    { expect: 'read', exceljsReadable: true },
  );
  add(
    'formats-1904.xlsx',
    buildXlsx({
      date1904: true,
      numFmts: { 164: 'yyyy"年"m"月"d"日"', 165: 'mm:ss' },
      xfs: [0, 14, 164, 165, 18, 49, 10],
      sheets: [sheet('<row r="1"><c r="A1" s="1"><v>43585</v></c><c r="B1" s="2"><v>43585</v></c><c r="C1" s="3"><v>0.0125</v></c><c r="D1" s="4"><v>0.5</v></c><c r="E1" s="5" t="s"><v>0</v></c><c r="F1" s="6"><v>0.25</v></c><c r="G1" t="b"><v>1</v></c><c r="H1" t="e"><v>#N/A</v></c><c r="I1" t="str"><f>A1&amp;""</f><v>公式</v></c></row>')],
      sst: ['370102195003121153'],
    }),
    { expect: 'read', exceljsReadable: false },
  );
  add(
    'merged-hidden.xlsx',
    buildXlsx({
      sheets: [sheet(ledgerRows(4), { merges: ['E2:E5', 'A7:C7'] }), { name: '隐藏', data: `<row r="1">${is('A1', '秘')}</row>`, hidden: true }],
    }),
    { expect: 'read', exceljsReadable: true },
  );
  add('html.xlsx', Buffer.from('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><table><tr><td>姓名</td></tr></table></body></html>'), { expect: 'read' });
  add('pdf.xlsx', Buffer.concat([Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n', 'latin1'), Buffer.alloc(200, 0x20)]), { expect: 'refused', code: 'file.pdf' });
  add('encrypted.xlsx', makeOle(true), { expect: 'refused', code: 'file.encrypted' });
  add(
    'xlsb.xlsx',
    makeZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/workbook.bin', data: Buffer.alloc(64, 1) },
      { name: 'xl/worksheets/sheet1.bin', data: Buffer.alloc(64, 2) },
    ]),
    { expect: 'refused', code: 'file.xlsb' },
  );
  add(
    'ods.xlsx',
    makeZip([
      { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet') },
      { name: 'content.xml', data: Buffer.from('<office:document-content/>') },
    ]),
    { expect: 'refused', code: 'file.damaged' },
  );
  add('good.xlsx', buildXlsx({ sheets: [sheet(ledgerRows(3))] }), { expect: 'read', exceljsReadable: true });
  return out;
}
