/**
 * What the comparisons' speed rests on (docs/compare.md "Speed"): the check's store read column-wise
 * (`LedgerTable.rows`) gives what the record objects give; `normaliseOnly` gives the same records
 * as a full check without running the rules; people are matched by number (`KeyIndex`).
 */
import { diffYears, KeyIndex, readReferenceList, reconcileDeceased, reconcileRoster } from '../../../src/core/compare';
import { checkWorkbooks } from '../../../src/core/check/check-workbooks';
import { tableRows, type LedgerTable } from '../../../src/core/ledger';
import type { CellValue, WorkbookData } from '../../../src/core/model';
import { defaultSettings, type Settings } from '../../../src/core/settings';
import { idKey, nameKey } from '../../../src/core/compare';
import { LAST_ID_KEY, scanId18 } from '../../../src/core/values/id';
import { lastYearSamples, listSamples, toData } from '../../../src/samples/compare';
import { generateSamples, SAMPLE_VILLAGES, SAMPLE_YEAR } from '../../../src/samples/generate';
import { makeId } from '../../../src/samples/ids';
import { MESS_BOOK } from '../../acceptance/fixtures/mess';
import { BENEFICIARY_HEADER, beneficiaryRow, book, sheet, TODAY } from '../fixtures';

const settingsFor = (year: number): Settings => ({ ...defaultSettings(), year, villages: [...SAMPLE_VILLAGES] });
const thisBooks = (): WorkbookData[] => [...generateSamples(SAMPLE_YEAR).map(toData), MESS_BOOK];
const lastBooks = (): WorkbookData[] => lastYearSamples(SAMPLE_YEAR).map(toData);

/** A table without its column-wise store: the comparisons fall back to its records. */
const recordsOnly = (ts: LedgerTable[]): LedgerTable[] => ts.map((t) => ({ file: t.file, sheet: t.sheet, ledger: t.ledger, headerRow: t.headerRow, columns: t.columns, records: t.records }));

describe('normaliseOnly: the records of a full check, without the rules', () => {
  test('same tables and values, row for row, on the samples (deliberate errors) and a messy workbook', () => {
    const full = checkWorkbooks(thisBooks(), settingsFor(SAMPLE_YEAR), { today: TODAY });
    const norm = checkWorkbooks(thisBooks(), settingsFor(SAMPLE_YEAR), { today: TODAY, normaliseOnly: true });
    const shape = (ts: LedgerTable[]) => ts.map((t) => ({ file: t.file, sheet: t.sheet, ledger: t.ledger, headerRow: t.headerRow, columns: t.columns, rows: t.records.map((r) => [r.row, r.v]) }));
    expect(norm.tables.length).toBeGreaterThan(5);
    expect(shape(norm.tables)).toEqual(shape(full.tables));
    // The rules did not run: the full check found problems of rows, sheets and across sheets that
    // the normalisation alone does not report.
    const normCodes = new Set(norm.problems.map((p) => p.code));
    const onlyRules = full.problems.filter((p) => !normCodes.has(p.code)).map((p) => p.code);
    expect(onlyRules.length).toBeGreaterThan(0);
    expect(norm.problems.length).toBeLessThan(full.problems.length);
  });
});

describe('the column-wise store gives what the records give', () => {
  test('valueAt/fieldAt/rowOf against records, for every table and column', () => {
    const r = checkWorkbooks(thisBooks(), settingsFor(SAMPLE_YEAR), { today: TODAY });
    for (const t of r.tables) {
      const rows = t.rows!;
      expect(rows).toBeDefined();
      expect(rows.size).toBe(t.records.length);
      for (const c of t.columns) {
        const k = rows.fieldAt(c.field);
        t.records.forEach((rec, i) => {
          expect(rows.rowOf(i)).toBe(rec.row);
          expect(rows.valueAt(i, k)).toBe(rec.v[c.field] ?? null);
        });
      }
      expect(rows.fieldAt('没有这一列')).toBe(-1);
      expect(rows.fieldAt('constructor')).toBe(-1);
      expect(rows.valueAt(0, -1)).toBeNull();
    }
  });

  test('the store is not enumerable: copies and JSON of a table carry its records only', () => {
    const t = checkWorkbooks([book('a.xlsx', sheet('优抚对象', [BENEFICIARY_HEADER, beneficiaryRow(1)]))], settingsFor(2026)).tables[0];
    expect(Object.keys(t)).not.toContain('rows');
    expect({ ...t }.rows).toBeUndefined();
    const view = tableRows({ ...t, records: t.records });
    expect(view.valueAt(0, view.fieldAt('姓名'))).toBe(t.records[0].v['姓名']);
    expect(view.valueAt(0, view.fieldAt('没有这一列'))).toBeNull();
  });

  test('diff, roster and death list: the same results from the store and from records alone', () => {
    const last = checkWorkbooks(lastBooks(), settingsFor(SAMPLE_YEAR - 1), { today: TODAY, normaliseOnly: true }).tables;
    const cur = checkWorkbooks(thisBooks(), settingsFor(SAMPLE_YEAR), { today: TODAY, normaliseOnly: true }).tables;
    const fast = diffYears(last, cur, { year: SAMPLE_YEAR, villages: SAMPLE_VILLAGES });
    const slow = diffYears(recordsOnly(last), recordsOnly(cur), { year: SAMPLE_YEAR, villages: SAMPLE_VILLAGES });
    expect(fast.changes.length).toBeGreaterThan(5);
    expect(new Set(fast.changes.map((c) => c.kind))).toEqual(new Set(['added', 'removed', 'changed', 'not-verified']));
    expect(fast).toEqual(slow);

    const { police, deaths } = listSamples(SAMPLE_YEAR);
    const roster = readReferenceList(toData(police), { villages: SAMPLE_VILLAGES });
    const dead = readReferenceList(toData(deaths), { villages: SAMPLE_VILLAGES, deaths: true });
    const rFast = reconcileRoster(roster, cur, SAMPLE_VILLAGES);
    expect(rFast.people.length).toBeGreaterThan(0);
    expect(rFast).toEqual(reconcileRoster(roster, recordsOnly(cur), SAMPLE_VILLAGES));
    const dFast = reconcileDeceased(dead, cur, SAMPLE_YEAR);
    expect(dFast.people.length).toBeGreaterThan(0);
    expect(dFast).toEqual(reconcileDeceased(dead, recordsOnly(cur), SAMPLE_YEAR));
  });
});

