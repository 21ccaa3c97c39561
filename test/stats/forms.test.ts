import { buildForms, FORM_NAMES, summaryParagraph, type FormSheet } from '../../src/core/forms';
import { buildSchemas } from '../../src/core/schema';
import { computeStatistics, DEFAULT_VOCABULARY, SPEC_VOCABULARY, vocabularyFromSchemas, type Statistics } from '../../src/core/stats';
import fc from 'fast-check';
import { fixtureTables, SETTINGS, table } from './fixtures';

let stats: Statistics;
let forms: FormSheet[];
const byName = (n: string) => forms.find((f) => f.name === n) as FormSheet;
const rowOf = (f: FormSheet, label: string) => f.rows.find((r) => r.cells[0] === label);

beforeAll(() => {
  stats = computeStatistics(fixtureTables(), SETTINGS);
  forms = buildForms(stats, SETTINGS, { date: new Date(2026, 10, 20) });
});

test('five forms, named as in the spec, with a title (township, year) and footer', () => {
  expect(forms.map((f) => f.name)).toEqual([...FORM_NAMES]);
  expect(forms.map((f) => f.name)).toEqual(['兵役登记统计表', '优抚对象统计表', '双拥活动统计表', '共建安置统计表', '双拥工作年度汇总']);
  for (const f of forms) {
    expect(f.title).toBe(`红旗镇2026年${f.name}`);
    expect(f.footer).toMatchObject({ unit: '制表单位：红旗镇', date: '制表日期：2026年11月20日', seal: '（盖章）' });
    expect(f.footer.signatures.map((x) => x.label)).toEqual(['负责人', '审核人', '填表人', '联系电话']);
    expect(f.notes).toEqual(['优抚对象统计表', '双拥活动统计表', '共建安置统计表'].includes(f.name) ? expect.any(Array) : []);
  }
});

test('exactly the spec headers', () => {
  const headers = (n: string) => byName(n).columns.map((c) => c.header);
  expect(headers('兵役登记统计表')).toEqual([
    '村', '应登记人数', '已登记人数', '未登记人数', '登记率', '补登人数', '核验人数', '应征报名人数', '体检合格人数', '政考合格人数', '批准入伍人数',
  ]);
  expect(headers('优抚对象统计表')).toEqual([
    '村', '残疾军人', '烈士遗属', '因公牺牲军人遗属', '病故军人遗属', '在乡复员军人', '带病回乡退役军人', '参战退役军人', '参试退役军人',
    '年满60周岁农村籍退役士兵', '烈士老年子女', '现役军人家属', '其他退役军人', '去重人数', '本年发放金额(元)',
  ]);
  expect(headers('双拥活动统计表')).toEqual(['类别', '活动次数', '参加人数', '官兵人次', '慰问人数', '慰问金(元)', '物资折价(元)', '图书(册)']);
  expect(headers('共建安置统计表')).toEqual(['项目', '数量', '待安置', '担任领导职务']);
});

test('every table form ends with a 合计 row; every row has one cell per column', () => {
  for (const f of forms) {
    for (const r of f.rows) expect(r.cells).toHaveLength(f.columns.length);
    if (f.name === '双拥工作年度汇总') continue;
    const last = f.rows[f.rows.length - 1];
    expect(last.kind).toBe('total');
    // 共建安置统计表 totals pairs and people apart (对子合计, 安置合计): they never add up.
    if (f.name === '共建安置统计表') {
      expect(f.rows.filter((r) => r.kind === 'total').map((r) => r.cells[0])).toEqual(['对子合计', '安置合计']);
      continue;
    }
    expect(last.cells[0]).toBe('合计');
    expect(f.rows.filter((r) => r.kind === 'total')).toHaveLength(1);
  }
});

