/** Users change vocabularies, aliases, columns and rules through data. */
import { buildSchemas, LEDGER_SCHEMAS } from '../../src/core/schema';
import type { SchemaOverride } from '../../src/core/schema';
import { BENEFICIARY_HEADER, beneficiaryRow, book, sheet } from './fixtures';
import { check, codes } from './helpers';

const override: SchemaOverride = {
  ledgers: {
    优抚对象: {
      columns: {
        优抚类别: { addTerms: [{ term: '见义勇为人员', synonyms: ['见义勇为'] }] },
        姓名: { aliases: ['对象姓名'] },
      },
      addColumns: [{ field: '银行账号', aliases: ['社保卡号'], type: 'code', required: true }],
      disableRules: ['disability'],
    },
  },
  countyCodes: ['110105'],
};

test('buildSchemas applies the override and leaves the defaults alone', () => {
  const s = buildSchemas(override).find((x) => x.id === '优抚对象')!;
  expect(s.columns.find((c) => c.field === '优抚类别')!.vocab!.terms.map((t) => t.term)).toContain('见义勇为人员');
  expect(s.rules).not.toContain('disability');
  const d = LEDGER_SCHEMAS.find((x) => x.id === '优抚对象')!;
  expect(d.columns.find((c) => c.field === '优抚类别')!.vocab!.terms.map((t) => t.term)).not.toContain('见义勇为人员');
  expect(d.columns.some((c) => c.field === '银行账号')).toBe(false);
  expect(d.rules).toContain('disability');
});

test('checkWorkbooks uses the override: new term, alias, added required column, disabled rule, county list', () => {
  const header = [...BENEFICIARY_HEADER.map((h) => (h === '姓名' ? '对象姓名' : h)), '社保卡号'];
  const rows = [
    [...beneficiaryRow(1, { 优抚类别: '见义勇为' }), '6217000012345678'],
    [...beneficiaryRow(2, { 优抚类别: '残疾军人' }), null],
  ];
  const wb = [book('a.xlsx', sheet('优抚对象', [header, ...rows]))];
  const withOv = check(wb, {}, { schemaOverride: override });
  expect(withOv.problems.map((p) => [p.row, p.code])).toEqual([
    [2, 'vocab.synonym'],
    [3, 'cell.required'],
  ]);
  expect(withOv.tables[0].records[0].v['银行账号']).toBe('6217000012345678');
  expect(withOv.tables[0].records[0].v['优抚类别']).toBe('见义勇为人员');

  const without = check(wb);
  expect(codes(without)).toEqual(expect.arrayContaining(['vocab.invalid', 'disability.grade-required', 'header.unknown-column']));
});

test('a county list makes unknown counties a warning', () => {
  const wb = [book('a.xlsx', sheet('优抚对象', [BENEFICIARY_HEADER, beneficiaryRow(1)]))];
  expect(codes(check(wb, {}, { schemaOverride: { countyCodes: ['110105'] } }))).toEqual([]);
  const r = check(wb, {}, { schemaOverride: { countyCodes: ['110101'] } });
  expect(r.problems.map((p) => [p.code, p.severity])).toEqual([['id.county', 'warning']]);
});
