/** Users change vocabularies, aliases, columns and rules through data. */
import { startLiveCheck } from '../../src/core/check/incremental';
import { CHECKS } from '../../src/core/checks/registry';
import { buildSchemas, LEDGER_SCHEMAS, SchemaOverrideError } from '../../src/core/schema';
import { STAT_DEFINITIONS } from '../../src/core/stats/definitions';
import type { SchemaOverride } from '../../src/core/schema';
import { BENEFICIARY_HEADER, beneficiaryRow, book, settings, sheet } from './fixtures';
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

describe('a misspelt name is an error, never silently skipped (issue #12 item 5)', () => {
  const rows = [BENEFICIARY_HEADER, beneficiaryRow(1)];
  const run = (opts: Parameters<typeof check>[2]) => () => check([book('a.xlsx', sheet('优抚对象', rows))], {}, opts);
  const defaults = () => buildSchemas().map((s) => ({ ...s, columns: s.columns.map((c) => ({ ...c })), rules: [...s.rules] }));

  test('a misspelt code in the rule levels', () => {
    expect(run({ ruleLevels: { 'phone.invalid': 'off' } })).not.toThrow();
    expect(run({ ruleLevels: { 'phone.invalidd': 'off' } })).toThrow(SchemaOverrideError);
    expect(run({ ruleLevels: { 'phone.invalidd': 'off' } })).toThrow(/没有问题代码“phone.invalidd”/);
  });

  test('a misspelt override field (disableRule for disableRules, alias for aliases, ledger)', () => {
    expect(run({ schemaOverride: { ledgers: { 优抚对象: { disableRule: ['disability'] } } } as never })).toThrow(/没有配置项“disableRule”/);
    expect(run({ schemaOverride: { ledgers: { 优抚对象: { columns: { 姓名: { alias: ['对象姓名'] } } } } } as never })).toThrow(/列“姓名”：没有配置项“alias”/);
    expect(run({ schemaOverride: { ledger: {} } as never })).toThrow(/没有配置项“ledger”/);
  });

  test('an added column that exists already, or twice, and an unknown column type', () => {
    expect(run({ schemaOverride: { ledgers: { 优抚对象: { addColumns: [{ field: '姓名', type: 'text' }] } } } })).toThrow(/已有列“姓名”/);
    const twice = { field: '银行账号', type: 'code' as const };
    expect(run({ schemaOverride: { ledgers: { 优抚对象: { addColumns: [twice, twice] } } } })).toThrow(/已有列“银行账号”/);
    expect(run({ schemaOverride: { ledgers: { 优抚对象: { addColumns: [{ field: '银行账号', type: 'bank' as never }] } } } })).toThrow(/没有列类型“bank”/);
    expect(run({ schemaOverride: { ledgers: { 优抚对象: { columns: { 联系电话: { type: 'fone' as never } } } } } })).toThrow(/列“联系电话”：没有列类型“fone”/);
  });

  test('switching a generic rule per ledger does nothing, so it is an error that says what to do', () => {
    expect(run({ schemaOverride: { ledgers: { 优抚对象: { disableRules: ['phone'] } } } })).toThrow(/规则“phone”对每本台账都适用/);
  });

  test('complete schemas: a misspelt rule id, column type, doubled field or vocabulary parent', () => {
    expect(run({ schemas: defaults() })).not.toThrow();
    const rule = defaults();
    rule[0].rules.push('disabilty');
    expect(run({ schemas: rule })).toThrow(/没有规则“disabilty”/);
    const type = defaults();
    type[0].columns[1].type = 'txt' as never;
    expect(run({ schemas: type })).toThrow(/没有列类型“txt”/);
    const twice = defaults();
    twice[0].columns.push({ ...twice[0].columns[1] });
    expect(run({ schemas: twice })).toThrow(/出现两次/);
    const parent = defaults();
    const dep = parent.flatMap((s) => s.columns).find((c) => c.vocab?.groupField)!;
    dep.vocab = { ...dep.vocab!, groupField: '不存在的列' };
    expect(run({ schemas: parent })).toThrow(/依附于不存在的列“不存在的列”/);
  });

  test('the live check refuses the same mistakes', () => {
    const wb = [book('a.xlsx', sheet('优抚对象', rows))];
    expect(() => startLiveCheck(wb, settings(), { ruleLevels: { nope: 'off' } })).toThrow(/没有问题代码“nope”/);
    expect(() => startLiveCheck(wb, settings(), { schemaOverride: { ledgers: { 优抚对象: { disableRules: ['nope'] } } } })).toThrow(/没有规则“nope”/);
  });
});

test('every rule a default schema lists exists, and every field a check or a figure needs is a column of its ledger', () => {
  const byId = new Map(CHECKS.map((c) => [c.id, c]));
  for (const s of LEDGER_SCHEMAS) {
    const fields = new Set(s.columns.map((c) => c.field));
    for (const r of s.rules) {
      const c = byId.get(r);
      expect([s.id, r, c !== undefined && !c.generic]).toEqual([s.id, r, true]);
      for (const f of c!.needs ?? []) expect([s.id, r, f, fields.has(f)]).toEqual([s.id, r, f, true]);
    }
  }
  const all = new Set(LEDGER_SCHEMAS.flatMap((s) => s.columns.map((c) => c.field)));
  for (const c of CHECKS) for (const f of c.needs ?? []) expect([c.id, f, all.has(f)]).toEqual([c.id, f, true]);
  for (const d of STAT_DEFINITIONS) {
    const r = d.rule;
    if (r.kind !== 'count' && r.kind !== 'distinct' && r.kind !== 'sum') continue;
    const fields = new Set(LEDGER_SCHEMAS.find((s) => s.id === r.ledger)!.columns.map((c) => c.field));
    const named = [...(r.kind === 'count' ? [] : [r.field]), ...(r.where ?? []).map((w) => w.field)];
    for (const f of named) expect([d.name, f, fields.has(f)]).toEqual([d.name, f, true]);
  }
});