describe('KeyIndex: one number per matching key', () => {
  test('IDs by their 18-digit form, other keys by text, never confused; numbers stable while the table grows', () => {
    const ix = new KeyIndex(4);
    const ids: string[] = [];
    for (let i = 0; i < 2000; i++) ids.push(makeId('110105', 1950 + (i % 50), 1 + (i % 12), 1 + (i % 28), i % 1000, i % 2 ? '男' : '女'));
    const unique = [...new Set(ids)];
    const nums = unique.map((id) => ix.ofText(id));
    expect(new Set(nums).size).toBe(unique.length);
    // The same ID as integers (the check's keys), and again as text: the same number.
    unique.forEach((id, i) => {
      expect(scanId18(id)).toBeGreaterThanOrEqual(0);
      expect(ix.ofId(LAST_ID_KEY[0], LAST_ID_KEY[1], false)).toBe(nums[i]);
      expect(ix.ofText(id, false)).toBe(nums[i]);
    });
    // A 15-digit number meets its 18-digit form through idKey; a lower-case x its upper-case form.
    const id18 = makeId('110105', 1970, 1, 1, 13, '男');
    const id15 = id18.slice(0, 6) + id18.slice(8, 17);
    expect(ix.ofText(idKey(id15))).toBe(ix.ofText(id18));
    const withX = unique.find((id) => id.endsWith('X'));
    if (withX) expect(ix.ofText(idKey(withX.toLowerCase()))).toBe(ix.ofText(withX));
    // Text keys: their own numbers, asked again the same.
    const a = ix.ofText('姓名:张三@红旗村');
    const b = ix.ofText('HQ-01');
    expect(new Set([a, b, ...nums]).size).toBe(unique.length + 2);
    expect(ix.ofText('姓名:张三@红旗村')).toBe(a);
    expect(ix.ofText('HQ-02', false)).toBe(-1);
    expect(ix.size).toBe(unique.length + 3);
  });

  test('a row whose ID needs normalising meets the same person written plainly (diff)', () => {
    const id = beneficiaryRow(1)[5] as string;
    const messy = ` ${id.slice(0, 6)} ${id.slice(6).toLowerCase()}　`;
    const last = checkWorkbooks([book('2025.xlsx', sheet('优抚对象', [BENEFICIARY_HEADER, beneficiaryRow(1, { 身份证号: messy }), beneficiaryRow(2)]))], settingsFor(2025), { normaliseOnly: true }).tables;
    const cur = checkWorkbooks([book('2026.xlsx', sheet('优抚对象', [BENEFICIARY_HEADER, beneficiaryRow(2), beneficiaryRow(1)]))], settingsFor(2026), { normaliseOnly: true }).tables;
    expect(diffYears(last, cur, { year: 2026 }).changes).toEqual([]);
  });
});

test('nameKey: every dot variant is the standard middle dot, spaces removed, other names untouched', () => {
  for (const dot of '•．.・‧∙⋅･·') expect(nameKey(`买买提${dot}吐尔逊`)).toBe('买买提·吐尔逊');
  expect(nameKey(' 王  伟 ')).toBe('王伟');
  const plain = '欧阳娜娜';
  expect(nameKey(plain)).toBe(plain);
});

