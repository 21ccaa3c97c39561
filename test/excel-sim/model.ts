/**
 * The in-memory workbook behind the fake Excel. Plain data, no Node APIs.
 */
import { MAX_COLS, type Rect, intersects, parseLocal, splitSheet } from './address';

export type { Rect };

export interface FakeErrorValue {
  error: string;
}
export type Stored = string | number | boolean | FakeErrorValue;

/** A cell's own fill. No entry in `SheetModel.fills` = No Fill. */
export interface FillState {
  color: string;
  pattern: string;
  patternColor?: string;
  /** Lighten/darken of the colour (-1…1); 0 for a plain colour. */
  tintAndShade?: number;
}

export interface FontState {
  bold?: boolean;
  color?: string;
  size?: number;
  italic?: boolean;
}

export interface NoteState {
  content: string;
  author: string;
}

export interface ChartState {
  name: string;
  type: string;
  source: string;
  seriesBy: string;
  title: string;
  /** Category labels' range of each series (setXAxisValues), by series index. */
  xValues: Record<number, string>;
  seriesNames: Record<number, string>;
  position?: string;
}

export interface TableState {
  name: string;
  rect: Rect;
  showFilterButton: boolean;
  style: string;
}

export interface ValidationState {
  rect: Rect;
  rule: Record<string, unknown>;
  prompt?: Record<string, unknown>;
}

export type Visibility = 'Visible' | 'Hidden' | 'VeryHidden';

export const key = (r: number, c: number): number => r * MAX_COLS + c;
export const keyRow = (k: number): number => Math.floor(k / MAX_COLS);
export const keyCol = (k: number): number => k % MAX_COLS;

export class SheetModel {
  visibility: Visibility = 'Visible';
  protected = false;
  rows: Array<Array<Stored | undefined> | undefined> = [];
  formats = new Map<number, string>();
  fills = new Map<number, FillState>();
  fonts = new Map<number, FontState>();
  hyperlinks = new Map<number, Excel.RangeHyperlink>();
  notes = new Map<number, NoteState>();
  comments = new Map<number, { content: string }>();
  merges: Rect[] = [];
  tables: TableState[] = [];
  charts: ChartState[] = [];
  validations: ValidationState[] = [];
  columnWidths = new Map<number, number>();
  frozenRows = 0;
  orientation = 'Portrait';
  tabColor = '';
  readonly id: string;
  private static seq = 0;

  constructor(public name: string) {
    SheetModel.seq += 1;
    // Excel's worksheet ids are GUIDs in braces; a counter keeps them readable and unique.
    this.id = `{${SheetModel.seq.toString(16).toUpperCase().padStart(8, '0')}-0001-0000-0000-000000000000}`;
  }

  get(r: number, c: number): Stored | undefined {
    return this.rows[r]?.[c];
  }

  set(r: number, c: number, v: Stored | undefined): void {
    if (v === undefined || v === '') {
      const row = this.rows[r];
      if (row && c < row.length) {
        row[c] = undefined;
        while (row.length && row[row.length - 1] === undefined) row.pop(); // same content, same shape
      }
      return;
    }
    let row = this.rows[r];
    if (!row) {
      row = [];
      this.rows[r] = row;
    }
    row[c] = v;
  }

  format(r: number, c: number): string {
    return this.formats.get(key(r, c)) ?? 'General';
  }

  /** Bounding rectangle of cells with values (valuesOnly) or with values or formatting. */
  usedRect(valuesOnly: boolean): Rect | null {
    let r0 = Infinity,
      r1 = -1,
      c0 = Infinity,
      c1 = -1;
    const take = (r: number, c: number) => {
      if (r < r0) r0 = r;
      if (r > r1) r1 = r;
      if (c < c0) c0 = c;
      if (c > c1) c1 = c;
    };
    this.rows.forEach((row, r) => {
      if (!row) return;
      for (let c = 0; c < row.length; c++) if (row[c] !== undefined) take(r, c);
    });
    if (!valuesOnly) {
      for (const m of [this.formats, this.fills, this.fonts]) for (const k of m.keys()) take(Math.floor(k / MAX_COLS), k % MAX_COLS);
    }
    if (r1 < 0) return null;
    return { r0, r1, c0, c1 };
  }

