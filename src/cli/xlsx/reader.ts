/**
 * The streaming .xlsx reader: yauzl inflates one part at a time (counted against a budget as it
 * inflates), a streaming decoder and saxes parse it, and each sheet's rows are built as they pass
 * into the core's sheet model. The cells go through the core's one cell reader (cellFromRaw).
 *
 * Read: workbook (sheet names, hidden state, the 1904 flag), its relationships, styles (number
 * formats of cellXfs, custom and built-in), shared strings (plain and rich text, phonetic runs
 * left out), and per sheet: cells with shared, inline, rich and formula-cached values, booleans,
 * errors, ISO dates (t="d"), merged areas (a merge down one column fills its rows, as the
 * exceljs reader did). Damage Excel repairs is repaired the same way and reported as a warning:
 * a bad cell reference costs that cell, a shared string index out of range an empty cell, a sheet
 * cut short keeps the rows before the cut. What cannot be repaired (no workbook part, no shared
 * strings when cells need them, a broken zip, a bomb) is an XlsxError: one clerk sentence.
 */
import { fillMergesDown, mergeNote, parseArea } from '../../core/cells/merges';
import { cellFromRaw, isDateFormat, numFmtOf } from '../../core/cells/read-cell';
import type { CellValue, RowData, SheetData } from '../../core/model';
import { MAX_SHARED_STRINGS_BYTES, openZip, XlsxError, type ZipReader } from './zip';
import { bytesNumber, TextCache, xmlStream, type XmlHandlers, type XmlTag } from './xml';

export { XlsxError } from './zip';

const MAX_COLS = 16384;
const MAX_ROWS = 1048576;

export interface StreamReadOptions {
  /** Tests: cut every inflated chunk to this many bytes before decoding. */
  chunkSize?: number;
  /** Called after each sheet. */
  onSheet?: (sheet: string, rows: number) => void;
  /** Only sheets whose name passes (others are listed with no rows). */
  total?: number;
}

export interface StreamedBook {
  sheets: SheetData[];
  date1904: boolean;
  /** Informational lines (merged data cells filled…). */
  notes: string[];
  /** Repairs: what was repaired, bare (`sheet` when it concerns one sheet); the `file.repaired` message frames it. */
  warnings: ReadWarning[];
}

export interface ReadWarning {
  zh: string;
  en: string;
  sheet?: string;
}

/**
 * How much one workbook may put into the sheet model, whatever its bytes (a workbook of tiny
 * cells can stay within the inflation budget and still ask for a model of tens of millions of
 * cells): 20,000,000 non-empty cells and 2,000,000 rows with content, all sheets together —
 * about 1.5 million rows of a 13-column ledger, more than Excel holds in one sheet. Beyond, the
 * workbook is refused (file.too-large) with a line naming the sheet. Tests lower them.
 */
export const READ_LIMITS = { cells: 20_000_000, rows: 2_000_000 };

interface Budget {
  cells: number;
  rows: number;
}

interface SheetRef {
  name: string;
  rid: string;
  hidden: boolean;
}

function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.replace(/^\/+/, '');
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.replace(/\\/g, '/').split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

function relsPathOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

async function parsePart(zip: ZipReader, name: string, h: XmlHandlers, chunkSize = 0, limit?: number): Promise<void> {
  const x = xmlStream(h, chunkSize);
  await zip.read(name, (b) => x.write(b), limit);
  try {
    x.end();
  } catch (e) {
    throw new XlsxError('damaged', `文件已损坏（部件 ${name} 不完整）`, `the file is damaged (part ${name} is incomplete)`, String((e as Error)?.message ?? e));
  }
}

async function readRels(zip: ZipReader, part: string, chunkSize: number): Promise<Array<{ id: string; type: string; target: string }>> {
  const name = zip.find(relsPathOf(part));
  if (!name) return [];
  const out: Array<{ id: string; type: string; target: string }> = [];
  await parsePart(
    zip,
    name,
    {
      open(n, a) {
        const target = n === 'Relationship' ? a.attr('Target') : undefined;
        if (target && a.attr('TargetMode') !== 'External') out.push({ id: a.attr('Id') ?? '', type: a.attr('Type') ?? '', target: resolveTarget(part, target) });
      },
      close() {},
    },
    chunkSize,
  );
  return out;
}

