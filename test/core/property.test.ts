/** Property tests (fast-check). */
import fc from 'fast-check';
import { CODES } from '../../src/core/checks/registry';
import type { CellValue } from '../../src/core/model';
import { LEDGER_SCHEMAS } from '../../src/core/schema';
import { KEY, idKeyHiLo } from '../../src/core/checks/dup-util';
import { LAST_ID_KEY, idCheckChar, knownCountyCodes, validateId } from '../../src/core/values/id';
import { BENEFICIARY_HEADER, beneficiaryRow, book, sheet, YEAR } from './fixtures';
import { check } from './helpers';

const KNOWN = new Set(CODES.map((c) => c.code));

const cellArb: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null),
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('', ' ', '\u200b', '　', '合计', '制表人：', '1.10105E+17', '2023.05', '2023年5月1日', '是', '×', '五百', '１２３', '买买提·吐尔逊', '#N/A'),
  fc.double(),
  fc.integer(),
  fc.constantFrom(110105194912310000, 1e21, -0, NaN, Infinity, 45000, 20230501, 2023.05),
  fc.boolean(),
  fc.date({ noInvalidDate: false }),
  fc.constantFrom<CellValue>({ error: '#N/A' }, { error: '#VALUE!' }, { error: '#REF!' }),
);

describe('random cells never make the core throw', () => {
  test.each(LEDGER_SCHEMAS.map((s) => [s.id, s] as const))('%s', (_id, schema) => {
    const header = schema.columns.map((c) => c.field);
    fc.assert(
      fc.property(fc.array(fc.array(cellArb, { maxLength: header.length + 2 }), { maxLength: 12 }), fc.boolean(), (rows, withVillages) => {
        const r = check([book('x.xlsx', sheet(schema.id, [header, ...rows]))], withVillages ? { villages: ['红旗村'] } : {});
        for (const p of r.problems) {
          expect(KNOWN.has(p.code)).toBe(true);
          expect(p.row === undefined || Number.isInteger(p.row)).toBe(true);
        }
        expect(r.sheets[0].ledger).toBe(schema.id);
        for (const rec of r.tables[0].records) {
          for (const v of Object.values(rec.v)) expect(['string', 'number', 'boolean', 'object'].includes(typeof v)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});

const regions = [...knownCountyCodes(), '810000', '820000', '830000'];
const validIdArb = fc
  .record({
    region: fc.constantFrom(...regions),
    birth: fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(YEAR, 10, 1)), noInvalidDate: true }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ region, birth, seq }) => {
    const d = birth.toISOString().slice(0, 10).replace(/-/g, '');
    const first17 = region + d + String(seq).padStart(3, '0');
    return first17 + idCheckChar(first17);
  });

const LATEST = YEAR * 10000 + 1129;

test('valid generated IDs always pass', () => {
  fc.assert(fc.property(validIdArb, (id) => validateId(id, LATEST) === 'ok'), { numRuns: 2000 });
});

test('valid generated IDs pass through the whole checker as 18-char text (and with a lower-case x)', () => {
  fc.assert(
    fc.property(fc.array(validIdArb, { minLength: 1, maxLength: 10 }), (ids) => {
      const uniq = [...new Set(ids)];
      const rows = uniq.map((id, i) => beneficiaryRow(i + 1, { 身份证号: id.toLowerCase(), 性别: null, 出生日期: null }));
      const r = check([book('x.xlsx', sheet('优抚对象', [BENEFICIARY_HEADER, ...rows]))]);
      expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    }),
    { numRuns: 100 },
  );
});

test('any single-character change of a valid ID is caught as an error', () => {
  const ERRORS = new Set(['length', 'chars', 'province', 'birth-invalid', 'birth-future', 'checksum']);
  fc.assert(
    fc.property(validIdArb, fc.integer({ min: 0, max: 17 }), fc.constantFrom(...'0123456789X'), (id, pos, ch) => {
      fc.pre(id[pos] !== ch);
      const changed = id.slice(0, pos) + ch + id.slice(pos + 1);
      expect(ERRORS.has(validateId(changed, LATEST))).toBe(true);
    }),
    { numRuns: 3000 },
  );
});

// Defects that do not depend on row order (no duplicates).
const PATCHES: Array<Record<string, CellValue>> = [
  {},
  {},
  { 联系电话: '123' },
  { 民族: '火星' },
  { 性别: '女' },
  { 优抚类别: '烈属' },
  { 优抚类别: '残疾军人' },
  { '本年发放金额(元)': '五百' },
  { 入伍时间: '1999.01', 退伍时间: '1990.01' },
  { 姓名: null },
  { 姓名: '买买提.吐尔逊' },
  { 状态: '未知' },
];

test('a row moved within a sheet changes only its row numbers in the report', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: PATCHES.length - 1 }), { minLength: 2, maxLength: 15 }),
      fc.nat(),
      fc.nat(),
      fc.integer({ min: 0, max: 3 }),
      (patchIdx, fromRaw, toRaw, titleRows) => {
        const rows = patchIdx.map((k, i) => beneficiaryRow(i + 1, PATCHES[k]));
        const from = fromRaw % rows.length;
        const to = toRaw % rows.length;
        const moved = [...rows];
        const [r0] = moved.splice(from, 1);
        moved.splice(to, 0, r0);
        const titles = Array.from({ length: titleRows }, (_, i) => [`标题${i}`] as CellValue[]);
        const first = titleRows + 2; // Excel row of the first data row
        const a = check([book('x.xlsx', sheet('优抚对象', [...titles, BENEFICIARY_HEADER, ...rows]))]);
        const b = check([book('x.xlsx', sheet('优抚对象', [...titles, BENEFICIARY_HEADER, ...moved]))]);
        // Original index → new index.
        const order = rows.map((_, i) => i);
        const [o0] = order.splice(from, 1);
        order.splice(to, 0, o0);
        const newPos = new Map(order.map((orig, pos) => [orig, pos]));
        const key = (p: (typeof a.problems)[number], row: number | undefined) =>
          JSON.stringify({ ...p, row, cell: p.col !== undefined && row !== undefined ? `${p.cell!.replace(/\d+$/, '')}${row}` : p.cell });
        const mapped = a.problems.map((p) => key(p, p.row !== undefined && p.row >= first ? first + newPos.get(p.row - first)! : p.row)).sort();
        const got = b.problems.map((p) => key(p, p.row)).sort();
        expect(got).toEqual(mapped);
        expect(b.sheets[0].errors).toBe(a.sheets[0].errors);
        expect(b.sheets[0].warnings).toBe(a.sheets[0].warnings);
      },
    ),
    { numRuns: 200 },
  );
});

describe('ID key handed over by validateId', () => {
  test('is the digits as two integers for every well-formed 18-character ID, from validateId and from the duplicate rules', () => {
    // The key written out from the text itself (the oracle), against both ways of computing it.
    const expected = (id: string) => [+id.slice(0, 9), +id.slice(9, 17) * 11 + (id[17] === 'X' ? 10 : +id[17])];
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{17}[0-9X]$/), (id) => {
        validateId(id, LATEST);
        expect([LAST_ID_KEY[0], LAST_ID_KEY[1]]).toEqual(expected(id));
        expect(idKeyHiLo(id)).toBe(true);
        expect([KEY[0], KEY[1]]).toEqual(expected(id));
      }),
      { numRuns: 2000 },
    );
  });
  test('is withdrawn (-1) for a malformed or short ID', () => {
    validateId('11010519491231002X', LATEST);
    expect(LAST_ID_KEY[0]).toBeGreaterThan(0);
    for (const bad of ['11010519491231002x', '1101051949123100', '110105491231002', '１10105194912310020']) {
      validateId(bad, LATEST);
      expect(LAST_ID_KEY[0]).toBe(-1);
    }
  });
});