  mergeAt(r: number, c: number): Rect | undefined {
    return this.merges.find((m) => r >= m.r0 && r <= m.r1 && c >= m.c0 && c <= m.c1);
  }

  overlappingMerges(rect: Rect): Rect[] {
    return this.merges.filter((m) => intersects(m, rect));
  }
}

export interface FakeStats {
  syncs: number;
  /** Every sync's request and response size in bytes (UTF-8 JSON). */
  requests: Array<{ request: number; response: number }>;
  maxRequestBytes: number;
  maxResponseBytes: number;
  /** Times the add-in asked Workbook.functions.date (how it learns the date system). */
  dateAsks: number;
}

export class WorkbookModel {
  sheets: SheetModel[] = [];
  active: SheetModel | null = null;
  selection: { sheet: SheetModel; rect: Rect } | null = null;
  settings = new Map<string, unknown>();
  /** Versions of each requirement set the host supports, e.g. { ExcelApi: '1.18' }. */
  requirementSets: Record<string, string> = { ExcelApi: '1.18' };
  stats: FakeStats = { syncs: 0, requests: [], maxRequestBytes: 0, maxResponseBytes: 0, dateAsks: 0 };
  /** Payload cap of one request or response (Excel on the web: 5 MB). */
  payloadLimit = 5 * 1024 * 1024;
  /** Workbook structure protection: no sheet can be added, deleted, renamed, hidden or moved. */
  structureProtected = false;
  tableSeq = 0;
  chartSeq = 0;
  name = 'Book1.xlsx';
  /** The workbook's date system (Excel: File › Options › Advanced › "Use 1904 date system"); the
   *  add-in learns it through Workbook.functions.date (server.ts). */
  date1904 = false;
  /** Hook: called before each sync executes (tests use it to change the workbook midway). */
  beforeSync?: (n: number) => void;
  /** The user is typing in a cell (cell-edit mode): see server.ts `cellEdit`. */
  editing = false;
  /** Resolved when the user leaves cell-edit mode (requests sent with delayForCellEdit wait for it). */
  editDone: Promise<void> = Promise.resolve();
  /** Another add-in or the user keeps Excel busy: the next `busy` requests fail with a busy error. */
  busy = 0;
  /** Cells written through the API, per request: where worksheet onChanged events will be fired
   *  from (see server.ts `changed`). Listeners get the sheet and the rectangle. */
  onChanged: Array<(sheet: SheetModel, rect: Rect, kind: 'values' | 'format') => void> = [];

  /** A sheet by name (case-insensitive) or by id, as `worksheets.getItem(key)`. */
  sheet(name: string): SheetModel | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower) ?? this.sheets.find((s) => s.id === name);
  }

  supports(set: string, version: string): boolean {
    const have = this.requirementSets[set];
    if (!have) return false;
    const [a1, b1] = have.split('.').map(Number);
    const [a2, b2] = (version || '1.1').split('.').map(Number);
    return a1 > a2 || (a1 === a2 && (b1 ?? 0) >= (b2 ?? 0));
  }

  /** Resolve "Sheet!A1:B2" (or a local address on a default sheet). */
  resolveAddress(address: string, fallback?: SheetModel): { sheet: SheetModel; rect: Rect } | null {
    const { sheet, local } = splitSheet(address);
    const s = sheet !== undefined ? this.sheet(sheet) : fallback;
    if (!s) return null;
    const rect = parseLocal(local);
    if (!rect) return null;
    return { sheet: s, rect };
  }

  resetStats(): void {
    this.stats = { syncs: 0, requests: [], maxRequestBytes: 0, maxResponseBytes: 0, dateAsks: 0 };
  }
}
