import { diffYears, ledgerFingerprint, readReferenceList, reconcileRoster, ROSTER_LEDGERS, savedFigures, withComparison, YOY_LEDGERS, yoyTally } from '../../../src/core/compare';
import { buildForms } from '../../../src/core/forms';
import { summaryParagraph } from '../../../src/core/forms/paragraph';
import type { CellValue } from '../../../src/core/model';
import { computeStatistics, statValue } from '../../../src/core/stats';
import { resolveCellText } from '../../../src/core/template';
import { makeId } from '../../../src/core/values/id';
import { BENEFICIARY_HEADER, beneficiaryRow, book, CONSCRIPT_HEADER, conscriptRow, settings, sheet } from '../fixtures';
import { check } from '../helpers';

const man = (i: number): string => makeId('110105', '20080315', 11 + 2 * i);

function setup() {
  const lastT = check([book('a.xlsx', sheet('优抚对象', [BENEFICIARY_HEADER, beneficiaryRow(1), beneficiaryRow(2), beneficiaryRow(3, { 所在村: '光明村' })]))], { year: 2025 }).tables;
  const rows: CellValue[][] = [
    [BENEFICIARY_HEADER, beneficiaryRow(1, { '本年发放金额(元)': 99 }), beneficiaryRow(4), beneficiaryRow(5)],
  ][0];
  const thisT = check([
    book('b.xlsx', sheet('优抚对象', rows), sheet('兵役登记', [CONSCRIPT_HEADER, conscriptRow(1, { 身份证号: man(1) }), conscriptRow(2, { 身份证号: man(2) }), conscriptRow(3, { 身份证号: man(3), 是否已登记: '否', 登记日期: null })])),
  ]).tables;
  const yoy = diffYears(lastT, thisT, { year: 2026 });
  const list = readReferenceList(book('公安名单.xlsx', sheet('S', [['姓名', '身份证号', '所在村'], ['甲', man(1), '红旗村'], ['乙', man(3), '红旗村'], ['丙', man(5), '红旗村'], ['丁', man(6), '光明村']])), { villages: ['红旗村', '光明村'] });
  const roster = reconcileRoster(list, thisT, ['红旗村', '光明村']);
  const base = computeStatistics(thisT, settings({ villages: ['红旗村', '光明村'] }));
  return { base, yoy, roster, thisT, stats: withComparison(base, { yoy, roster }) };
}

test('the kept figures (a tally without people, the list figures without people) give the same statistics', () => {
  const { base, yoy, roster, stats } = setup();
  const tally = yoyTally(yoy);
  expect(JSON.stringify(tally)).not.toContain(man(1));
  expect(tally.counts.reduce((n, c) => n + c.n, 0)).toBe(yoy.changes.length);
  const kept = withComparison(base, { yoy: JSON.parse(JSON.stringify(tally)), roster: { file: roster.file, listed: roster.listed, villages: roster.villages } });
  expect(kept.raw).toEqual(stats.raw);
  expect(kept.members).toEqual(stats.members);
  expect(kept.comparison).toEqual(stats.comparison);
});

