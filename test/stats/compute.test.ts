import fc from 'fast-check';
import { computeStatistics, getStat, statValue, STAT_DEFINITIONS, type Statistics } from '../../src/core/stats';
import { buildForms } from '../../src/core/forms';
import { fixtureTables, SETTINGS, table } from './fixtures';

let stats: Statistics;
beforeAll(() => {
  stats = computeStatistics(fixtureTables(), SETTINGS);
});

describe('villages', () => {
  test('settings villages in order (even without rows)', () => {
    expect(stats.members.village).toEqual(['红旗村', '东风村', '向阳村', '李庄村']);
    expect(stats.unlistedVillages).toEqual([]);
  });

  // issue #15 item 4: a misspelt village never becomes a row of the official forms.
  test('with a village list, other spellings are counted together under 村名待核实, each spelling named', () => {
    const REG = ['所在村', '姓名', '登记类型', '是否已登记'];
    const tables = [
      table('a.xlsx', '兵役登记', REG, [
        ['红旗村', '甲', '初次', true],
        ['合平村', '乙', '初次', true],
        ['合平村', '丙', '初次', false],
        ['和平 村', '丁', '初次', true],
      ]),
    ];
    const withList = computeStatistics(tables, { ...SETTINGS, villages: ['红旗村', '和平村'] });
    expect(withList.members.village).toEqual(['红旗村', '和平村', '村名待核实']);
    expect(withList.unlistedVillages).toEqual([
      { name: '合平村', rows: 2 },
      { name: '和平 村', rows: 1 },
    ]);
    expect(getStat(withList, '应登记人数', { village: '村名待核实' })).toBe(3);
    expect(getStat(withList, '应登记人数', { village: '合平村' })).toBe(0);
    expect(getStat(withList, '应登记人数')).toBe(4);
    const reg = buildForms(withList, { ...SETTINGS, villages: ['红旗村', '和平村'] })[0];
    expect(reg.rows.map((r) => r.cells[0])).toEqual(['红旗村', '和平村', '村名待核实', '合计']);
    expect(reg.notes.join('')).toContain('“村名待核实”为所在村不在村名单中的 3 行（“合平村”2 行、“和平 村”1 行）');
    // Without a list, every village found is a row (nothing to check them against).
    const noList = computeStatistics(tables, { ...SETTINGS, villages: [] });
    expect(noList.members.village).toEqual(['红旗村', '合平村', '和平 村']);
  });
});

describe('兵役登记 figures (hand-computed)', () => {
  const expected: Record<string, Record<string, number | null>> = {
    红旗村: { 应登记人数: 3, 已登记人数: 2, 未登记人数: 1, 补登人数: 1, 核验人数: 1, 自愿登记人数: 1, 应征报名人数: 2, 体检合格人数: 1, 政考合格人数: 1, 批准入伍人数: 1, 兵役登记名册人数: 6 },
    东风村: { 应登记人数: 3, 已登记人数: 3, 未登记人数: 0, 补登人数: 1, 核验人数: 0, 自愿登记人数: 0, 应征报名人数: 1, 体检合格人数: 1, 政考合格人数: 0, 批准入伍人数: 0, 兵役登记名册人数: 4 },
    向阳村: { 应登记人数: 0, 已登记人数: 0, 未登记人数: 0, 补登人数: 0, 核验人数: 0, 自愿登记人数: 0, 应征报名人数: 0, 体检合格人数: 0, 政考合格人数: 0, 批准入伍人数: 0, 兵役登记名册人数: 0 },
    李庄村: { 应登记人数: 1, 已登记人数: 0, 未登记人数: 1, 补登人数: 0, 核验人数: 0, 自愿登记人数: 0, 应征报名人数: 0, 体检合格人数: 0, 政考合格人数: 0, 批准入伍人数: 0, 兵役登记名册人数: 1 },
  };
  for (const [village, figs] of Object.entries(expected)) {
    test(`${village}`, () => {
      for (const [name, v] of Object.entries(figs)) expect([name, getStat(stats, name, { village })]).toEqual([name, v]);
    });
  }
  test('合计', () => {
    const total = { 应登记人数: 7, 已登记人数: 5, 未登记人数: 2, 补登人数: 2, 核验人数: 1, 自愿登记人数: 1, 应征报名人数: 3, 体检合格人数: 2, 政考合格人数: 1, 批准入伍人数: 1, 兵役登记名册人数: 11 };
    for (const [name, v] of Object.entries(total)) expect([name, getStat(stats, name)]).toEqual([name, v]);
  });
  test('登记率 per village, one decimal; "—" with no 应登记 rows', () => {
    expect(statValue(stats, '登记率', { village: '红旗村' }).text).toBe('66.7%');
    expect(statValue(stats, '登记率', { village: '东风村' }).text).toBe('100.0%');
    expect(statValue(stats, '登记率', { village: '李庄村' }).text).toBe('0.0%');
    const none = statValue(stats, '登记率', { village: '向阳村' });
    expect(none.value).toBeNull();
    expect(none.text).toBe('—');
  });
  test('合计 rate is the rate of the sums (5/7), not the average of the village rates', () => {
    const t = statValue(stats, '登记率');
    expect(t.numerator).toBe(5);
    expect(t.denominator).toBe(7);
    expect(t.value).toBeCloseTo(5 / 7, 12);
    expect(t.text).toBe('71.4%');
    expect(statValue(stats, '兵役登记率').text).toBe('71.4%');
  });
});

