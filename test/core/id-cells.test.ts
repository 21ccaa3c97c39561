/** ID cells a clerk understands (issue 13 item 6) and current/abolished region codes (item 5). */
import { abolishedCounty, idCheckChar, isKnownCounty, makeId, validateId } from '../../src/core/values/id';
import { renderMessage } from '../../src/core/messages/render';
import { BENEFICIARY_HEADER, beneficiaryRow, MAN_1980 } from './fixtures';
import { checkSheet } from './helpers';

function idProblems(value: unknown) {
  const r = checkSheet('优抚对象', BENEFICIARY_HEADER, [beneficiaryRow(1, { 身份证号: value as string, 性别: null, 出生日期: null })]);
  return r.problems.filter((p) => p.column === '身份证号');
}

describe('an ID wrapped in text or punctuation is a fixable id.normalized with the bare ID', () => {
  test.each([
    `身份证:${MAN_1980}`,
    `身份证号：${MAN_1980}`,
    `${MAN_1980}，`,
    `（${MAN_1980}）`,
    `“${MAN_1980}”`,
    `"${MAN_1980}"`,
    `${MAN_1980.slice(0, 6)} ${MAN_1980.slice(6, 14)} ${MAN_1980.slice(14)}`,
  ])('%s', (v) => {
    const ps = idProblems(v);
    expect(ps.map((p) => [p.code, p.severity, p.fix])).toEqual([['id.normalized', 'warning', MAN_1980]]);
  });

  test('a lower-case x at the end, inside quotes, comes back upper-case', () => {
    const x = makeId('110105', '19800115', 19);
    const withX = x.endsWith('X') ? x : (() => {
      for (let s = 1; s < 999; s++) {
        const id = makeId('110105', '19800115', s);
        if (id.endsWith('X')) return id;
      }
      throw new Error('no X');
    })();
    expect(idProblems(`'${withX.toLowerCase()}'`).map((p) => [p.code, p.fix])).toEqual([['id.normalized', withX]]);
  });
});

test('two IDs in one cell say so', () => {
  const other = makeId('110105', '19750301', 31);
  const ps = idProblems(`${MAN_1980}、${other}`);
  expect(ps.map((p) => [p.code, p.severity])).toEqual([['id.multiple', 'error']]);
  expect(renderMessage(ps[0])).toBe('单元格里有2个身份证号');
});

test('a 15-digit legacy ID stored as a number lost nothing: the 18-digit form is offered', () => {
  const id15 = '110105800115111';
  const ps = idProblems(Number(id15));
  const first17 = '11010519800115111';
  expect(ps.map((p) => [p.code, p.severity, p.fix])).toEqual([['id.legacy-15', 'warning', first17 + idCheckChar(first17)]]);
});

test('an 18-digit ID stored as a number is still id.stored-as-number', () => {
  expect(idProblems(Number('110105198001151234')).map((p) => p.code)).toEqual(['id.stored-as-number']);
});

test('scientific text of 18 characters or more is id.stored-as-number, not a length error', () => {
  for (const v of ['1.10105194912310E+17', '1.1010519491231E+17', '1.10105E+17', '1.101051949123100E+017']) {
    expect(idProblems(v).map((p) => p.code)).toEqual(['id.stored-as-number']);
  }
});

test("a foreigner's permanent-residence number (2023 format) is named as such", () => {
  // 9 + 11 (issued in 北京) + 156-style nationality code 840, birth 19800115, sequence 123.
  const first17 = '9118401980011512' + '3';
  const id = first17 + idCheckChar(first17);
  expect(validateId(id, 20261231)).toBe('foreign-permanent');
  const ps = idProblems(id);
  expect(ps.map((p) => [p.code, p.severity])).toEqual([['id.foreign-permanent', 'info']]);
  expect(renderMessage(ps[0])).toBe('外国人永久居留身份证号码（2023年版，北京签发）');
  // With a wrong check character it is a checksum error, not "91 不是有效的省份代码".
  const bad = first17 + (id[17] === '1' ? '2' : '1');
  expect(idProblems(bad).map((p) => p.code)).toEqual(['id.checksum']);
  // 9 followed by no province is still a province error.
  const noProv = '900840198001151230';
  expect(validateId(noProv.slice(0, 17) + idCheckChar(noProv.slice(0, 17)), 20261231)).toBe('province');
});

describe('region codes: current, abolished (with the year), unknown', () => {
  test('codes created since 2019 are current', () => {
    for (const c of ['320614', '130505', '340281', '360113', '110105', '441900', '429004']) expect([c, isKnownCounty(c)]).toEqual([c, true]);
  });

  test('an abolished code is valid: an info line with the year, no warning', () => {
    expect(isKnownCounty('110103')).toBe(false);
    expect(abolishedCounty('110103')).toEqual({ when: '2010', name: '崇文区' });
    const id = makeId('110103', '19500301', 11);
    expect(validateId(id, 20261231)).toBe('county-abolished');
    const ps = idProblems(id);
    expect(ps.map((p) => [p.code, p.severity])).toEqual([['id.county-abolished', 'info']]);
    expect(renderMessage(ps[0])).toBe('地区码 110103（崇文区）已于 2010 年撤销，老证号码仍然有效');
  });

  test('codes abolished before 2002 (民政部 tables 1980–2001) are infos with their year, not warnings', () => {
    // 商水县 and 铅山县 are in the tables up to 1999-12 and gone in 2000-12 (周口, 上饶 became cities).
    expect(abolishedCounty('412723')).toEqual({ when: '2000', name: '商水县' });
    expect(abolishedCounty('362324')).toEqual({ when: '2000', name: '铅山县' });
    for (const code of ['412723', '362324']) {
      const ps = idProblems(makeId(code, '19380512', 21));
      expect(ps.map((p) => [p.code, p.severity])).toEqual([['id.county-abolished', 'info']]);
    }
    expect(renderMessage(idProblems(makeId('412723', '19380512', 21))[0])).toBe('地区码 412723（商水县）已于 2000 年撤销，老证号码仍然有效');
    // Their successors are current.
    expect(isKnownCounty('411623')).toBe(true); // 商水县 under 周口市
    expect(isKnownCounty('361124')).toBe(true); // 铅山县 under 上饶市
  });

  test('a code that never existed is a warning', () => {
    const id = makeId('430199', '19700108', 11);
    expect(validateId(id, 20261231)).toBe('county');
    expect(idProblems(id).map((p) => [p.code, p.severity])).toEqual([['id.county', 'warning']]);
  });
});
