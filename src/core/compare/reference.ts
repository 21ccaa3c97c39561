/**
 * Reference lists (ledgers.md §7): a sheet from another office with 姓名 and 身份证号 columns —
 * the police's 适龄男青年名单 or a 死亡人员名单. Title rows above the header, notes and 合计 rows
 * below it are skipped; header cells match by normalised name and aliases; the village is the
 * list's 所在村, else the first village of the village list that its 户籍地址/住址 contains, else 未知.
 */
import type { CellValue, WorkbookData } from '../model';
import { cellAddress, isCellError } from '../model';
import type { Problem } from '../problem';
import { cellText, normCompact, normHeader, normText, stripBrackets } from '../text/normalize';
import { dateToIso, parseDateNumber, parseDateText } from '../values/date';
import { idKey, KeyIndex, nameKey } from './keys';
import { scanId18 } from '../values/id';

export const UNKNOWN_VILLAGE = '未知';

export interface ListEntry {
  sheet: string;
  /** Excel row number. */
  row: number;
  /** Normalised ID (18 digits when it was a valid 15- or 18-digit number). */
  id: string;
  name: string;
  /** The village, or 未知. */
  village: string;
  /** Death date as ISO `YYYY-MM-DD` (death lists), null when empty or unreadable. */
  deathDate: string | null;
}

export interface ReferenceList {
  file: string;
  /** Sheets read as lists. */
  sheets: string[];
  /** One entry per listed person (a repeated ID is kept once, at its first row). */
  entries: ListEntry[];
  /** Problems found while reading (no header, unreadable IDs, repeats, bad dates). */
  problems: Problem[];
}

type ListField = '姓名' | '身份证号' | '所在村' | '地址' | '死亡日期';

const ALIASES: Record<ListField, string[]> = {
  姓名: ['姓名', '名字', '死者姓名', '人员姓名'],
  身份证号: ['身份证号', '身份证号码', '公民身份号码', '公民身份证号码', '身份证', '身份证件号码', '证件号码', '证件号', '身份号码'],
  所在村: ['所在村', '所在村(社区)', '村(社区)', '所在村(居)', '村(居)', '村名', '村别', '所属村', '所属村(社区)', '村/社区', '村居', '村', '行政村', '社区'],
  地址: ['户籍地址', '住址', '地址', '户籍所在地', '家庭住址', '现住址', '户籍住址', '住所', '常住地址', '户籍地'],
  死亡日期: ['死亡日期', '死亡时间', '死亡年月日', '去世日期', '去世时间'],
};

const LOOKUP: Map<string, ListField> = (() => {
  const m = new Map<string, ListField>();
  for (const [f, names] of Object.entries(ALIASES) as Array<[ListField, string[]]>)
    for (const n of names) {
      const h = normHeader(n);
      if (!m.has(h)) m.set(h, f);
    }
  return m;
})();

/** The list field a header cell names, if any. */
export function listField(header: CellValue): ListField | undefined {
  if (typeof header !== 'string') return undefined;
  const h = normHeader(header);
  return LOOKUP.get(h) ?? LOOKUP.get(stripBrackets(h)) ?? (h.endsWith('号码') ? LOOKUP.get(h.slice(0, -2) + '号') : undefined);
}

const SCAN_ROWS = 30;
/** The words a note, 合计 or signature line starts with (注 with or without a colon). */
const NOTE_WORDS = ['合计', '总计', '小计', '制表', '填表', '审核', '负责人', '备注', '说明', '注'];
const NOTE = new RegExp(`^(${NOTE_WORDS.slice(0, -1).join('|')}|注[:：]?)`);

function problem(code: string, severity: 'error' | 'warning', file: string, sheet: string | undefined, row: number | undefined, col: number | undefined, column: string | undefined, value: string | undefined, params: Record<string, string | number>): Problem {
  return {
    code, severity, file, params,
    ...(sheet !== undefined ? { sheet } : {}),
    ...(row !== undefined ? { row } : {}),
    ...(column !== undefined ? { column } : {}),
    ...(col !== undefined ? { col, cell: cellAddress(row ?? 1, col) } : {}),
    ...(value !== undefined ? { value } : {}),
  };
}

function dateOf(v: CellValue): string | null {
  if (v === null || isCellError(v)) return null;
  if (v instanceof Date) return dateToIso(v) || null;
  if (typeof v === 'number') return parseDateNumber(v) || null;
  if (typeof v === 'string') return parseDateText(normText(v)) || null;
  return null;
}

/** The first village of `villages` whose name the address contains, else 未知. */
export function villageFromAddress(address: string, villages: readonly string[]): string {
  const a = normCompact(address);
  if (!a) return UNKNOWN_VILLAGE;
  for (const v of villages) if (v && a.includes(v)) return v;
  return UNKNOWN_VILLAGE;
}

export interface ReadListOptions {
  /** The village list (order matters: the first village an address contains wins). */
  villages: readonly string[];
  /** A death list reads 死亡日期 too. */
  deaths?: boolean;
}

/** The words a note, 合计 or signature line starts with (NOTE), by their first character: most
 *  cells start with none of them, and are told apart without running the expression. */
const NOTE_FIRST = new Set(NOTE_WORDS.map((w) => w.charCodeAt(0)));
function isNote(s: string): boolean {
  return s.length > 0 && NOTE_FIRST.has(s.charCodeAt(0)) && NOTE.test(s);
}

/** One list being read: its entries, its problems and the first row of each ID (by number:
 *  KeyIndex, no Map keyed by ID strings). `row` is called per row (a small function V8 optimises
 *  whole). */