describe('优抚对象 figures', () => {
  test('people per category per village; synonyms count under the standard category; 暂停/注销 left out', () => {
    const at = (village: string, category: string) => getStat(stats, '优抚对象人数', { village, category });
    expect(at('红旗村', '残疾军人')).toBe(2); // 张一 + 李二 (伤残军人 → 残疾军人)
    expect(at('红旗村', '烈士遗属')).toBe(1); // 张一; 王三 is 暂停
    expect(at('红旗村', '现役军人家属')).toBe(1); // 钱五; 赵四 (军属) is 注销
    expect(at('东风村', '残疾军人')).toBe(2);
    expect(at('东风村', '其他退役军人')).toBe(1);
    expect(at('向阳村', '残疾军人')).toBe(0);
    expect(getStat(stats, '优抚对象人数', { category: '残疾军人' })).toBe(4);
  });
  test('a category nobody has is 0', () => {
    expect(getStat(stats, '优抚对象人数', { category: '因公牺牲军人遗属' })).toBe(0);
    expect(getStat(stats, '优抚对象人数', { village: '红旗村', category: '参试退役军人' })).toBe(0);
  });
  test('去重人数: a person in two categories counted once', () => {
    expect(getStat(stats, '去重人数', { village: '红旗村' })).toBe(3);
    expect(getStat(stats, '优抚对象记录数', { village: '红旗村' })).toBe(4);
    expect(getStat(stats, '去重人数', { village: '东风村' })).toBe(3);
    expect(getStat(stats, '去重人数')).toBe(6);
    expect(getStat(stats, '建档优抚对象人数')).toBe(6);
  });
  test('本年发放金额 summed exactly in cents; non-numbers reported, not summed', () => {
    expect(getStat(stats, '本年发放金额(元)', { village: '红旗村' })).toBe(2500.6);
    expect(getStat(stats, '本年发放金额(元)', { village: '东风村' })).toBe(0.3);
    expect(getStat(stats, '本年发放金额(元)')).toBe(2500.9);
    expect(statValue(stats, '本年发放金额(元)', { village: '东风村' }).text).toBe('0.30');
    expect(stats.ignored).toEqual([{ ledger: '优抚对象', field: '本年发放金额(元)', count: 1 }]);
  });
  test('a 合计 row that reached the statistics is not counted; status exclusions counted', () => {
    const ben = stats.inputs.find((i) => i.ledger === '优抚对象');
    expect(ben).toEqual({ ledger: '优抚对象', tables: 2, records: 10, counted: 7, excludedByStatus: 2, excludedTotals: 1, withErrors: 0 });
  });
});