test('兵役登记统计表: one row per village (including one without registrants), 合计 with the rate of sums', () => {
  const f = byName('兵役登记统计表');
  expect(f.rows.map((r) => r.cells[0])).toEqual(['红旗村', '东风村', '向阳村', '李庄村', '合计']);
  expect(rowOf(f, '红旗村')?.cells).toEqual(['红旗村', 3, 2, 1, 2 / 3, 1, 1, 2, 1, 1, 1]);
  expect(rowOf(f, '向阳村')?.cells).toEqual(['向阳村', 0, 0, 0, '—', 0, 0, 0, 0, 0, 0]);
  expect(rowOf(f, '合计')?.cells).toEqual(['合计', 7, 5, 2, 5 / 7, 2, 1, 3, 2, 1, 1]);
  expect(f.columns.map((c) => c.format)).toEqual(['text', 'int', 'int', 'int', 'percent', 'int', 'int', 'int', 'int', 'int', 'int']);
  expect(f.charts).toEqual([
    {
      title: '各村兵役登记率', type: 'column', labelColumn: 0, valueColumn: 4, rowIndexes: [0, 1, 2, 3],
      categories: ['红旗村', '东风村', '向阳村', '李庄村'], values: [2 / 3, 1, null, 0], format: 'percent',
    },
  ]);
});