class ListReader {
  readonly entries: ListEntry[] = [];
  readonly problems: Problem[] = [];
  private readonly ids: KeyIndex;
  /** Per ID number: the sheet (index into `sheetNames`) and row of its first row. */
  private readonly firstSheet: Int32Array;
  private readonly firstRow: Int32Array;
  private readonly sheetNames: string[] = [];
  // The current sheet's columns (-1: none).
  private sheet = '';
  private cId = -1;
  private cName = -1;
  private cVillage = -1;
  private cAddress = -1;
  private cDeath = -1;
  /** Villages read from addresses (rural registers repeat them: 某镇红旗村3组); bounded. */
  private readonly villageOf = new Map<string, string>();

  constructor(
    private readonly file: string,
    private readonly opts: ReadListOptions,
    /** At most this many rows (the IDs' tables are sized once). */
    rows: number,
  ) {
    this.ids = new KeyIndex(rows);
    this.firstSheet = new Int32Array(Math.max(1, rows));
    this.firstRow = new Int32Array(Math.max(1, rows));
  }

  startSheet(name: string, cols: Partial<Record<ListField, number>>): void {
    this.sheet = name;
    this.sheetNames.push(name);
    this.cId = cols.身份证号!;
    this.cName = cols.姓名!;
    this.cVillage = cols.所在村 ?? -1;
    this.cAddress = cols.地址 ?? -1;
    this.cDeath = this.opts.deaths && cols.死亡日期 !== undefined ? cols.死亡日期 : -1;
  }

  row(r: number, cells: readonly CellValue[]): void {
    const { file, sheet, cId } = this;
    const rawId = at(cells, cId);
    const nameText = normCompact(cellText(at(cells, this.cName)));
    const idText = cellText(rawId);
    // A 合计 line or a note (制表人…) starts with its word; it is no person.
    let lead: CellValue | undefined;
    for (let c = 0; c < cells.length; c++)
      if (cells[c] !== null && cells[c] !== '') {
        lead = cells[c];
        break;
      }
    if (typeof lead === 'string' && isNote(normCompact(lead))) return;
    if (!idText.trim()) {
      // Notes, 合计 and blank lines are no people; a name without an ID is worth a line.
      if (nameText && !isNote(nameText)) this.problems.push(problem('list.id-missing', 'warning', file, sheet, r, cId + 1, '身份证号', '', { name: nameText }));
      return;
    }
    if (isNote(normCompact(idText)) || isNote(nameText)) return;
    const id = typeof rawId === 'string' ? idKey(rawId) : '';
    if (!(id.length === 18 && scanId18(id) >= 0)) {
      this.problems.push(problem('list.id-invalid', 'warning', file, sheet, r, cId + 1, '身份证号', idText, {}));
      if (!id) return;
    }
    const known = this.ids.size;
    const p = this.ids.ofText(id);
    if (p < known) {
      this.problems.push(problem('list.duplicate', 'warning', file, sheet, r, cId + 1, '身份证号', idText, { otherSheet: this.sheetNames[this.firstSheet[p]], otherRow: this.firstRow[p] }));
      return;
    }
    this.firstSheet[p] = this.sheetNames.length - 1;
    this.firstRow[p] = r;
    let village = UNKNOWN_VILLAGE;
    const vRaw = normCompact(cellText(at(cells, this.cVillage)));
    if (vRaw) village = vRaw;
    else if (this.cAddress >= 0) {
      const a = cellText(at(cells, this.cAddress));
      const hit = this.villageOf.get(a);
      if (hit !== undefined) village = hit;
      else {
        village = villageFromAddress(a, this.opts.villages);
        if (this.villageOf.size < ADDRESS_CACHE_MAX) this.villageOf.set(a, village);
      }
    }
    let deathDate: string | null = null;
    if (this.cDeath >= 0) {
      const raw = at(cells, this.cDeath);
      deathDate = dateOf(raw);
      if (raw !== null && deathDate === null) this.problems.push(problem('list.death-date-invalid', 'warning', file, sheet, r, this.cDeath + 1, '死亡日期', cellText(raw), {}));
    }
    this.entries.push({ sheet, row: r, id, name: nameKey(nameText), village, deathDate });
  }
}

const ADDRESS_CACHE_MAX = 4096;

function at(cells: readonly CellValue[], ci: number): CellValue {
  return ci < 0 ? null : (cells[ci] ?? null);
}

/** Reads every visible sheet that has a 姓名 and a 身份证号 column. */
export function readReferenceList(book: WorkbookData, opts: ReadListOptions): ReferenceList {
  const file = book.file;
  let rows = 0;
  for (const sh of book.sheets) rows += sh.rows.length;
  const reader = new ListReader(file, opts, rows);
  const sheets: string[] = [];
  for (const sh of book.sheets) {
    if (sh.hidden) continue;
    let headerAt = -1;
    let cols: Partial<Record<ListField, number>> = {};
    for (let i = 0; i < Math.min(sh.rows.length, SCAN_ROWS); i++) {
      const found: Partial<Record<ListField, number>> = {};
      sh.rows[i].cells.forEach((c, ci) => {
        const f = listField(c);
        if (f && found[f] === undefined) found[f] = ci;
      });
      if (found.姓名 !== undefined && found.身份证号 !== undefined) {
        headerAt = i;
        cols = found;
        break;
      }
    }
    if (headerAt < 0) continue;
    sheets.push(sh.name);
    reader.startSheet(sh.name, cols);
    for (let i = headerAt + 1; i < sh.rows.length; i++) reader.row(sh.rows[i].r, sh.rows[i].cells);
  }
  const { entries, problems } = reader;
  if (sheets.length === 0) problems.push(problem('list.no-header', 'error', file, undefined, undefined, undefined, undefined, undefined, {}));
  return { file, sheets, entries, problems };
}