describe('双拥活动 figures', () => {
  const row = (activity?: string) =>
    ['活动次数', '参加人数', '官兵人次', '慰问人数', '慰问金(元)', '物资折价(元)', '图书(册)'].map((n) =>
      getStat(stats, n, activity ? { activity } : {}),
    );
  test('per category (synonyms mapped)', () => {
    expect(row('文化进军营')).toEqual([2, 150, 30, 0, 1000.5, 200.25, 50]);
    expect(row('体育进军营')).toEqual([1, 30, 15, 0, 0, 0, 0]);
    expect(row('送温暖进军营')).toEqual([1, 0, 0, 12, 3000, 1500.75, 0]);
    expect(row('绿化服务进村镇')).toEqual([1, 40, 25, 0, 0, 0, 0]);
    expect(row('便民服务进村镇')).toEqual([1, 60, 0, 0, 0, 0, 30]);
    expect(row('就业岗位进军营')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(row('联欢会')).toEqual([1, 10, 0, 0, 0, 0, 0]);
  });
  test('合计 and derived sums', () => {
    expect(row()).toEqual([7, 290, 70, 12, 4000.5, 1701, 80]);
    expect(getStat(stats, '投入资金(元)')).toBe(5701.5);
    expect(getStat(stats, '捐赠图书(册)')).toBe(80);
    expect(stats.unknownCategoryRows.activity).toBe(1);
  });
  test('by 方向 and by unit', () => {
    expect(getStat(stats, '活动次数', { direction: '拥军优属' })).toBe(5); // incl. the non-standard 联欢会 by its 方向
    expect(getStat(stats, '活动次数', { direction: '拥政爱民' })).toBe(2);
    expect(getStat(stats, '活动次数', { unit: '武警中队' })).toBe(2);
    expect(getStat(stats, '参加人数', { unit: '红旗村', activity: '文化进军营' })).toBe(150);
  });
});

describe('共建对子 and 安置 figures', () => {
  test('pairs: only 有效 or empty 状态', () => {
    expect(getStat(stats, '军民共建对子数')).toBe(2);
    expect(getStat(stats, '帮扶对子数')).toBe(1);
    expect(getStat(stats, '对子数')).toBe(3);
  });
  test('placements, with an empty 安置状态 inferred from 安置单位', () => {
    expect(getStat(stats, '已安置人数', { placementType: '退役士兵' })).toBe(2);
    expect(getStat(stats, '待安置人数', { placementType: '退役士兵' })).toBe(1);
    expect(getStat(stats, '担任领导职务人数', { placementType: '退役士兵' })).toBe(1);
    expect(getStat(stats, '已安置人数', { placementType: '随军家属' })).toBe(1);
    expect(getStat(stats, '待安置人数', { placementType: '随军家属' })).toBe(1);
    expect(getStat(stats, '担任领导职务人数', { placementType: '随军家属' })).toBe(0);
    expect(getStat(stats, '接收安置退役士兵人数')).toBe(2);
    expect(getStat(stats, '接收安置退役士兵人数', { village: '东风村' })).toBe(1);
    expect(getStat(stats, '安置随军家属人数')).toBe(1);
    expect(getStat(stats, '安置人数', { village: '东风村' })).toBe(3);
  });
});

describe('definitions', () => {
  test('every definition has a unique name, semantics in both languages, and evaluates', () => {
    const names = new Set<string>();
    for (const d of STAT_DEFINITIONS) {
      expect(names.has(d.name)).toBe(false);
      names.add(d.name);
      expect(d.semantics.length).toBeGreaterThan(4);
      expect(d.semanticsEn.length).toBeGreaterThan(4);
      expect(() => statValue(stats, d.name)).not.toThrow();
    }
  });
  test('unknown names and dimensions throw', () => {
    expect(() => statValue(stats, '不存在')).toThrow(/unknown statistic/);
    expect(() => statValue(stats, '军民共建对子数', { village: '红旗村' })).toThrow(/no dimension/);
  });
  test('the result is plain JSON data', () => {
    const copy = JSON.parse(JSON.stringify(stats)) as Statistics;
    expect(getStat(copy, '登记率')).toBeCloseTo(5 / 7, 12);
    expect(getStat(copy, '去重人数', { village: '红旗村' })).toBe(3);
  });
});

describe('properties', () => {
  test('money sums are exact: equal to the integer sum of cents', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000 }), { maxLength: 60 }), (cents) => {
        const t = table('x.xlsx', '优抚对象', ['所在村', '身份证号', '优抚类别', '本年发放金额(元)'], cents.map((c, i) => ['红旗村', `ID${i}`, '残疾军人', c / 100]));
        const s = computeStatistics([t], SETTINGS);
        const expected = cents.reduce((a, b) => a + b, 0);
        expect(Math.round(getStat(s, '本年发放金额(元)')! * 100)).toBe(expected);
        expect(statValue(s, '本年发放金额(元)').text).toBe(`${Math.floor(expected / 100)}.${String(expected % 100).padStart(2, '0')}`);
      }),
      { numRuns: 100 },
    );
  });
  test('count totals equal the sum over villages; the total rate is the rate of the sums', () => {
    const villages = ['红旗村', '东风村', '向阳村', '新村'];
    const rowArb = fc.record({ v: fc.constantFrom(...villages), t: fc.constantFrom('初次', '补登', '核验', '自愿'), done: fc.boolean() });
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 80 }), (rows) => {
        const t = table('x.xlsx', '兵役登记', ['所在村', '登记类型', '是否已登记'], rows.map((r) => [r.v, r.t, r.done]));
        const s = computeStatistics([t], SETTINGS);
        for (const name of ['应登记人数', '已登记人数', '未登记人数', '补登人数', '核验人数']) {
          const sum = s.members.village.reduce((a, village) => a + (getStat(s, name, { village }) ?? 0), 0);
          expect(getStat(s, name)).toBe(sum);
        }
        const due = rows.filter((r) => r.t === '初次').length;
        const done = rows.filter((r) => r.t === '初次' && r.done).length;
        expect(getStat(s, '登记率')).toBe(due === 0 ? null : done / due);
      }),
      { numRuns: 100 },
    );
  });
});

