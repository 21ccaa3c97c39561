import { CODES } from '../../src/core/checks/registry';
import { maskId } from '../../src/core/values/id';
import { CATALOGUES, LOCALES, renderHint, renderMessage } from '../../src/core/messages/render';
import type { Problem } from '../../src/core/problem';
import { BENEFICIARY_HEADER, beneficiaryRow, book, MAN_1980, sheet } from './fixtures';
import { check } from './helpers';

describe('message catalogues', () => {
  test.each(LOCALES)('%s has a message and a hint for every code, and nothing else', (locale) => {
    const cat = CATALOGUES[locale];
    const missing = CODES.filter((c) => !cat[c.code] || !cat[c.code].message || !cat[c.code].hint).map((c) => c.code);
    expect(missing).toEqual([]);
    const known = new Set(CODES.map((c) => c.code));
    expect(Object.keys(cat).filter((k) => !known.has(k))).toEqual([]);
  });

  test('every message and hint compiles and renders with its placeholders filled', () => {
    for (const locale of LOCALES) {
      for (const { code, severity } of CODES) {
        const entry = CATALOGUES[locale][code];
        const names = new Set([...`${entry.message} ${entry.hint}`.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
        const params: Record<string, string> = Object.fromEntries([...names].map((n) => [n, `‹${n}›`]));
        // A select argument ({hasNear, select, yes {…} other {…}}) takes its first branch.
        for (const m of `${entry.message} ${entry.hint}`.matchAll(/\{(\w+), select, (\w+) /g)) params[m[1]] = m[2];
        const p: Problem = { code, severity, params, column: '‹column›', value: '‹value›', sheet: '‹sheet›', file: 'f', row: 2, col: 1, cell: 'A2', fix: '‹fix›' };
        const msg = renderMessage(p, locale);
        const hint = renderHint(p, locale);
        expect(msg).not.toMatch(/[{}]/);
        expect(hint).not.toMatch(/[{}]/);
        for (const n of names) expect(msg + hint).toContain(`‹${n}›`);
      }
    }
  });

  test('codes are stable dotted identifiers', () => {
    for (const c of CODES) expect(c.code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});

describe('rendering real problems', () => {
  const bad = MAN_1980.slice(0, 17) + (MAN_1980[17] === '3' ? '4' : '3');
  const r = check([book('红旗村.xlsx', sheet('优抚对象', [BENEFICIARY_HEADER, beneficiaryRow(1, { 身份证号: bad })]))]);
  const p = r.problems.find((x) => x.code === 'id.checksum')!;
  test('zh-CN is the default, as in cli.md', () => {
    expect(renderMessage(p)).toBe(`身份证号校验码错误：应为 ${MAN_1980[17]}，实为 ${bad[17]}`);
    expect(renderHint(p)).toContain('逐位核对');
  });
  test('en-US', () => {
    expect(renderMessage(p, 'en-US')).toBe(`Wrong ID check character: expected ${MAN_1980[17]}, found ${bad[17]}`);
  });
  test('numbers are not grouped (years, rows)', () => {
    const q: Problem = { code: 'conscript.reg-date-year', severity: 'error', params: { date: '2025-01-01', year: 2026 } };
    expect(renderMessage(q)).toBe('登记日期 2025-01-01 不在 2026 年内');
  });
  test('a missing parameter does not throw', () => {
    const q: Problem = { code: 'id.checksum', severity: 'error', params: {} };
    expect(renderMessage(q)).toBe('身份证号校验码错误：应为 ，实为 ');
  });
  test('an unknown code renders as itself', () => {
    expect(renderMessage({ code: 'x.y', severity: 'error', params: {} })).toBe('x.y');
  });
});

test('maskId', () => {
  expect(maskId('110105194912310023')).toBe('110105********0023');
  expect(maskId('110105491231002')).toBe('110105*****1002');
  expect(maskId('12345')).toBe('***45');
  expect(maskId('')).toBe('');
});