test('kept figures apply for the same year while the ledgers they read are unchanged', () => {
  const { thisT } = setup();
  const saved = { year: 2026, fingerprint: ledgerFingerprint(thisT, YOY_LEDGERS), figures: { counts: [] } };
  expect(savedFigures(saved, 2026, thisT, YOY_LEDGERS)).toEqual({ counts: [] });
  expect(savedFigures(saved, 2027, thisT, YOY_LEDGERS)).toBeNull();
  expect(savedFigures(null, 2026, thisT, YOY_LEDGERS)).toBeNull();
  expect(savedFigures({ year: 2026, figures: {} }, 2026, thisT, YOY_LEDGERS)).toBeNull();
  // One value changed in 优抚对象: stale for the year-over-year counts, not for the roster's.
  const yf = thisT.find((t) => t.ledger === '优抚对象')!;
  const edited = thisT.map((t) => (t === yf ? { ...t, records: t.records.map((r, i) => (i === 0 ? { ...r, v: { ...r.v, '本年发放金额(元)': 100 } } : r)) } : t));
  expect(savedFigures(saved, 2026, edited, YOY_LEDGERS)).toBeNull();
  const savedRoster = { year: 2026, fingerprint: ledgerFingerprint(thisT, ROSTER_LEDGERS), figures: { villages: [] } };
  expect(savedFigures(savedRoster, 2026, edited, ROSTER_LEDGERS)).toEqual({ villages: [] });
  // A row deleted from the roster: stale.
  const fewer = thisT.map((t) => (t.ledger === '兵役登记' ? { ...t, records: t.records.slice(1) } : t));
  expect(savedFigures(savedRoster, 2026, fewer, ROSTER_LEDGERS)).toBeNull();
});

test('without a comparison the figures show "—"; the roster denominators are the roster\'s own', () => {
  const { base } = setup();
  expect(statValue(base, '新增人数').text).toBe('—');
  expect(statValue(base, '名单人数', { village: '红旗村' }).text).toBe('—');
  expect(statValue(base, '应登记人数').value).toBe(3);
  expect(statValue(base, '已登记人数').value).toBe(2);
});

test('year-over-year and police-list figures by ledger and village; 应登记/已登记 come from the list', () => {
  const { stats } = setup();
  expect(statValue(stats, '新增人数').value).toBe(2);
  expect(statValue(stats, '新增人数', { ledger: '优抚对象', village: '红旗村' }).value).toBe(2);
  expect(statValue(stats, '减少人数', { village: '光明村' }).value).toBe(2 - 1);
  expect(statValue(stats, '减少人数', { village: '红旗村' }).value).toBe(1);
  expect(statValue(stats, '未说明减少人数').value).toBe(2);
  expect(statValue(stats, '变更人数', { ledger: '安置' }).value).toBe(0);
  expect(statValue(stats, '变更人数').value).toBe(1);
  expect(statValue(stats, '名单人数').value).toBe(4);
  expect(statValue(stats, '应登记人数', { village: '红旗村' }).value).toBe(3);
  expect(statValue(stats, '已登记人数', { village: '红旗村' }).value).toBe(1);
  expect(statValue(stats, '未登记人数', { village: '红旗村' }).value).toBe(2);
  expect(statValue(stats, '未登记人数', { village: '光明村' }).value).toBe(1);
  expect(statValue(stats, '名单外人数').value).toBe(1);
  expect(statValue(stats, '登记率').text).toBe('25.0%');
});

test('usable in user templates', () => {
  const { stats } = setup();
  expect(resolveCellText('新增{{新增人数|优抚对象}}人，红旗村未登记{{未登记人数|红旗村}}人', stats).text).toBe('新增2人，红旗村未登记2人');
  expect(resolveCellText('{{减少人数|红旗村|优抚对象}}', stats).value).toBe(1);
});

test('the 兵役登记统计表 says the list is its denominator; the paragraph mentions the changes', () => {
  const { stats, base } = setup();
  const forms = buildForms(stats, settings({ villages: ['红旗村', '光明村'] }));
  const reg = forms.find((f) => f.name === '兵役登记统计表')!;
  expect(reg.notes.join('')).toContain('公安适龄男青年名单（公安名单.xlsx）');
  const regBase = buildForms(base, settings()).find((f) => f.name === '兵役登记统计表')!;
  expect(regBase.notes.join('')).not.toContain('名单');
  const p = summaryParagraph(stats);
  expect(p).toContain('与2025年相比，优抚对象新增2人、减少2人、信息变更1人。');
  expect(p).toContain('对照公安户籍适龄男青年名单4人');
  expect(summaryParagraph(base)).not.toContain('与2025年相比');
});
