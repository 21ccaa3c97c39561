import { computeStatistics, type Statistics } from '../../src/core/stats';
import {
  describeUnknown,
  listPlaceholders,
  parsePlaceholders,
  placeholderNames,
  resolveCellText,
  suggestNames,
} from '../../src/core/template';
import { fixtureTables, SETTINGS } from './fixtures';

let stats: Statistics;
beforeAll(() => {
  stats = computeStatistics(fixtureTables(), SETTINGS);
});

test('parse: names, qualifiers, full-width brackets and bars, spaces', () => {
  expect(parsePlaceholders('a{{ 已登记人数 | 红旗村 }}b{{本年发放金额（元）｜东风村}}')).toEqual([
    { raw: '{{ 已登记人数 | 红旗村 }}', name: '已登记人数', qualifiers: ['红旗村'] },
    { raw: '{{本年发放金额（元）｜东风村}}', name: '本年发放金额(元)', qualifiers: ['东风村'] },
  ]);
});

test('a cell holding only a placeholder becomes a number', () => {
  expect(resolveCellText('{{已登记人数|红旗村}}', stats)).toMatchObject({ value: 2, format: 'int', replaced: 1, unknown: [] });
  expect(resolveCellText('  {{兵役登记率}} ', stats)).toMatchObject({ value: 5 / 7, format: 'percent', text: '  71.4% ' });
  expect(resolveCellText('{{本年发放金额(元)}}', stats)).toMatchObject({ value: 2500.9, format: 'money' });
  expect(resolveCellText('{{优抚对象人数|残疾军人|红旗村}}', stats).value).toBe(2);
  expect(resolveCellText('{{优抚对象人数|红旗村|残疾军人}}', stats).value).toBe(2);
  expect(resolveCellText('{{已登记人数|合计}}', stats).value).toBe(5);
  expect(resolveCellText('{{年度}}', stats).value).toBe(2026);
});

test('a zero-denominator rate alone in a cell is the text "—"', () => {
  expect(resolveCellText('{{登记率|向阳村}}', stats)).toMatchObject({ value: '—', replaced: 1 });
});

test('inside text, placeholders are substituted as shown', () => {
  const r = resolveCellText('{{乡镇}}{{年度}}年兵役登记率{{兵役登记率}}，投入{{投入资金(元)}}元，红旗村已登记{{已登记人数|红旗村}}人', stats);
  expect(r.value).toBe('红旗镇2026年兵役登记率71.4%，投入5701.50元，红旗村已登记2人');
  expect(r.replaced).toBe(5);
});

test('text without placeholders is unchanged', () => {
  expect(resolveCellText('合计 {单花括号}', stats)).toEqual({ value: '合计 {单花括号}', text: '合计 {单花括号}', replaced: 0, unknown: [] });
});

test('unknown placeholders are reported and left as written', () => {
  const r = resolveCellText('率：{{登记律}}；{{已登记人数|不存在村}}；{{军民共建对子数|红旗村}}；{{已登记人数}}', stats);
  expect(r.value).toBe('率：{{登记律}}；{{已登记人数|不存在村}}；{{军民共建对子数|红旗村}}；5');
  expect(r.unknown).toEqual([
    { placeholder: '{{登记律}}', problem: 'unknown-name', detail: '登记律' },
    { placeholder: '{{已登记人数|不存在村}}', problem: 'unknown-qualifier', detail: '不存在村' },
    { placeholder: '{{军民共建对子数|红旗村}}', problem: 'too-many-qualifiers', detail: '红旗村' },
  ]);
  const alone = resolveCellText('{{登记律}}', stats);
  expect(alone.value).toBe('{{登记律}}');
  expect(alone.replaced).toBe(0);
  expect(alone.unknown).toHaveLength(1);
});

test('messages about unknown placeholders name the names that exist', () => {
  expect(suggestNames(stats, '登记律')).toContain('登记率');
  const m = describeUnknown({ placeholder: '{{登记律}}', problem: 'unknown-name', detail: '登记律' }, stats);
  expect(m).toContain('是否要用：登记率');
  expect(m).toContain('已登记人数[|村]');
  expect(m).toContain('优抚对象人数[|村][|优抚类别]');
  const q = describeUnknown({ placeholder: '{{已登记人数|不存在村}}', problem: 'unknown-qualifier', detail: '不存在村' }, stats);
  expect(q).toContain('红旗村、东风村、向阳村、李庄村');
});

test('listPlaceholders: every listed name resolves; the listing covers every definition', () => {
  const names = listPlaceholders(stats);
  expect(names).toContain('兵役登记率');
  expect(names).toContain('已登记人数|红旗村');
  expect(names).toContain('已登记人数|向阳村');
  expect(names).toContain('优抚对象人数|红旗村|残疾军人');
  expect(names).toContain('活动次数|文化进军营');
  expect(names).toContain('活动次数|拥政爱民');
  expect(names).not.toContain('活动次数|文化进军营|拥军优属');
  for (const d of stats.definitions) expect(names).toContain(d.name);
  for (const n of names) {
    const r = resolveCellText(`{{${n}}}`, stats);
    expect([n, r.unknown]).toEqual([n, []]);
  }
  expect(placeholderNames(stats)).toHaveLength(stats.definitions.length + 3);
});
