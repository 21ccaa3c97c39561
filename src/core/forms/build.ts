/**
 * buildForms: the five standard forms of ledgers.md §5 from the statistics, as data.
 */
import type { Settings } from '../settings';
import { statValue, type StatAt } from '../stats/compute';
import type { Statistics, StatFormat } from '../stats/types';
import { summaryParagraph } from './paragraph';
import type { BuildFormsOptions, ChartSeries, ColumnFormat, FormCell, FormColumn, FormRow, FormSheet } from './types';

export const FORM_NAMES = ['兵役登记统计表', '优抚对象统计表', '双拥活动统计表', '共建安置统计表', '双拥工作年度汇总'] as const;
export type FormName = (typeof FORM_NAMES)[number];

export const REGISTRATION_HEADERS = [
  '村', '应登记人数', '已登记人数', '未登记人数', '登记率', '补登人数', '核验人数', '应征报名人数', '体检合格人数', '政考合格人数', '批准入伍人数',
] as const;
export const ACTIVITY_HEADERS = ['类别', '活动次数', '参加人数', '官兵人次', '慰问人数', '慰问金(元)', '物资折价(元)', '图书(册)'] as const;
export const PAIR_PLACEMENT_HEADERS = ['项目', '数量', '待安置', '担任领导职务'] as const;
export const SUMMARY_HEADERS = ['项目', '数值'] as const;

const TOTAL = '合计';

function cellOf(stats: Statistics, name: string, at: StatAt = {}): FormCell {
  const v = statValue(stats, name, at);
  return v.value === null ? v.text : v.value;
}

function col(header: string, format: ColumnFormat, width?: number): FormColumn {
  const w = width ?? Math.max(8, Math.min(16, [...header].length * 2 + 2));
  return { header, format, width: w };
}

function toColumnFormat(f: StatFormat): ColumnFormat {
  return f;
}

export function formatDateZh(d: Date): string {
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
}

function frame(stats: Statistics, settings: Settings, name: string, opts: BuildFormsOptions) {
  const zh = (opts.locale ?? settings.locale) !== 'en-US';
  const town = stats.township || settings.township;
  const date = opts.date ?? new Date();
  const notes: string[] = [];
  if (opts.inputErrors && opts.inputErrors > 0) {
    notes.push(
      zh
        ? `注：所汇总的台账共有 ${opts.inputErrors} 处错误，本表按台账原样数据统计，请核对更正后重新汇总。`
        : `Note: the ledgers summarised have ${opts.inputErrors} errors; this form counts the rows as typed. Please correct them and summarise again.`,
    );
  }
  return {
    name,
    title: `${town}${stats.year}年${name}`,
    subtitle: `填报单位：${town || '　　　　'}　　年度：${stats.year}年`,
    notes,
    footer: {
      unit: `制表单位：${town}`,
      date: `制表日期：${formatDateZh(date)}`,
      signatures: [
        { label: '负责人', name: settings.people?.head ?? '' },
        { label: '审核人', name: settings.people?.reviewer ?? '' },
        { label: '填表人', name: settings.people?.preparer ?? '' },
        { label: '联系电话', name: settings.people?.phone ?? '' },
      ],
      seal: '（盖章）',
    },
    zh,
  };
}

function ignoredNote(stats: Statistics, ledger: string, zh: boolean): string[] {
  const items = stats.ignored.filter((i) => i.ledger === ledger);
  if (items.length === 0) return [];
  const list = items.map((i) => `${i.field} ${i.count} 处`).join('、');
  return [zh ? `注：${ledger}台账中有非数字的数值未计入合计（${list}）。` : `Note: non-numeric values in ${ledger} were not summed (${list}).`];
}

/** With a village list, the 村名待核实 row: which spellings it holds (issue #15 item 4). */
function unlistedNote(stats: Statistics, zh: boolean): string[] {
  const u = stats.unlistedVillages ?? [];
  if (u.length === 0) return [];
  const total = u.reduce((a, x) => a + x.rows, 0);
  const list = u.map((x) => (zh ? `“${x.name}”${x.rows} 行` : `"${x.name}" ${x.rows} rows`)).join(zh ? '、' : ', ');
  return [
    zh
      ? `注：“村名待核实”为所在村不在村名单中的 ${total} 行（${list}），请核实村名、改正台账后重新汇总。`
      : `Note: "村名待核实" counts ${total} rows whose village is not on the village list (${list}); correct the village names and summarise again.`,
  ];
}