test('reference list: a repeat in another sheet names the first sheet and row; repeated addresses give the same village', () => {
  const man = (i: number): string => makeId('110105', 2008, 3, 15, 11 + 2 * i, '男');
  const list = readReferenceList(
    book('名单.xlsx',
      sheet('一组', [['姓名', '身份证号', '户籍地址'], ['甲', man(1), '青山镇红旗村3组'], ['乙', man(2), '青山镇红旗村3组'], ['丙', man(3), '青山镇光明村1组']]),
      sheet('二组', [['序号', '姓名', '公民身份号码', '住址'], [1, '丁', man(4), '青山镇光明村1组'], [2, '甲', man(1), '青山镇红旗村3组'], [3, '戊', man(5), '外县']])),
    { villages: ['光明村', '红旗村'] },
  );
  expect(list.entries.map((e) => [e.sheet, e.row, e.name, e.village])).toEqual([
    ['一组', 2, '甲', '红旗村'],
    ['一组', 3, '乙', '红旗村'],
    ['一组', 4, '丙', '光明村'],
    ['二组', 2, '丁', '光明村'],
    ['二组', 4, '戊', '未知'],
  ]);
  expect(list.problems.map((p) => [p.code, p.sheet, p.row, p.params])).toEqual([['list.duplicate', '二组', 3, { otherSheet: '一组', otherRow: 2 }]]);
});

test('KeyIndex stays linear on IDs chosen to collide (keys spaced by the table size: one bucket for an unseeded linear hash)', () => {
  const n = 20_000;
  const ix = new KeyIndex(n);
  const keys: Array<[number, number]> = [];
  for (let a = 0; a < 20; a++) for (let b = 0; b < n / 20; b++) keys.push([110105000 + a * (1 << 20), 5 + b * (1 << 20)]);
  keys.forEach(([hi, lo], i) => expect(ix.ofId(hi, lo)).toBe(i));
  keys.forEach(([hi, lo], i) => {
    if (ix.ofId(hi, lo, false) !== i) throw new Error(`lost key ${i}`);
  });
  // Linear probing at load ≤ ½ looks at a few slots per lookup; one bucket would need n²/2.
  expect(ix.extraProbes).toBeLessThan(10 * 2 * n);
});

describe('lazyFields: a name column parsed when read gives what the row loop gives', () => {
  test('same records and values on the samples and a messy workbook; the name problems are not collected', () => {
    const eager = checkWorkbooks(thisBooks(), settingsFor(SAMPLE_YEAR), { today: TODAY, normaliseOnly: true });
    const lazy = checkWorkbooks(thisBooks(), settingsFor(SAMPLE_YEAR), { today: TODAY, normaliseOnly: true, lazyFields: ['姓名'] });
    // Column by column first (values parsed on first read), then the record objects.
    lazy.tables.forEach((t, ti) => {
      const a = tableRows(eager.tables[ti]);
      const b = tableRows(t);
      expect(b.size).toBe(a.size);
      for (const c of t.columns)
        for (let i = 0; i < a.size; i++) {
          expect(b.valueAt(i, b.fieldAt(c.field))).toEqual(a.valueAt(i, a.fieldAt(c.field)));
          // Read twice (the second time from what the first kept).
          expect(b.valueAt(i, b.fieldAt(c.field))).toEqual(a.valueAt(i, a.fieldAt(c.field)));
        }
    });
    const shape = (ts: LedgerTable[]) => ts.map((t) => ({ file: t.file, sheet: t.sheet, ledger: t.ledger, columns: t.columns, rows: t.records.map((r) => [r.row, r.v]) }));
    expect(shape(lazy.tables)).toEqual(shape(eager.tables));
    // The names were not parsed by the row loop: their problems (spaces, dots, digits) are absent.
    const nameCodes = (ps: typeof eager.problems) => ps.filter((p) => p.code.startsWith('name.')).length;
    expect(nameCodes(eager.problems)).toBeGreaterThan(0);
    expect(nameCodes(lazy.problems)).toBe(0);
    // And the roster reconciliation is the same.
    const roster = readReferenceList(toData(listSamples(SAMPLE_YEAR).police), { villages: SAMPLE_VILLAGES });
    expect(reconcileRoster(roster, lazy.tables, SAMPLE_VILLAGES)).toEqual(reconcileRoster(roster, eager.tables, SAMPLE_VILLAGES));
  });

  test('a messy name (spaces, dots, full-width, blank, an error cell) reads the same lazily', () => {
    const names: CellValue[] = [' 张 三 ', '买买提.吐尔逊', '阿依古丽•买买提', '李四２', '   ', { error: '#N/A' }, 12345, '王五'];
    const b = () => [book('n.xlsx', sheet('优抚对象', [BENEFICIARY_HEADER, ...names.map((n, i) => beneficiaryRow(i + 1, { 姓名: n }))]))];
    const eager = checkWorkbooks(b(), settingsFor(2026), { normaliseOnly: true }).tables[0];
    const lazy = checkWorkbooks(b(), settingsFor(2026), { normaliseOnly: true, lazyFields: ['姓名'] }).tables[0];
    const [ra, rb] = [tableRows(eager), tableRows(lazy)];
    expect(rb.size).toBe(names.length);
    const got = names.map((_, i) => rb.valueAt(i, rb.fieldAt('姓名')));
    expect(got).toEqual(names.map((_, i) => ra.valueAt(i, ra.fieldAt('姓名'))));
    expect(got.slice(0, 2)).toEqual(['张三', '买买提·吐尔逊']);
    expect(lazy.records.map((r) => r.v)).toEqual(eager.records.map((r) => r.v));
  });
});
