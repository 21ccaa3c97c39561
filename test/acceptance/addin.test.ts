/**
 * The add-in path (src/excel over the project's fake Excel): the same planted defects must be
 * reported at the same Excel rows and cells as the core reports them — also when a sheet's used
 * range does not start at A1 (two empty rows on top, an empty column A), the classic off-by-N of
 * Office.js `getUsedRange()` (§1: rows by Excel row number, columns by header and letter).
 */
import type { CheckResult } from '../../src/core/check-api';
import type { WorkbookData } from '../../src/core/model';
import { resolveSettings } from '../../src/core/settings';
import { createExcelHost } from '../../src/excel/host-impl';
import { descriptionFromWorkbookData, createExcel, type ExcelSim } from '../excel-sim/node';
import { CONTROLS, DEFECT_BOOK, DEFECT_FILE, PLANTED, type Planted } from './fixtures/defects';
import { VALID_BOOKS, VILLAGES } from './fixtures/valid';
import { check, pinToday } from './run';
import { errorsIn, matching, show } from './sheet';

const DR = 2; // empty rows on top
const DC = 1; // empty columns on the left

function shifted(b: WorkbookData): WorkbookData {
  return {
    ...b,
    sheets: b.sheets.map((s) => ({ ...s, rows: s.rows.map((r) => ({ r: r.r + DR, cells: [...Array(DC).fill(null), ...r.cells] })) })),
  };
}
function shiftedExpect(e: Planted): Planted {
  return { ...e, row: e.row + DR, altRows: e.altRows?.map((r) => r + DR), columns: e.columns.map((c) => ({ field: c.field, col: c.col + DC })) };
}

const SETTINGS = resolveSettings({ year: 2026, villages: VILLAGES });
let fake: ExcelSim | undefined;
beforeAll(() => pinToday());
afterEach(() => fake?.uninstall());
afterAll(() => jest.useRealTimers());

async function inExcel(b: WorkbookData): Promise<CheckResult> {
  fake = createExcel(descriptionFromWorkbookData(b));
  return createExcelHost().check('workbook', SETTINGS);
}

/** The problems' file is the workbook's name in Excel; compare without it. */
const noFile = (r: CheckResult): CheckResult => ({ ...r, problems: r.problems.map((p) => ({ ...p, file: DEFECT_FILE })) });

describe.each([
  ['core, sheets shifted (B3 origin)', async () => check([shifted(DEFECT_BOOK)], 2026, VILLAGES)],
  ['add-in (fake Excel), sheets at A1', async () => noFile(await inExcel(DEFECT_BOOK))],
  ['add-in (fake Excel), sheets shifted (B3 origin)', async () => noFile(await inExcel(shifted(DEFECT_BOOK)))],
] as Array<[string, () => Promise<CheckResult>]>)('%s', (name, run) => {
  const isShifted = name.includes('shifted');
  let res: CheckResult;
  beforeAll(async () => {
    res = await run();
  });
  afterAll(() => fake?.uninstall());
  test.each(PLANTED.map((e) => [`${e.sheet} r${e.row} ${e.rule}`, e] as const))('%s', (_n, e0) => {
    const e = isShifted ? shiftedExpect(e0) : e0;
    const found = matching(res.problems, e);
    if (found.length === 0) {
      throw new Error(`not found; problems on row ${e.row}:\n${show(res.problems.filter((p) => p.sheet === e.sheet && p.row === e.row)) || '(none)'}`);
    }
    for (const p of found) if (p.cell) expect(p.cell).toMatch(new RegExp(`^[A-Z]+${e.row === p.row ? e.row : p.row}$`));
  });
  test('control rows: no error', () => {
    for (const c of CONTROLS) {
      expect(show(errorsIn(res.problems, DEFECT_FILE, c.sheet, c.row + (isShifted ? DR : 0)))).toBe('');
    }
  });
});

test.each(VALID_BOOKS.map((b) => [b.file, b] as const))('add-in: %s opened in Excel raises no error', async (_n, b) => {
  const r = await inExcel(b);
  expect(show(r.problems.filter((p) => p.severity === 'error'))).toBe('');
});