// ───────────────────────── 兵役登记统计表 ─────────────────────────
function registrationForm(stats: Statistics, settings: Settings, opts: BuildFormsOptions): FormSheet {
  const f = frame(stats, settings, '兵役登记统计表', opts);
  const names = REGISTRATION_HEADERS.slice(1);
  const columns = [col('村', 'text', 12), ...names.map((n) => col(n, n === '登记率' ? 'percent' : 'int', n === '登记率' ? 9 : undefined))];
  const rows: FormRow[] = [];
  for (const village of stats.members.village) {
    rows.push({ kind: 'data', cells: [village, ...names.map((n) => cellOf(stats, n, { village }))] });
  }
  rows.push({ kind: 'total', cells: [TOTAL, ...names.map((n) => cellOf(stats, n))] });
  const dataIdx = rows.map((r, i) => (r.kind === 'data' ? i : -1)).filter((i) => i >= 0);
  const charts: ChartSeries[] = [
    {
      title: '各村兵役登记率',
      type: 'column',
      labelColumn: 0,
      valueColumn: 4,
      rowIndexes: dataIdx,
      categories: dataIdx.map((i) => rows[i].cells[0] as string),
      values: dataIdx.map((i) => (typeof rows[i].cells[4] === 'number' ? (rows[i].cells[4] as number) : null)),
      format: 'percent',
    },
  ];
  const notes = [...f.notes, ...unlistedNote(stats, f.zh)];
  const roster = stats.comparison?.roster;
  if (roster)
    notes.push(
      f.zh
        ? `注：应登记人数为公安适龄男青年名单（${roster.file}）上的人数，已登记人数只计名单上已登记的人（任何登记类型），登记率 = 已登记人数 ÷ 名单人数。`
        : `Note: 应登记人数 is the number of men on the police list (${roster.file}); 已登记人数 counts listed men who registered (any type); 登记率 = 已登记人数 ÷ listed.`,
    );
  return { name: f.name, title: f.title, subtitle: f.subtitle, columns, rows, notes, footer: f.footer, charts, orientation: 'landscape' };
}

// ───────────────────────── 优抚对象统计表 ─────────────────────────
function beneficiaryForm(stats: Statistics, settings: Settings, opts: BuildFormsOptions): FormSheet {
  const f = frame(stats, settings, '优抚对象统计表', opts);
  const cats = stats.vocabulary.beneficiaryCategories;
  const columns = [
    col('村', 'text', 12),
    ...cats.map((c) => col(c, 'int', Math.max(6, Math.min(12, [...c].length + 2)))),
    col('去重人数', 'int', 9),
    col('本年发放金额(元)', 'money', 14),
  ];
  const row = (at: StatAt): FormCell[] => [
    ...cats.map((category) => cellOf(stats, '优抚对象人数', { ...at, category })),
    cellOf(stats, '去重人数', at),
    cellOf(stats, '本年发放金额(元)', at),
  ];
  const rows: FormRow[] = stats.members.village.map((village) => ({ kind: 'data', cells: [village, ...row({ village })] }));
  rows.push({ kind: 'total', cells: [TOTAL, ...row({})] });
  const notes = [...f.notes];
  if (stats.unknownCategoryRows.beneficiary > 0) {
    notes.push(
      f.zh
        ? `注：有 ${stats.unknownCategoryRows.beneficiary} 行的优抚类别不在类别表中，未计入分类列，已计入去重人数和发放金额。`
        : `Note: ${stats.unknownCategoryRows.beneficiary} rows have a 优抚类别 outside the list; they are not in a category column but are in 去重人数 and the amount.`,
    );
  }
  notes.push(...unlistedNote(stats, f.zh));
  notes.push(...ignoredNote(stats, '优抚对象', f.zh));
  const dataIdx = rows.map((r, i) => (r.kind === 'data' ? i : -1)).filter((i) => i >= 0);
  const dedupCol = cats.length + 1;
  const charts: ChartSeries[] = [
    {
      title: '各村优抚对象人数',
      type: 'column',
      labelColumn: 0,
      valueColumn: dedupCol,
      rowIndexes: dataIdx,
      categories: dataIdx.map((i) => rows[i].cells[0] as string),
      values: dataIdx.map((i) => rows[i].cells[dedupCol] as number),
      format: 'int',
    },
  ];
  return { name: f.name, title: f.title, subtitle: f.subtitle, columns, rows, notes, footer: f.footer, charts, orientation: 'landscape' };
}