test('优抚对象统计表: people per category, 去重人数, exact money', () => {
  const f = byName('优抚对象统计表');
  const hq = rowOf(f, '红旗村')!.cells;
  expect(hq).toEqual(['红旗村', 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 3, 2500.6]);
  expect(rowOf(f, '东风村')!.cells).toEqual(['东风村', 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3, 0.3]);
  expect(rowOf(f, '向阳村')!.cells).toEqual(['向阳村', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  expect(rowOf(f, '合计')!.cells).toEqual(['合计', 4, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 6, 2500.9]);
  // the category columns sum to more than 去重人数 when one person is in two categories
  expect((hq.slice(1, 13) as number[]).reduce((a, b) => a + b, 0)).toBe(4);
  expect(f.notes).toEqual(['注：优抚对象台账中有非数字的数值未计入合计（本年发放金额(元) 1 处）。']);
  expect(f.columns[14].format).toBe('money');
});

test('双拥活动统计表: six categories, 小计, six, 小计, 其他 (non-standard), 合计', () => {
  const f = byName('双拥活动统计表');
  expect(f.rows.map((r) => [r.kind, r.cells[0]])).toEqual([
    ['data', '文化进军营'], ['data', '体育进军营'], ['data', '社会服务进军营'], ['data', '科技法律进军营'], ['data', '送温暖进军营'], ['data', '就业岗位进军营'],
    ['subtotal', '拥军优属小计'],
    ['data', '治安服务进村镇'], ['data', '卫生服务进村镇'], ['data', '绿化服务进村镇'], ['data', '国防教育进村镇'], ['data', '扶贫帮困进村镇'], ['data', '便民服务进村镇'],
    ['subtotal', '拥政爱民小计'],
    ['data', '其他（类别不规范）'],
    ['total', '合计'],
  ]);
  expect(rowOf(f, '拥军优属小计')!.cells).toEqual(['拥军优属小计', 4, 180, 45, 12, 4000.5, 1701, 50]);
  expect(rowOf(f, '拥政爱民小计')!.cells).toEqual(['拥政爱民小计', 2, 100, 25, 0, 0, 0, 30]);
  expect(rowOf(f, '其他（类别不规范）')!.cells).toEqual(['其他（类别不规范）', 1, 10, 0, 0, 0, 0, 0]);
  expect(rowOf(f, '合计')!.cells).toEqual(['合计', 7, 290, 70, 12, 4000.5, 1701, 80]);
  // 合计 = 小计 + 小计 + 其他, column by column
  const sub = f.rows.filter((r) => r.kind === 'subtotal' || r.cells[0] === '其他（类别不规范）');
  for (let c = 1; c < 8; c++) {
    const sum = sub.reduce((a, r) => a + Math.round((r.cells[c] as number) * 100), 0) / 100;
    expect(rowOf(f, '合计')!.cells[c]).toBe(sum);
  }
  expect(f.notes[0]).toContain('联欢会');
  expect(f.charts[0].title).toBe('各类别双拥活动次数');
  expect(f.charts[0].categories).toHaveLength(13);
  expect(f.charts[0].values.slice(0, 3)).toEqual([2, 1, 0]);
});

test('共建安置统计表', () => {
  const f = byName('共建安置统计表');
  expect(f.rows.map((r) => r.cells)).toEqual([
    ['军民共建对子', 2, null, null],
    ['帮扶对子', 1, null, null],
    ['对子合计', 3, null, null],
    ['退役士兵安置', 2, 1, 1],
    ['随军家属安置', 1, 1, 0],
    ['安置合计', 3, 2, 1],
  ]);
  expect(f.notes.join('')).toContain('两者单位不同，分别合计，不相加');
});

test('双拥工作年度汇总: label/value rows with per-row formats', () => {
  const f = byName('双拥工作年度汇总');
  const v = (label: string) => rowOf(f, label)?.cells[1];
  expect(f.columns.map((c) => c.header)).toEqual(['项目', '数值']);
  expect(v('军民共建对子数')).toBe(2);
  expect(v('帮扶对子数')).toBe(1);
  expect(v('文化进军营活动次数')).toBe(2);
  expect(v('社会服务进军营活动次数')).toBe(0);
  expect(v('各类活动次数合计')).toBe(7);
  expect(v('投入资金(元)')).toBe(5701.5);
  expect(v('捐赠图书(册)')).toBe(80);
  expect(v('建档优抚对象人数')).toBe(6);
  expect(v('接收安置退役士兵人数')).toBe(2);
  expect(v('安置随军家属人数')).toBe(1);
  expect(v('兵役登记率')).toBeCloseTo(5 / 7, 12);
  expect(v('批准入伍人数')).toBe(1);
  expect(rowOf(f, '投入资金(元)')!.formats).toEqual([undefined, 'money']);
  expect(rowOf(f, '兵役登记率')!.formats).toEqual([undefined, 'percent']);
});

test('paragraph: figures in the register of an annual report; zero figures dropped', () => {
  const p = summaryParagraph(stats, 'zh-CN');
  expect(p).toBe(
    '今年以来，红旗镇认真落实双拥工作各项部署。' +
      '辖区共开展各类双拥活动7次，其中文化进军营活动2次、体育进军营活动1次、送温暖进军营活动1次、绿化服务进村镇活动1次、便民服务进村镇活动1次；参加人数达290人次，官兵参与70人次，走访慰问12人。' +
      '投入慰问金和物资折价共计5701.50元，捐赠图书80册。' +
      '结成军民共建对子2个、帮扶对子1个，军地共建共育深入开展。' +
      '建档优抚对象6人，全年发放优抚资金2500.90元，各项优抚政策落实到位。' +
      '接收安置退役士兵2人，安置随军家属1人。' +
      '适龄青年兵役登记率达到71.4%，批准入伍1人，圆满完成年度征兵工作任务。' +
      '军政军民团结更加巩固。',
  );
  expect(byName('双拥工作年度汇总').paragraph).toBe(p);
  expect(p).not.toContain('社会服务进军营'); // 0 activities: not mentioned
});

test('paragraph drops sentences whose figure is 0', () => {
  const empty = computeStatistics([], SETTINGS);
  expect(summaryParagraph(empty)).toBe('2026年度暂无双拥工作统计数据。');
  const onlyRegistration = computeStatistics(fixtureTables().filter((t) => t.ledger === '兵役登记'), SETTINGS);
  const p = summaryParagraph(onlyRegistration);
  expect(p).toContain('兵役登记率达到71.4%');
  expect(p).not.toMatch(/活动|对子|优抚|安置|投入/);
  const en = summaryParagraph(stats, 'en-US');
  expect(en).toContain('registration rate reached 71.4%');
  expect(en).toContain('7 activities were held');
});

test('inputErrors adds a note to every form; the en-US locale changes notes and paragraph', () => {
  const withErrors = buildForms(stats, SETTINGS, { inputErrors: 12 });
  for (const f of withErrors) expect(f.notes[0]).toBe('注：所汇总的台账共有 12 处错误，本表按台账原样数据统计，请核对更正后重新汇总。');
  const en = buildForms(stats, { ...SETTINGS, locale: 'en-US' }, { inputErrors: 1 });
  expect(en[0].notes[0]).toMatch(/^Note: the ledgers summarised have 1 errors/);
  expect(en[4].paragraph).toMatch(/^In 2026, 红旗镇: /);
});

test('without a village list: villages in order of appearance; an empty 所在村 is its own row', () => {
  const t = fixtureTables().filter((x) => x.ledger === '兵役登记');
  (t[1].records as Array<{ row: number; v: Record<string, unknown> }>).push({ row: 9, v: { 所在村: null, 登记类型: '初次', 是否已登记: true } });
  const s = computeStatistics(t, { ...SETTINGS, villages: [] });
  const f = buildForms(s, SETTINGS)[0];
  expect(f.rows.map((r) => r.cells[0])).toEqual(['红旗村', '东风村', '李庄村', '(未填)', '合计']);
  expect(rowOf(f, '合计')!.cells.slice(1, 4)).toEqual([8, 6, 2]);
});

test('a user vocabulary (schema override) adds its category as a column of 优抚对象统计表', () => {
  expect(DEFAULT_VOCABULARY.beneficiaryCategories).toEqual(SPEC_VOCABULARY.beneficiaryCategories);
  expect(DEFAULT_VOCABULARY.activityGroups).toEqual(SPEC_VOCABULARY.activityGroups);
  const vocabulary = vocabularyFromSchemas(
    buildSchemas({ ledgers: { 优抚对象: { columns: { 优抚类别: { addTerms: [{ term: '见义勇为人员', synonyms: ['见义勇为'] }] } } } } }),
  );
  const tables = fixtureTables();
  (tables[3].records as Array<{ row: number; v: Record<string, unknown> }>).push({
    row: 8,
    v: { 所在村: '东风村', 身份证号: '110105195001010150', 优抚类别: '见义勇为', 本年发放金额: null, 状态: '在册' },
  });
  const s = computeStatistics(tables, SETTINGS, { vocabulary });
  const f = buildForms(s, SETTINGS)[1];
  expect(f.columns.map((c) => c.header).slice(-3)).toEqual(['见义勇为人员', '去重人数', '本年发放金额(元)']);
  expect(f.rows.find((r) => r.cells[0] === '东风村')!.cells.slice(-3)).toEqual([1, 4, 0.3]);
  expect(s.unknownCategoryRows.beneficiary).toBe(0);
});

test('property: in 双拥活动统计表 each 小计 is the sum of its rows and 合计 the sum of the 小计, to the 分', () => {
  const cats = DEFAULT_VOCABULARY.activityGroups.flatMap((g) => g.categories.map((c) => [g.direction, c] as const));
  const rowArb = fc.record({
    k: fc.integer({ min: 0, max: cats.length - 1 }),
    people: fc.integer({ min: 0, max: 500 }),
    cents: fc.integer({ min: 0, max: 1_000_000 }),
  });
  fc.assert(
    fc.property(fc.array(rowArb, { maxLength: 60 }), (rows) => {
      const t = table('x.xlsx', '双拥活动', ['所在村/单位', '方向', '活动类别', '参加人数', '慰问金(元)'], rows.map((r) => ['红旗村', cats[r.k][0], cats[r.k][1], r.people, r.cents / 100]));
      const f = buildForms(computeStatistics([t], SETTINGS), SETTINGS)[2];
      const cents = (v: unknown) => Math.round((v as number) * 100);
      let block: FormSheet['rows'] = [];
      const subtotals: FormSheet['rows'] = [];
      for (const r of f.rows) {
        if (r.kind === 'data') block.push(r);
        else if (r.kind === 'subtotal') {
          for (const c of [1, 2, 5]) expect(cents(r.cells[c])).toBe(block.reduce((a, x) => a + cents(x.cells[c]), 0));
          subtotals.push(r);
          block = [];
        } else {
          for (const c of [1, 2, 5]) expect(cents(r.cells[c])).toBe(subtotals.reduce((a, x) => a + cents(x.cells[c]), 0));
        }
      }
      const total = f.rows[f.rows.length - 1].cells;
      expect(total[1]).toBe(rows.length);
      expect(cents(total[5])).toBe(rows.reduce((a, r) => a + r.cents, 0));
    }),
    { numRuns: 60 },
  );
});
