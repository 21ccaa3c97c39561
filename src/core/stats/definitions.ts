/**
 * Every figure the product computes, as data: its name, dimensions, format, rule and exact
 * semantics. docs/stats.md lists the same (a test keeps them in step).
 *
 * Rules common to all figures (ledgers.md §5), applied before any rule below:
 * - only data rows count (never title, blank, note or 合计/总计/小计 rows);
 * - where the sheet has a 状态 column, only rows whose 状态 is 在册 or 有效 count; an empty 状态
 *   counts as 在册/有效; 暂停, 注销, 终止 and any other value are left out;
 * - rows with validation errors are still counted, with their values as typed;
 * - synonyms count under their standard term (伤残军人 → 残疾军人, 篮球赛 → 体育进军营 …);
 * - a total (合计) is computed from all counted rows — never as a sum or average of rates;
 * - a rate is numerator ÷ denominator of the summed counts; a zero denominator gives "—";
 * - sums are taken in integer hundredths (分), so money never drifts; a cell that is not a number
 *   (e.g. "五百") is not summed and is reported in `Statistics.ignored`.
 */
import type { StatDefinition } from './types';

const V = ['village'] as const;

export const STAT_DEFINITIONS: readonly StatDefinition[] = [
  // ───────────── 兵役登记 ─────────────
  {
    name: '应登记人数', group: '兵役登记', dims: [...V], format: 'int',
    rule: { kind: 'count', ledger: '兵役登记', where: [{ field: '登记类型', is: '初次' }] },
    semantics: '兵役登记台账中登记类型为“初次”的行数（应当进行初次兵役登记的适龄男青年）。',
    semanticsEn: 'Rows of the registration roster whose 登记类型 is 初次 (first registration due).',
  },
  {
    name: '已登记人数', group: '兵役登记', dims: [...V], format: 'int',
    rule: { kind: 'count', ledger: '兵役登记', where: [{ field: '登记类型', is: '初次' }, { field: '是否已登记', is: true }] },
    semantics: '登记类型为“初次”且是否已登记为“是”的行数。',
    semanticsEn: 'Rows with 登记类型 初次 and 是否已登记 = 是.',
  },
  {
    name: '未登记人数', group: '兵役登记', dims: [...V], format: 'int',
    rule: { kind: 'difference', minuend: '应登记人数', subtrahend: '已登记人数' },
    semantics: '应登记人数 − 已登记人数。',
    semanticsEn: '应登记人数 minus 已登记人数.',
  },
  {
    name: '登记率', group: '兵役登记', dims: [...V], format: 'percent',
    rule: { kind: 'ratio', numerator: '已登记人数', denominator: '应登记人数' },
    semantics: '已登记人数 ÷ 应登记人数，百分比保留一位小数；合计行用合计的人数计算（不是各村登记率的平均）；应登记人数为0时显示“—”。',
    semanticsEn: '已登记人数 ÷ 应登记人数 as a percentage with one decimal; the total is the rate of the summed counts (never an average of rates); "—" when 应登记人数 is 0.',
  },
  {
    name: '兵役登记率', group: '兵役登记', dims: [...V], format: 'percent',
    rule: { kind: 'alias', of: '登记率' },
    semantics: '同“登记率”（年度汇总中的名称）。',
    semanticsEn: 'Same as 登记率 (its name in the annual summary).',
  },
  {
    name: '补登人数', group: '兵役登记', dims: [...V], format: 'int',
    rule: { kind: 'count', ledger: '兵役登记', where: [{ field: '登记类型', is: '补登' }] },
    semantics: '登记类型为“补登”的行数。',
    semanticsEn: 'Rows with 登记类型 补登.',
  },
  {
    name: '核验人数', group: '兵役登记', dims: [...V], format: 'int',
    rule: { kind: 'count', ledger: '兵役登记', where: [{ field: '登记类型', is: '核验' }] },
    semantics: '登记类型为“核验”的行数。',
    semanticsEn: 'Rows with 登记类型 核验.',
  },
  {
    name: '自愿登记人数', group: '兵役登记', dims: [...V], format: 'int',
    rule: { kind: 'count', ledger: '兵役登记', where: [{ field: '登记类型', is: '自愿' }] },
    semantics: '登记类型为“自愿”的行数（不计入应登记人数）。',
    semanticsEn: 'Rows with 登记类型 自愿 (not part of 应登记人数).',
  },
  {
    name: '兵役登记名册人数', group: '兵役登记', dims: [...V], format: 'int',
    rule: { kind: 'count', ledger: '兵役登记' },
    semantics: '兵役登记台账的全部数据行数（各登记类型合计）。',
    semanticsEn: 'All data rows of the registration roster (every 登记类型).',
  },
  {
    name: '应征报名人数', group: '兵役登记', dims: [...V], format: 'int',
    rule: { kind: 'count', ledger: '兵役登记', where: [{ field: '是否应征报名', is: true }] },
    semantics: '是否应征报名为“是”的行数（各登记类型）。',
    semanticsEn: 'Rows with 是否应征报名 = 是 (any 登记类型).',
  },
  {
    name: '体检合格人数', group: '兵役登记', dims: [...V], format: 'int',
    rule: { kind: 'count', ledger: '兵役登记', where: [{ field: '体检结果', is: '合格' }] },
    semantics: '体检结果为“合格”的行数。',
    semanticsEn: 'Rows with 体检结果 合格.',
  },
  {
    name: '政考合格人数', group: '兵役登记', dims: [...V], format: 'int',
    rule: { kind: 'count', ledger: '兵役登记', where: [{ field: '政考结果', is: '合格' }] },
    semantics: '政考结果为“合格”的行数。',
    semanticsEn: 'Rows with 政考结果 合格.',
  },
  {
    name: '批准入伍人数', group: '兵役登记', dims: [...V], format: 'int',
    rule: { kind: 'count', ledger: '兵役登记', where: [{ field: '是否批准入伍', is: true }] },
    semantics: '是否批准入伍为“是”的行数。',
    semanticsEn: 'Rows with 是否批准入伍 = 是.',
  },

  // ───────────── 优抚对象 ─────────────
  {
    name: '优抚对象人数', group: '优抚对象', dims: ['village', 'category'], format: 'int',
    rule: { kind: 'distinct', ledger: '优抚对象', field: '身份证号' },
    semantics: '优抚对象台账中计入统计的行（状态为在册或空）所含的不同身份证号个数：按优抚类别限定时即该类别的人数（同一人同一类别重复登记只算一人），不限定类别时即去重人数（一人属于两个类别只算一人）。身份证号为空的行各算一人。',
    semanticsEn: 'Distinct 身份证号 among counted rows (状态 在册 or empty): qualified by a 优抚类别 it is the people in that category (a duplicate row counts once); unqualified it is the distinct people (one person in two categories counts once). A row without an ID counts as one person.',
  },
  {
    name: '去重人数', group: '优抚对象', dims: [...V], format: 'int',
    rule: { kind: 'alias', of: '优抚对象人数' },
    semantics: '不同身份证号的人数（一人多类别只算一次）。',
    semanticsEn: 'Distinct people by 身份证号 (a person in several categories counts once).',
  },
  {
    name: '建档优抚对象人数', group: '优抚对象', dims: [...V], format: 'int',
    rule: { kind: 'alias', of: '优抚对象人数' },
    semantics: '同“去重人数”（年度汇总中的名称）。',
    semanticsEn: 'Same as 去重人数 (its name in the annual summary).',
  },
  {
    name: '优抚对象记录数', group: '优抚对象', dims: ['village', 'category'], format: 'int',
    rule: { kind: 'count', ledger: '优抚对象' },
    semantics: '计入统计的优抚对象行数（人次：一人两个类别算两行）。',
    semanticsEn: 'Counted beneficiary rows (one person in two categories is two rows).',
  },
  {
    name: '本年发放金额(元)', group: '优抚对象', dims: ['village', 'category'], format: 'money',
    rule: { kind: 'sum', ledger: '优抚对象', field: '本年发放金额(元)' },
    semantics: '计入统计的优抚对象行的本年发放金额(元)之和，按分精确求和；非数字的金额不计入并单独报告。',
    semanticsEn: 'Sum of 本年发放金额(元) over counted rows, exact to the 分; non-numeric amounts are left out and reported.',
  },

  // ───────────── 双拥活动 ─────────────
  {
    name: '活动次数', group: '双拥活动', dims: ['activity', 'direction', 'unit'], format: 'int',
    rule: { kind: 'count', ledger: '双拥活动' },
    semantics: '双拥活动台账的数据行数（一行一次活动）；可按活动类别、方向（拥军优属/拥政爱民）或所在村/单位限定。',
    semanticsEn: 'Activity rows (one row = one activity); qualify by 活动类别, 方向 or 所在村/单位.',
  },
  ...(['参加人数', '官兵人次', '慰问人数', '图书(册)'] as const).map(
    (f): StatDefinition => ({
      name: f, group: '双拥活动', dims: ['activity', 'direction', 'unit'], format: 'int',
      rule: { kind: 'sum', ledger: '双拥活动', field: f },
      semantics: `各次活动的${f}之和；空格按0计，非数字不计入并单独报告。`,
      semanticsEn: `Sum of ${f} over the activities; empty counts as 0, non-numbers are left out and reported.`,
    }),
  ),
  ...(['慰问金(元)', '物资折价(元)'] as const).map(
    (f): StatDefinition => ({
      name: f, group: '双拥活动', dims: ['activity', 'direction', 'unit'], format: 'money',
      rule: { kind: 'sum', ledger: '双拥活动', field: f },
      semantics: `各次活动的${f}之和，按分精确求和；非数字不计入并单独报告。`,
      semanticsEn: `Sum of ${f} over the activities, exact to the 分; non-numbers are left out and reported.`,
    }),
  ),
  {
    name: '投入资金(元)', group: '双拥活动', dims: ['activity', 'direction', 'unit'], format: 'money',
    rule: { kind: 'plus', terms: ['慰问金(元)', '物资折价(元)'] },
    semantics: '慰问金(元) + 物资折价(元)。',
    semanticsEn: '慰问金(元) plus 物资折价(元).',
  },
  {
    name: '捐赠图书(册)', group: '双拥活动', dims: ['activity', 'direction', 'unit'], format: 'int',
    rule: { kind: 'alias', of: '图书(册)' },
    semantics: '同“图书(册)”（年度汇总中的名称）。',
    semanticsEn: 'Same as 图书(册) (its name in the annual summary).',
  },

  // ───────────── 共建对子 ─────────────
  {
    name: '对子数', group: '共建对子', dims: ['pairType'], format: 'int',
    rule: { kind: 'count', ledger: '共建对子' },
    semantics: '共建对子台账中状态为“有效”或空的行数；可按类型（军民共建/帮扶）限定。',
    semanticsEn: 'Pair rows whose 状态 is 有效 or empty; qualify by 类型 (军民共建/帮扶).',
  },
  {
    name: '军民共建对子数', group: '共建对子', dims: [], format: 'int',
    rule: { kind: 'alias', of: '对子数', at: { pairType: '军民共建' } },
    semantics: '类型为“军民共建”的有效对子数。',
    semanticsEn: 'Valid pairs of 类型 军民共建.',
  },
  {
    name: '帮扶对子数', group: '共建对子', dims: [], format: 'int',
    rule: { kind: 'alias', of: '对子数', at: { pairType: '帮扶' } },
    semantics: '类型为“帮扶”的有效对子数。',
    semanticsEn: 'Valid pairs of 类型 帮扶.',
  },

  // ───────────── 安置 ─────────────
  {
    name: '安置人数', group: '安置', dims: ['village', 'placementType'], format: 'int',
    rule: { kind: 'count', ledger: '安置' },
    semantics: '安置台账的数据行数（已安置与待安置）；可按村、安置类型（退役士兵/随军家属）限定。',
    semanticsEn: 'Placement rows (placed and waiting); qualify by village or 安置类型.',
  },
  {
    name: '已安置人数', group: '安置', dims: ['village', 'placementType'], format: 'int',
    rule: { kind: 'count', ledger: '安置', where: [{ field: '安置状态', is: '已安置' }] },
    semantics: '安置状态为“已安置”的行数；安置状态为空时，填了安置单位的算已安置，否则算待安置。',
    semanticsEn: 'Rows with 安置状态 已安置; an empty 安置状态 counts as 已安置 when 安置单位 is filled, else as 待安置.',
  },
  {
    name: '待安置人数', group: '安置', dims: ['village', 'placementType'], format: 'int',
    rule: { kind: 'count', ledger: '安置', where: [{ field: '安置状态', is: '待安置' }] },
    semantics: '安置状态为“待安置”的行数（安置状态为空且没有安置单位的也算）。',
    semanticsEn: 'Rows with 安置状态 待安置 (also an empty 安置状态 without 安置单位).',
  },
  {
    name: '担任领导职务人数', group: '安置', dims: ['village', 'placementType'], format: 'int',
    rule: { kind: 'count', ledger: '安置', where: [{ field: '是否担任领导职务', is: true }] },
    semantics: '是否担任领导职务为“是”的行数。',
    semanticsEn: 'Rows with 是否担任领导职务 = 是.',
  },
  {
    name: '接收安置退役士兵人数', group: '安置', dims: [...V], format: 'int',
    rule: { kind: 'alias', of: '已安置人数', at: { placementType: '退役士兵' } },
    semantics: '安置类型为“退役士兵”且已安置的人数。',
    semanticsEn: 'Placed people of 安置类型 退役士兵.',
  },
  {
    name: '安置随军家属人数', group: '安置', dims: [...V], format: 'int',
    rule: { kind: 'alias', of: '已安置人数', at: { placementType: '随军家属' } },
    semantics: '安置类型为“随军家属”且已安置的人数。',
    semanticsEn: 'Placed people of 安置类型 随军家属.',
  },
  // ───────────── 年度比对 (ledgers.md §6; given by `ledger diff` / the pane's 年度比对) ─────────────
  ...([
    ['新增人数', '今年台账中有、去年台账中没有的行数（按关键字：优抚对象为身份证号+优抚类别，安置为身份证号+安置类型，共建对子为对子编号）；按今年的村计。', 'Rows whose key is only in this year\'s ledgers (优抚对象: ID + 优抚类别; 安置: ID + 安置类型; 共建对子: 对子编号), by this year\'s village.'],
    ['减少人数', '去年台账中有、今年没有的行数；按去年的村计。', 'Rows whose key is only in last year\'s ledgers, by last year\'s village.'],
    ['未说明减少人数', '减少的行中，去年为在册/有效、今年又没有此人（或此对子）注销/终止记录的行数；按去年的村计。', 'Removed rows that were 在册/有效 last year with no 注销/终止 row this year for the person (or pair), by last year\'s village.'],
    ['变更人数', '两年都有、至少一列（序号、备注除外，规范化后比较）不同的行数；按今年的村计。', 'Rows in both years with at least one differing column (序号 and 备注 aside, compared after normalisation), by this year\'s village.'],
  ] as const).map(
    ([name, zh, en]): StatDefinition => ({
      name, group: '年度比对', dims: ['ledger', 'village'], format: 'int', rule: { kind: 'given' },
      semantics: `${zh}可按台账（优抚对象、安置、共建对子）和村限定；未做年度比对时显示“—”。`,
      semanticsEn: `${en} Qualify by ledger (优抚对象, 安置, 共建对子) and village; "—" when no year-over-year comparison was run.`,
    }),
  ),
  {
    name: '未核验人数', group: '年度比对', dims: [...V], format: 'int', rule: { kind: 'given' },
    semantics: '去年兵役登记名册中已登记（初次、补登或核验且是否已登记为“是”）、本年12月31日未满25周岁，而今年名册中没有核验或补登记录的人数；按去年的村计；未做年度比对时显示“—”。',
    semanticsEn: 'Men registered last year (初次, 补登 or 核验 with 是否已登记 = 是), 24 or younger on 31 December of this year, with no 核验 or 补登 row this year; by last year\'s village; "—" when no comparison was run.',
  },

  // ───────────── 名单比对 (ledgers.md §7; given by `reconcile` / `summarize --roster`) ─────────────
  {
    name: '名单人数', group: '名单比对', dims: [...V], format: 'int', rule: { kind: 'given' },
    semantics: '公安适龄男青年名单上的人数（按名单的村；名单无村时按户籍地址所含村名，再按名册的村，否则“未知”）；提供名单时即应登记人数；未提供名单时显示“—”。',
    semanticsEn: 'Men on the police list (by the list\'s village, else the village its address names, else the roster\'s, else 未知); the 应登记人数 when a list is given; "—" without a list.',
  },
  {
    name: '名单外人数', group: '名单比对', dims: [...V], format: 'int', rule: { kind: 'given' },
    semantics: '兵役登记名册中已初次登记、但不在适龄男青年名单上的人数（按名册的村）。',
    semanticsEn: 'Men registered as 初次 who are not on the police list (by the roster\'s village).',
  },
  {
    name: '村不一致人数', group: '名单比对', dims: [...V], format: 'int', rule: { kind: 'given' },
    semantics: '名单上和名册中都有、但所填的村不同的人数（按名单的村）。',
    semanticsEn: 'Men on both the list and the roster whose villages differ (by the list\'s village).',
  },
];