// ───────────────────────── 双拥活动统计表 ─────────────────────────
function activityForm(stats: Statistics, settings: Settings, opts: BuildFormsOptions): FormSheet {
  const f = frame(stats, settings, '双拥活动统计表', opts);
  const names = ACTIVITY_HEADERS.slice(1);
  const columns = [
    col('类别', 'text', 16),
    ...names.map((n) => col(n, n.endsWith('(元)') ? 'money' : 'int', n.endsWith('(元)') ? 13 : 10)),
  ];
  const cells = (at: StatAt) => names.map((n) => cellOf(stats, n, at));
  const rows: FormRow[] = [];
  const known = new Set<string>();
  for (const g of stats.vocabulary.activityGroups) {
    for (const activity of g.categories) {
      known.add(activity);
      rows.push({ kind: 'data', cells: [activity, ...cells({ activity })] });
    }
    rows.push({ kind: 'subtotal', cells: [`${g.direction}小计`, ...subtotal(stats, names, g.categories)] });
  }
  const others = stats.members.activity.filter((a) => !known.has(a));
  const notes = [...f.notes];
  if (others.length > 0) {
    rows.push({ kind: 'data', cells: ['其他（类别不规范）', ...subtotal(stats, names, others)] });
    notes.push(
      f.zh
        ? `注：“其他（类别不规范）”为活动类别不在标准类别中的 ${stats.unknownCategoryRows.activity} 次活动（${others.join('、')}）。`
        : `Note: 其他 holds ${stats.unknownCategoryRows.activity} activities whose 活动类别 is not standard (${others.join(', ')}).`,
    );
  }
  rows.push({ kind: 'total', cells: [TOTAL, ...cells({})] });
  notes.push(...ignoredNote(stats, '双拥活动', f.zh));
  const dataIdx = rows.map((r, i) => (r.kind === 'data' ? i : -1)).filter((i) => i >= 0);
  const charts: ChartSeries[] = [
    {
      title: '各类别双拥活动次数',
      type: 'bar',
      labelColumn: 0,
      valueColumn: 1,
      rowIndexes: dataIdx,
      categories: dataIdx.map((i) => rows[i].cells[0] as string),
      values: dataIdx.map((i) => rows[i].cells[1] as number),
      format: 'int',
    },
  ];
  return { name: f.name, title: f.title, subtitle: f.subtitle, columns, rows, notes, footer: f.footer, charts, orientation: 'portrait' };
}

/** Sum of figures over several activity categories, exact (money in 分). */
function subtotal(stats: Statistics, names: readonly string[], activities: string[]): FormCell[] {
  return names.map((n) => {
    let hundredths = 0;
    for (const activity of activities) hundredths += Math.round((statValue(stats, n, { activity }).value ?? 0) * 100);
    return hundredths / 100;
  });
}