/** OOXML escapes control characters as _xHHHH_ (and a literal "_x" as _x005F_x). */
function unescapeOoxml(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function rowOfRef(ref: string): number {
  const m = /(\d+)$/.exec(ref);
  return m ? Number(m[1]) : 0;
}

function isoToDate(s: string): Date | null {
  const t = /[zZ]|[+-]\d\d:?\d\d$/.test(s) || !s.includes('T') ? s : s + 'Z';
  const d = new Date(t.length === 10 ? t + 'T00:00:00Z' : t);
  return Number.isNaN(d.getTime()) ? null : d;
}

interface SheetCounters {
  /** The first few bad references (shown), and how many there were. */
  badRefs: string[];
  badRefCount: number;
  badSst: number;
  badNumbers: number;
  reordered: boolean;
}

// Cell types (the `t` attribute), compared on the bytes.
const T_N = 0;
const T_S = 1;
const T_STR = 2;
const T_INLINE = 3;
const T_B = 4;
const T_E = 5;
const T_D = 6;

function typeOf(a: XmlTag, k: number): number {
  if (k < 0) return T_N;
  if (a.eq(k, 's')) return T_S;
  if (a.eq(k, 'str')) return T_STR;
  if (a.eq(k, 'inlineStr')) return T_INLINE;
  if (a.eq(k, 'b')) return T_B;
  if (a.eq(k, 'e')) return T_E;
  if (a.eq(k, 'd')) return T_D;
  return T_N;
}

/** Parses one worksheet part into rows. */
function sheetHandlers(sst: string[] | null, fmts: Array<string | undefined>, date1904: boolean, rows: RowData[], merges: string[], k: SheetCounters, needSst: { count: number }, texts: TextCache, budget: Budget, sheetName: string): XmlHandlers {
  const tooLarge = (): XlsxError =>
    new XlsxError(
      'too-large',
      `工作表“${sheetName}”的内容超过本工具一次能读取的规模（每个工作簿最多 ${READ_LIMITS.cells} 个有内容的单元格、${READ_LIMITS.rows} 行），拒绝读取`,
      `sheet "${sheetName}" holds more than one read can take (at most ${READ_LIMITS.cells} non-empty cells and ${READ_LIMITS.rows} rows per workbook); refused`,
    );
  let inData = false;
  let rowNo = 0;
  let cells: CellValue[] | null = null;
  let last = -1;
  let col = 0;
  let skip = false;
  let t = T_N;
  let s = 0;
  let hasV = false;
  let v = '';
  // A number read straight from the bytes of a <v> that holds nothing else (NaN: read v).
  let vn = NaN;
  let inIs = false;
  let inRPh = false;
  let collect = false;
  let is = '';
  // Whether a text of this cell holds a "_" (an OOXML escape _xHHHH_ is possible).
  let escaped = false;
  let lastRow = 0;
  const dates = new Map<number, Date>();
  const finishRow = (): void => {
    if (cells && last >= 0) {
      if (++budget.rows > READ_LIMITS.rows) throw tooLarge();
      cells.length = last + 1;
      if (rowNo <= lastRow) k.reordered = true;
      rows.push({ r: rowNo, cells });
      lastRow = Math.max(lastRow, rowNo);
    }
    cells = null;
  };
  return {
    open(name, a) {
      switch (name) {
        case 'sheetData':
          inData = true;
          return;
        case 'row': {
          if (!inData) return;
          finishRow();
          const kr = a.index('r');
          const r = kr < 0 ? rowNo + 1 : a.int(kr);
          if (!Number.isInteger(r) || r < 1 || r > MAX_ROWS) {
            if (k.badRefCount++ < 3) k.badRefs.push(`第 ${kr < 0 ? '' : a.str(kr).slice(0, 20)} 行`);
            rowNo = rowNo + 1;
          } else rowNo = r;
          cells = [];
          last = -1;
          col = 0;
          return;
        }
        case 'c': {
          if (!inData) return;
          const kr = a.index('r');
          if (!cells) {
            // A cell outside any row: Excel places it by its reference.
            rowNo = kr >= 0 ? rowOfRef(a.str(kr)) || rowNo + 1 : rowNo + 1;
            cells = [];
            last = -1;
            col = 0;
          }
          skip = false;
          if (kr >= 0) {
            const c = a.col(kr);
            if (c === 0) {
              if (k.badRefCount++ < 3) k.badRefs.push(a.str(kr).slice(0, 20));
              skip = true;
            } else col = c;
          } else col = col + 1;
          if (col > MAX_COLS) skip = true;
          t = typeOf(a, a.index('t'));
          const ks = a.index('s');
          s = ks < 0 ? 0 : a.int(ks) | 0;
          hasV = false;
          v = '';
          vn = NaN;
          is = '';
          escaped = false;
          return;
        }
        case 'v':
          if (cells) {
            collect = true;
            hasV = true;
          }
          return;
        case 'is':
          inIs = true;
          if (t === T_N) t = T_INLINE;
          return;
        case 'rPh':
          inRPh = true;
          return;
        case 't':
          if (inIs && !inRPh) collect = true;
          return;
        case 'mergeCell': {
          const ref = a.attr('ref');
          if (ref) merges.push(ref);
          return;
        }
      }
    },
    wantsText: () => collect,
    textBytes(b, from, to, cdata) {
      if (inIs) {
        const x = texts.get(b, from, to, cdata);
        if (texts.underscore) escaped = true;
        is = is === '' ? x : is + x;
        return;
      }
      // The whole <v> (nothing before it, its closing tag right after): numbers and shared-string
      // indexes need no string.
      if ((t === T_N || t === T_S) && v === '' && Number.isNaN(vn) && !cdata && to + 1 < b.length && b[to] === 0x3c && b[to + 1] === 0x2f) {
        vn = bytesNumber(b, from, to);
        if (!Number.isNaN(vn)) return;
      }
      if (!Number.isNaN(vn)) {
        // A second piece after a number read from the bytes (a comment or CDATA inside <v>).
        v = String(vn);
        vn = NaN;
      }
      const x = texts.get(b, from, to, cdata);
      if (texts.underscore) escaped = true;
      v = v === '' ? x : v + x;
    },
    close(name) {
      switch (name) {
        case 'v':
        case 't':
          collect = false;
          return;
        case 'rPh':
          inRPh = false;
          return;
        case 'is':
          inIs = false;
          return;
        case 'c': {
          if (!cells || skip) return;
          let val: CellValue = null;
          switch (t) {
            case T_S: {
              if (!hasV) break;
              needSst.count++;
              const idx = Number.isNaN(vn) ? Number(v) : vn;
              if (sst === null) break;
              const str = Number.isInteger(idx) && idx >= 0 && idx < sst.length ? sst[idx] : undefined;
              if (str === undefined) k.badSst++;
              else val = cellFromRaw(str);
              break;
            }
            case T_INLINE:
              val = cellFromRaw(escaped ? unescapeOoxml(is || v) : is || v);
              break;
            case T_STR:
              val = hasV ? cellFromRaw(escaped ? unescapeOoxml(v) : v) : null;
              break;
            case T_B:
              val = hasV ? v.trim() === '1' || v.trim().toLowerCase() === 'true' : null;
              break;
            case T_E:
              val = hasV && v ? { error: v } : null;
              break;
            case T_D: {
              const d = hasV ? isoToDate(v.trim()) : null;
              val = d ? cellFromRaw(d) : null;
              break;
            }
            default: {
              if (!hasV) break;
              if (!Number.isNaN(vn)) {
                // Dates are shared by serial (nothing changes a Date of the model): fewer objects
                // for the collector to copy.
                const fmt = fmts[s];
                if (fmt === undefined) val = vn;
                else {
                  const hit = dates.get(vn);
                  if (hit !== undefined && isDateFormat(fmt)) val = hit;
                  else {
                    val = cellFromRaw(vn, fmt, date1904);
                    if (val instanceof Date && dates.size < 100000) dates.set(vn, val);
                  }
                }
                break;
              }
              const x = v.trim();
              if (x === '') break;
              const n = Number(x);
              if (Number.isNaN(n)) k.badNumbers++;
              else val = cellFromRaw(n, fmts[s], date1904);
            }
          }
          if (val === null) return;
          if (++budget.cells > READ_LIMITS.cells) throw tooLarge();
          const i = col - 1;
          while (cells.length < i) cells.push(null);
          cells[i] = val;
          if (i > last) last = i;
          return;
        }
        case 'row':
          finishRow();
          return;
        case 'sheetData':
          finishRow();
          inData = false;
          return;
      }
    },
  };
}

/** Fills a merge down one column with the value shown: the core's rule (src/core/cells/merges.ts),
 *  the same the add-in applies; returns the notes. */
function applyMerges(rows: RowData[], merges: string[]): { rows: RowData[]; filled: string[] } {
  const areas = merges.map(parseArea).filter((m): m is NonNullable<typeof m> => m !== null);
  return fillMergesDown(rows, areas);
}

/** Rows out of order or repeated (Excel repairs them): sorted, and a repeated row's cells merged. */
function sortRows(rows: RowData[]): RowData[] {
  const byR = new Map<number, CellValue[]>();
  for (const r of rows) {
    const cur = byR.get(r.r);
    if (!cur) byR.set(r.r, [...r.cells]);
    else r.cells.forEach((c, i) => {
      if (c !== null && c !== undefined) {
        while (cur.length < i) cur.push(null);
        cur[i] = c;
      }
    });
  }
  return [...byR.entries()].sort((a, b) => a[0] - b[0]).map(([r, cells]) => ({ r, cells }));
}

/** Reads a workbook. Throws XlsxError (bomb or damage that cannot be repaired) — nothing else. */
export async function readXlsxStream(file: string, opts: StreamReadOptions = {}): Promise<StreamedBook> {
  const chunk = opts.chunkSize ?? 0;
  const zip = await openZip(file);
  try {
    return await readBook(zip, chunk, opts);
  } catch (e) {
    if (e instanceof XlsxError) throw e;
    throw new XlsxError('damaged', '文件已损坏，无法读取', 'the file is damaged and cannot be read', String((e as Error)?.stack ?? e));
  } finally {
    zip.close();
  }
}

async function readBook(zip: ZipReader, chunk: number, opts: StreamReadOptions): Promise<StreamedBook> {
  const warnings: StreamedBook['warnings'] = [];
  const notes: string[] = [];
  // The workbook part: from the package relationships, else the usual name.
  let wbPart: string | undefined;
  for (const r of await readRels(zip, '', chunk)) if (/\/officeDocument$/.test(r.type)) wbPart = zip.find(r.target);
  wbPart = wbPart ?? zip.find('xl/workbook.xml');
  if (!wbPart) throw new XlsxError('damaged', '文件已损坏（缺少工作簿主部件 workbook.xml），或不是 Excel 工作簿', 'the file is damaged (no workbook part) or is not an Excel workbook');

  const refs: SheetRef[] = [];
  let date1904 = false;
  await parsePart(
    zip,
    wbPart,
    {
      open(n, a) {
        if (n === 'sheet') {
          const state = a.attr('state');
          refs.push({ name: a.attr('name') ?? '', rid: a.attrLocal('id') ?? '', hidden: state === 'hidden' || state === 'veryHidden' });
        } else if (n === 'workbookPr') {
          const d = a.attr('date1904');
          date1904 = d === '1' || d === 'true';
        }
      },
      close() {},
    },
    chunk,
  );
  const rels = await readRels(zip, wbPart, chunk);
  const relById = new Map(rels.map((r) => [r.id, r]));

  // Styles: the number format of each cellXfs entry.
  const fmts: Array<string | undefined> = [];
  const stylesRel = rels.find((r) => /\/styles$/.test(r.type));
  const stylesPart = (stylesRel && zip.find(stylesRel.target)) ?? zip.find('xl/styles.xml');
  if (stylesPart) {
    const custom = new Map<number, string>();
    const ids: number[] = [];
    let inNumFmts = false;
    let inXfs = false;
    try {
      await parsePart(
        zip,
        stylesPart,
        {
          open(n, a) {
            if (n === 'numFmts') inNumFmts = true;
            else if (n === 'numFmt' && inNumFmts) {
              const id = a.attr('numFmtId');
              const code = a.attr('formatCode');
              if (id !== undefined && code !== undefined) custom.set(Number(id), code);
            } else if (n === 'cellXfs') inXfs = true;
            else if (n === 'xf' && inXfs) ids.push(Number(a.attr('numFmtId') ?? 0));
          },
          close(n) {
            if (n === 'numFmts') inNumFmts = false;
            else if (n === 'cellXfs') inXfs = false;
          },
        },
        chunk,
        64 * 1024 * 1024,
      );
    } catch (e) {
      if (e instanceof XlsxError && e.kind === 'bomb') throw e;
      warnings.push({ zh: `样式部件无法读取，日期可能显示为数字。`, en: `the styles part is unreadable; dates may show as numbers.` });
    }
    for (const id of ids) fmts.push(numFmtOf(id, custom));
  }

  // Shared strings.
  let sst: string[] | null = null;
  const sstRel = rels.find((r) => /\/sharedStrings$/.test(r.type));
  const sstPart = (sstRel && zip.find(sstRel.target)) ?? zip.find('xl/sharedStrings.xml');
  if (sstPart) {
    const list: string[] = [];
    let inSi = false;
    let inRPh = false;
    let collect = false;
    let cur = '';
    await parsePart(
      zip,
      sstPart,
      {
        open(n) {
          if (n === 'si') {
            inSi = true;
            cur = '';
          } else if (n === 'rPh') inRPh = true;
          else if (n === 't' && inSi && !inRPh) collect = true;
        },
        wantsText: () => collect,
        text(x) {
          cur += x;
        },
        close(n) {
          if (n === 't') collect = false;
          else if (n === 'rPh') inRPh = false;
          else if (n === 'si') {
            list.push(unescapeOoxml(cur));
            inSi = false;
          }
        },
      },
      chunk,
      MAX_SHARED_STRINGS_BYTES,
    );
    sst = list;
  }

  const sheets: SheetData[] = [];
  const texts = new TextCache();
  const budget: Budget = { cells: 0, rows: 0 };
  for (const ref of refs) {
    const rel = relById.get(ref.rid);
    const part = rel ? zip.find(rel.target) : undefined;
    const name = ref.name;
    if (rel && /\/chartsheet$/.test(rel.type)) continue;
    if (!part) {
      warnings.push({ sheet: name, zh: `工作表“${name}”的内容部件缺失，该表按空表处理。`, en: `the part of sheet "${name}" is missing; read as empty.` });
      sheets.push({ name, rows: [], ...(ref.hidden ? { hidden: true } : {}) });
      continue;
    }
    let rows: RowData[] = [];
    const merges: string[] = [];
    const k: SheetCounters = { badRefs: [], badRefCount: 0, badSst: 0, badNumbers: 0, reordered: false };
    const needSst = { count: 0 };
    try {
      await parsePart(zip, part, sheetHandlers(sst, fmts, date1904, rows, merges, k, needSst, texts, budget, name), chunk);
    } catch (e) {
      if (!(e instanceof XlsxError) || e.kind !== 'damaged') throw e;
      const lastR = rows.length ? rows[rows.length - 1].r : 0;
      warnings.push({
        sheet: name,
        zh: `工作表“${name}”的内容不完整${lastR ? `，第 ${lastR} 行之后的内容读不出` : '，读不出内容'}。请让报送单位在 Excel 中打开、另存后重发。`,
        en: `sheet "${name}" is incomplete${lastR ? `; nothing after row ${lastR} could be read` : ''}.`,
      });
    }
    if (sst === null && needSst.count > 0)
      throw new XlsxError('damaged', `文件已损坏（缺少共享文字部件 sharedStrings.xml，工作表“${name}”中 ${needSst.count} 个文字单元格读不出）`, `the file is damaged (the shared strings part is missing; ${needSst.count} text cells of sheet "${name}" cannot be read)`);
    if (k.reordered) rows = sortRows(rows);
    const m = applyMerges(rows, merges);
    rows = m.rows;
    const note = mergeNote(name, m.filled);
    if (note) notes.push(note);
    if (k.badRefCount > 0)
      warnings.push({ sheet: name, zh: `工作表“${name}”有 ${k.badRefCount} 个单元格的位置无效（如 ${k.badRefs.join('、')}），这些单元格已跳过。`, en: `sheet "${name}" has ${k.badRefCount} cells with an invalid reference (e.g. ${k.badRefs.join(', ')}); skipped.` });
    if (k.badSst > 0) warnings.push({ sheet: name, zh: `工作表“${name}”有 ${k.badSst} 个文字单元格指向不存在的文字，按空白处理。`, en: `sheet "${name}" has ${k.badSst} text cells pointing to missing text; read as blank.` });
    if (k.badNumbers > 0) warnings.push({ sheet: name, zh: `工作表“${name}”有 ${k.badNumbers} 个数字单元格内容无效，按空白处理。`, en: `sheet "${name}" has ${k.badNumbers} invalid number cells; read as blank.` });
    if (k.reordered) warnings.push({ sheet: name, zh: `工作表“${name}”的行顺序错乱，已按行号重排。`, en: `the rows of sheet "${name}" were out of order; sorted.` });
    sheets.push({ name, rows, ...(ref.hidden ? { hidden: true } : {}) });
    opts.onSheet?.(name, rows.length);
  }
  if (refs.length === 0) throw new XlsxError('damaged', '文件已损坏（工作簿里没有任何工作表）', 'the file is damaged (the workbook lists no sheets)');
  return { sheets, date1904, notes, warnings };
}