test('figures are data: a caller can add its own definition', () => {
  const s = computeStatistics(fixtureTables(), SETTINGS, {
    definitions: [
      ...STAT_DEFINITIONS,
      {
        name: '残疾军人发放金额(元)', group: '优抚对象', dims: ['village'], format: 'money',
        rule: { kind: 'sum', ledger: '优抚对象', field: '本年发放金额(元)', where: [{ field: '优抚类别', is: '残疾军人' }] },
        semantics: '残疾军人的本年发放金额之和。', semanticsEn: 'Amount paid to 残疾军人.',
      },
    ],
  });
  expect(getStat(s, '残疾军人发放金额(元)', { village: '红旗村' })).toBe(2200.4); // 1200.1 + 1000.3 (伤残军人)
  expect(getStat(s, '残疾军人发放金额(元)')).toBe(2200.7);
});

test('a definition may list its dimensions in any order', () => {
  const s = computeStatistics(fixtureTables(), SETTINGS, {
    definitions: [
      {
        name: '人数(类别,村)', group: '优抚对象', dims: ['category', 'village'], format: 'int',
        rule: { kind: 'count', ledger: '优抚对象' }, semantics: '测试', semanticsEn: 'test',
      },
    ],
  });
  expect(getStat(s, '人数(类别,村)', { village: '红旗村', category: '残疾军人' })).toBe(2);
  expect(getStat(s, '人数(类别,村)', { category: '残疾军人' })).toBe(4);
  expect(getStat(s, '人数(类别,村)', { village: '东风村' })).toBe(3);
  expect(getStat(s, '人数(类别,村)')).toBe(7);
});