// ───────────────────────── 共建安置统计表 ─────────────────────────
function pairPlacementForm(stats: Statistics, settings: Settings, opts: BuildFormsOptions): FormSheet {
  const f = frame(stats, settings, '共建安置统计表', opts);
  const widths = [16, 10, 10, 14];
  const columns = PAIR_PLACEMENT_HEADERS.map((h, i) => col(h, i === 0 ? 'text' : 'int', widths[i]));
  const num = (name: string, at: StatAt = {}) => statValue(stats, name, at).value ?? 0;
  const [military, helpType] = [stats.vocabulary.pairTypes[0] ?? '军民共建', stats.vocabulary.pairTypes[1] ?? '帮扶'];
  const [veteran, family] = [stats.vocabulary.placementTypes[0] ?? '退役士兵', stats.vocabulary.placementTypes[1] ?? '随军家属'];
  const rows: FormRow[] = [
    { kind: 'data', cells: [`${military}对子`, num('对子数', { pairType: military }), null, null] },
    { kind: 'data', cells: [`${helpType}对子`, num('对子数', { pairType: helpType }), null, null] },
    ...[veteran, family].map(
      (placementType): FormRow => ({
        kind: 'data',
        cells: [
          `${placementType}安置`,
          num('已安置人数', { placementType }),
          num('待安置人数', { placementType }),
          num('担任领导职务人数', { placementType }),
        ],
      }),
    ),
  ];
  // Pairs are counted in 对, placements in 人: each group has its own 合计, never one sum of both.
  const sumOf = (part: FormRow[], c: number): FormCell => part.reduce((s, r) => s + (typeof r.cells[c] === 'number' ? (r.cells[c] as number) : 0), 0);
  const pairs = rows.slice(0, 2);
  const placed = rows.slice(2);
  rows.splice(2, 0, { kind: 'total', cells: [`对子${TOTAL}`, sumOf(pairs, 1), null, null] });
  rows.push({ kind: 'total', cells: [`安置${TOTAL}`, sumOf(placed, 1), sumOf(placed, 2), sumOf(placed, 3)] });
  const notes = [
    ...f.notes,
    f.zh
      ? '注：对子数以“对”计（有效对子），安置数以“人”计（已安置人数）；两者单位不同，分别合计，不相加。'
      : 'Note: pairs are counted in pairs (active), placements in people (placed); each has its own total, never added together.',
  ];
  return { name: f.name, title: f.title, subtitle: f.subtitle, columns, rows, notes, footer: f.footer, charts: [], orientation: 'portrait' };
}

// ───────────────────────── 双拥工作年度汇总 ─────────────────────────
function summaryForm(stats: Statistics, settings: Settings, opts: BuildFormsOptions): FormSheet {
  const f = frame(stats, settings, '双拥工作年度汇总', opts);
  const widths = [28, 16];
  const columns = SUMMARY_HEADERS.map((h, i) => col(h, 'text', widths[i]));
  const rows: FormRow[] = [];
  const add = (label: string, name: string, at: StatAt = {}, kind: FormRow['kind'] = 'data') => {
    const v = statValue(stats, name, at);
    rows.push({ kind, cells: [label, v.value === null ? v.text : v.value], formats: [undefined, toColumnFormat(v.format)] });
  };
  add('军民共建对子数', '军民共建对子数');
  add('帮扶对子数', '帮扶对子数');
  for (const g of stats.vocabulary.activityGroups) for (const activity of g.categories) add(`${activity}活动次数`, '活动次数', { activity });
  add('各类活动次数合计', '活动次数', {}, 'subtotal');
  add('投入资金(元)', '投入资金(元)');
  add('捐赠图书(册)', '捐赠图书(册)');
  add('建档优抚对象人数', '建档优抚对象人数');
  add('接收安置退役士兵人数', '接收安置退役士兵人数');
  add('安置随军家属人数', '安置随军家属人数');
  add('兵役登记率', '兵役登记率');
  add('批准入伍人数', '批准入伍人数');
  const paragraph = summaryParagraph(stats, f.zh ? 'zh-CN' : 'en-US');
  return {
    name: f.name, title: f.title, subtitle: f.subtitle, columns, rows, notes: f.notes, paragraph, footer: f.footer, charts: [], orientation: 'portrait',
  };
}

/**
 * The five standard forms, in the order of ledgers.md §5, from the statistics.
 * `opts.inputErrors` > 0 adds a note saying how many errors the inputs had.
 */
export function buildForms(stats: Statistics, settings: Settings, opts: BuildFormsOptions = {}): FormSheet[] {
  return [
    registrationForm(stats, settings, opts),
    beneficiaryForm(stats, settings, opts),
    activityForm(stats, settings, opts),
    pairPlacementForm(stats, settings, opts),
    summaryForm(stats, settings, opts),
  ];
}
