/**
 * ledgers.md §1, §3, §4: every defect the spec defines, planted once in 问题村.xlsx
 * (fixtures/defects.ts), is found at its Excel row and column with the spec's severity; rows
 * without a defect raise no error.
 */
import type { CheckResult } from '../../src/core/check-api';
import { ALL_PLANTED, CONTROLS, DEFECT_BOOK, KNOWN_BUG_RULES, DEFECT_FILE, FIRST_OF_DUPLICATES, ID_AS_NUMBER_ROW, ID_AS_SCI_TEXT_ROW, PLANTED, WRONG_LENGTH_ROW } from './fixtures/defects';
import { VILLAGES } from './fixtures/valid';
import { check, pinToday } from './run';
import { errorsIn, matching, show } from './sheet';

let res: CheckResult;
beforeAll(() => {
  pinToday();
  res = check([DEFECT_BOOK], 2026, VILLAGES);
});
afterAll(() => jest.useRealTimers());

const onRow = (sheet: string, row: number) =>
  show(res.problems.filter((p) => p.sheet === sheet && p.row === row));

describe('each planted defect is found where it was planted', () => {
  test.each(PLANTED.map((e) => [`${e.sheet} r${e.row} ${e.rule} → ${e.severity}`, e] as const))('%s', (_n, e) => {
    const found = matching(res.problems, e);
    if (found.length === 0) throw new Error(`not found; problems on that row:\n${onRow(e.sheet, e.row) || '(none)'}`);
    if (e.noError) expect(show(errorsIn(res.problems, DEFECT_FILE, e.sheet, e.row))).toBe('');
    if (e.fix !== undefined) expect(found.map((p) => p.fix)).toContainEqual(e.fix);
    if (e.mentions) {
      const text = found.map((p) => JSON.stringify(p.params) + (p.value ?? '')).join(' ');
      expect(text).toContain(e.mentions);
    }
  });
});

test.each(CONTROLS.map((c) => [`${c.sheet} r${c.row}`, c] as const))('control row %s raises no error', (_n, c) => {
  expect(show(errorsIn(res.problems, DEFECT_FILE, c.sheet, c.row))).toBe('');
});

test.each(FIRST_OF_DUPLICATES)('§4 duplicate: the error is on the later row, not on $sheet r$row', (c) => {
  const ps = errorsIn(res.problems, DEFECT_FILE, c.sheet, c.row).filter((p) => p.column === c.field);
  expect(show(ps)).toBe('');
});

test('§3 an ID stored as a number has its own message, not the wrong-length one', () => {
  const idErr = (row: number) =>
    res.problems.filter((p) => p.sheet === '优抚对象' && p.row === row && p.column === '身份证号' && p.severity === 'error');
  const lengthCodes = new Set(idErr(WRONG_LENGTH_ROW).map((p) => p.code));
  const numberCodes = idErr(ID_AS_NUMBER_ROW).map((p) => p.code);
  const sciCodes = idErr(ID_AS_SCI_TEXT_ROW).map((p) => p.code);
  expect(numberCodes.length).toBeGreaterThan(0);
  expect(numberCodes.some((c) => !lengthCodes.has(c))).toBe(true);
  expect(sciCodes.some((c) => numberCodes.includes(c))).toBe(true);
});

test('every problem carries its Excel row, canonical column and A1 cell (never an array index)', () => {
  const cellProblems = res.problems.filter((p) => p.sheet && p.row && p.column && p.row > 1);
  expect(cellProblems.length).toBeGreaterThan(40);
  for (const p of cellProblems) {
    expect(p.file).toBe(DEFECT_FILE);
    expect(p.cell).toMatch(new RegExp(`^[A-Z]+${p.row}$`));
  }
});

test('SheetReport counts agree with the problems listed', () => {
  for (const s of res.sheets.filter((x) => x.ledger)) {
    const mine = res.problems.filter((p) => p.sheet === s.sheet);
    expect(s.errors).toBe(mine.filter((p) => p.severity === 'error').length);
    expect(s.warnings).toBe(mine.filter((p) => p.severity === 'warning').length);
  }
});

test('every KNOWN_BUG_RULES entry names a planted rule (no typo silently drops a case)', () => {
  const rules = new Set(ALL_PLANTED.map((e) => e.rule));
  for (const r of KNOWN_BUG_RULES) expect(rules.has(r)).toBe(true);
  expect(PLANTED.length + KNOWN_BUG_RULES.size).toBe(ALL_PLANTED.length);
});
