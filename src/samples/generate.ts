/**
 * The sample village workbooks of 青山镇, as pure data (no I/O): written to `samples/` by
 * `src/samples/write.ts`. They carry the realistic mess of ledgers.md §1–§2 and a handful of
 * deliberate errors listed in DELIBERATE_ERRORS (and in docs/cli.md).
 */
import { columnLetter, type CellValue } from '../core/model';
import { breakChecksum, makeId } from './ids';

export interface FormulaCell {
  formula: string;
  result: CellValue;
}
export type SampleCell = CellValue | FormulaCell;

export interface SampleSheet {
  name: string;
  /** rows[0] is Excel row 1; an empty array is a blank row. */
  rows: SampleCell[][];
  merges?: string[];
  hidden?: boolean;
  /** 1-based columns formatted as text '@'. */
  textCols?: number[];
  /** 1-based columns with a date number format. */
  dateCols?: number[];
  /** Excel row number of the header (for styling). */
  headerRow?: number;
}

export interface SampleWorkbook {
  file: string;
  sheets: SampleSheet[];
}

export interface DeliberateError {
  file: string;
  sheet: string;
  row: number;
  column: string;
  what: string;
}

export const SAMPLE_YEAR = 2026;
export const SAMPLE_TOWNSHIP = '青山镇';
export const SAMPLE_VILLAGES = ['红旗村', '光明村', '和平村', '新民社区'];
const REGION = '370102';

function isFormula(c: SampleCell): c is FormulaCell {
  return typeof c === 'object' && c !== null && !(c instanceof Date) && 'formula' in c;
}
export { isFormula };

function d(y: number, m: number, day: number): Date {
  return new Date(Date.UTC(y, m - 1, day));
}

type Rec = Record<string, SampleCell>;

interface Person {
  name: string;
  sex: '男' | '女';
  y: number;
  m: number;
  d: number;
  id: string;
  nation?: string;
}

let seqCounter = 100;
function person(name: string, sex: '男' | '女', y: number, m: number, day: number, region = REGION, nation = '汉族'): Person {
  seqCounter += 7;
  return { name, sex, y, m, d: day, id: makeId(region, y, m, day, seqCounter, sex), nation };
}

/** A person whose valid ID ends in X (to write it with a lower-case x). */
function personWithX(name: string, sex: '男' | '女', y: number, m: number, day: number): Person {
  for (let s = 1; s < 999; s++) {
    const id = makeId(REGION, y, m, day, s, sex);
    if (id.endsWith('X')) return { name, sex, y, m, d: day, id, nation: '汉族' };
  }
  throw new Error('no X id');
}


interface Col {
  header: string;
  field: string;
}

function cols(spec: string): Col[] {
  // "header=field|header|…": a bare header is its own field.
  return spec.split('|').map((p) => {
    const [h, f] = p.split('=');
    return { header: h, field: f ?? h };
  });
}

function layout(columns: Col[], recs: Rec[]): SampleCell[][] {
  return recs.map((r) => columns.map((c) => (r[c.field] === undefined ? null : r[c.field])));
}

function sheetOf(
  name: string,
  columns: Col[],
  recs: Rec[],
  o: { title?: string; unitLine?: string; after?: SampleCell[][]; sumFields?: string[]; textFields?: string[]; dateFields?: string[] } = {},
): SampleSheet {
  const rows: SampleCell[][] = [];
  const merges: string[] = [];
  const last = columnLetter(columns.length);
  if (o.title) {
    rows.push([o.title]);
    merges.push(`A${rows.length}:${last}${rows.length}`);
  }
  if (o.unitLine) {
    rows.push([o.unitLine]);
    merges.push(`A${rows.length}:${last}${rows.length}`);
  }
  rows.push(columns.map((c) => c.header));
  const headerRow = rows.length;
  const first = headerRow + 1;
  rows.push(...layout(columns, recs));
  const lastData = rows.length;
  if (o.sumFields) {
    const total: SampleCell[] = columns.map(() => null);
    total[0] = '合计';
    for (const f of o.sumFields) {
      const ci = columns.findIndex((c) => c.field === f);
      if (ci < 0) continue;
      let sum = 0;
      for (const r of recs) if (typeof r[f] === 'number') sum += r[f] as number;
      const L = columnLetter(ci + 1);
      total[ci] = { formula: `SUM(${L}${first}:${L}${lastData})`, result: sum };
    }
    rows.push(total);
  }
  if (o.after) rows.push(...o.after);
  const idx = (fs?: string[]): number[] | undefined =>
    fs ? columns.map((c, i) => (fs.includes(c.field) ? i + 1 : 0)).filter((n) => n > 0) : undefined;
  return { name, rows, merges, headerRow, textCols: idx(o.textFields), dateCols: idx(o.dateFields) };
}

const YF_STD = cols(
  '序号|所在村|姓名|性别|民族|身份证号|出生日期|优抚类别|残疾等级|残疾性质|入伍时间|退伍时间|本年发放金额(元)|联系电话|状态|备注',
);
const BY_STD = cols('序号|所在村|姓名|身份证号|性别|登记类型|是否已登记|登记日期|文化程度|是否应征报名|体检结果|政考结果|是否批准入伍|联系电话|备注');
const HD_STD = cols('序号|日期|所在村/单位|方向|活动类别|活动名称|部队单位|地点|参加人数|官兵人次|慰问人数|慰问金(元)|物资折价(元)|图书(册)|对子编号|佐证材料|备注');
const DZ_STD = cols('对子编号|类型|地方单位|部队单位|帮扶对象姓名|帮扶对象身份证号|结对日期|状态|联系人|联系电话|备注');
const AZ_STD = cols('序号|所在村|姓名|身份证号|安置类型|安置方式|接收日期|安置单位|安置状态|是否担任领导职务|备注');

function yf(n: number, village: string, p: Person, cat: string, extra: Rec = {}, birth: SampleCell = d(p.y, p.m, p.d)): Rec {
  return { 序号: n, 所在村: village, 姓名: p.name, 性别: p.sex, 民族: p.nation ?? '汉族', 身份证号: p.id, 出生日期: birth, 优抚类别: cat, 状态: '在册', ...extra };
}

function by(n: number, village: string, p: Person, type: string, extra: Rec = {}): Rec {
  return { 序号: n, 所在村: village, 姓名: p.name, 身份证号: p.id, 性别: p.sex, 登记类型: type, 是否已登记: '是', 文化程度: '高中', 是否应征报名: '否', 体检结果: '未体检', 政考结果: '未考核', 是否批准入伍: '否', ...extra };
}

const NOTES = (who: string): SampleCell[][] => [[], [`制表人：${who}`, null, null, null, '审核人：王主任'], ['联系电话：0531-86012345']];

const INSTRUCTIONS: SampleSheet = {
  name: '填表说明',
  rows: [
    ['填表说明'],
    ['1. 身份证号请以文本格式录入，18 位，末位 X 大写。'],
    ['2. 日期格式：2026-05-01 或 2026年5月1日；入伍/退伍时间可只写年月，如 2019.09。'],
    ['3. 优抚类别、活动类别等请从下拉列表中选择。'],
    ['4. 本表于每年 11 月 20 日前报镇武装部、退役军人服务站。'],
  ],
};

// ---------------------------------------------------------------------------------------------
// People. The same person (郑国庆) appears in 红旗村 and 新民社区: a deliberate cross-village error.
// ---------------------------------------------------------------------------------------------

function buildAll(year: number): { books: SampleWorkbook[]; errors: DeliberateError[] } {
  seqCounter = 100;
  const Y = year;
  const errors: DeliberateError[] = [];
  const zheng = person('郑国庆', '男', 1962, 10, 1);

  // ---------------- 红旗村: standard headers, merged title, 填报单位 line, 合计, notes, 设置 ----------
  const hq = '红旗村';
  const hqYf: Rec[] = [];
  const zjg = person('张建国', '男', 1950, 3, 12);
  hqYf.push(yf(1, hq, zjg, '残疾军人', { 残疾等级: '五级', 残疾性质: '因战', 入伍时间: '1968.03', 退伍时间: '1972.12', '本年发放金额(元)': 28000, 联系电话: '13853112345' }));
  const lxy = person('李秀英', '女', 1948, 7, 1);
  hqYf.push(yf(2, hq, lxy, '烈士遗属', { '本年发放金额(元)': 24000, 联系电话: '0531-86123456' }));
  const wdm = person('王德明', '男', 1932, 5, 20);
  hqYf.push(yf(3, hq, wdm, '在乡复员军人', { 入伍时间: '1951.02', 退伍时间: '1956.05', '本年发放金额(元)': 18000 }));
  const zwd = person('赵卫东', '男', 1964, 11, 8);
  hqYf.push(yf(4, hq, zwd, '年满60周岁农村籍退役士兵', { 入伍时间: '1982.10', 退伍时间: '1986.01', '本年发放金额(元)': 3600 }));
  const lzq = person('刘志强', '男', 1999, 4, 15);
  hqYf.push(yf(5, hq, { ...lzq, id: breakChecksum(lzq.id) }, '其他退役军人', { 入伍时间: '2017.09', 退伍时间: '2022.09', '本年发放金额(元)': 0, 联系电话: '15966661234' }));
  const cgl = person('陈桂兰', '女', 1975, 2, 28);
  hqYf.push(yf(6, hq, cgl, '现役军人家属', { 身份证号: Number(cgl.id), '本年发放金额(元)': 1200 }));
  const sdh = personWithX('孙大海', '男', 1988, 8, 8);
  hqYf.push(yf(7, hq, { ...sdh, id: sdh.id.toLowerCase() + ' ' }, '参战退役军人', { 入伍时间: '2006.12', 退伍时间: '2011.12', '本年发放金额(元)': 5000.5 }));
  const zm = person('周明', '男', 1970, 1, 20);
  hqYf.push(yf(8, hq, zm, '残疾军人', { 残疾等级: '七级', 残疾性质: '因病', 入伍时间: '1988.03', 退伍时间: '1992.03', '本年发放金额(元)': 9000 }));
  hqYf.push(yf(9, hq, zheng, '带病回乡退役军人', { 入伍时间: '1980.11', 退伍时间: '1984.01', '本年发放金额(元)': 4800 }));
  hqYf.push(yf(10, hq, zjg, '参战退役军人', { 入伍时间: '1968.03', 退伍时间: '1972.12', '本年发放金额(元)': 1000, 备注: '同时为残疾军人' }));
  const hqYfSheet = sheetOf('优抚对象', YF_STD, hqYf, {
    title: '红旗村优抚对象花名册',
    unitLine: `填报单位：红旗村村民委员会    填报日期：${Y}年11月20日`,
    sumFields: ['本年发放金额(元)'],
    after: NOTES('李会计'),
    textFields: ['身份证号'],
    dateFields: ['出生日期'],
  });
  // header is row 3, data from row 4
  errors.push({ file: '红旗村.xlsx', sheet: '优抚对象', row: 8, column: '身份证号', what: '身份证号校验码错误（刘志强）' });
  errors.push({ file: '红旗村.xlsx', sheet: '优抚对象', row: 9, column: '身份证号', what: '身份证号被 Excel 存成了数字，末几位已丢失（陈桂兰）' });
  errors.push({ file: '红旗村.xlsx', sheet: '优抚对象', row: 11, column: '残疾等级', what: '因病致残只能评一级至六级，填了七级（周明）' });
  errors.push({ file: '红旗村.xlsx', sheet: '优抚对象', row: 12, column: '身份证号', what: '同一人（郑国庆）同时登记在红旗村和新民社区' });

  const hqBy: Rec[] = [];
  const boys = [
    ['马骏', 2008, 3, 2],
    ['杨帆', 2008, 7, 19],
    ['高远', 2008, 11, 30],
    ['徐浩然', 2008, 1, 5],
    ['韩磊', 2008, 9, 9],
  ] as const;
  boys.forEach(([n, yy, mm, dd], i) => {
    const p = person(n, '男', yy + (Y - 2026), mm, dd);
    hqBy.push(by(i + 1, hq, p, '初次', { 登记日期: d(Y, 5, 10 + i) }));
  });
  hqBy[0] = { ...hqBy[0], 是否应征报名: '是', 体检结果: '合格', 政考结果: '合格', 是否批准入伍: '是', 文化程度: '大专' };
  hqBy[1] = { ...hqBy[1], 是否应征报名: '是', 体检结果: '不合格', 政考结果: '合格', 是否批准入伍: '是' };
  hqBy.push(by(6, hq, person('林晓雨', '女', 2009 + (Y - 2026), 4, 4), '自愿', { 登记日期: d(Y, 6, 1) }));
  hqBy.push(by(7, hq, person('何志伟', '男', 2004 + (Y - 2026), 6, 18), '补登', { 登记日期: d(Y, 6, 20) }));
  const hqBySheet = sheetOf('兵役登记', BY_STD, hqBy, { title: `红旗村${Y}年度兵役登记名册`, textFields: ['身份证号'], dateFields: ['登记日期'] });
  errors.push({ file: '红旗村.xlsx', sheet: '兵役登记', row: 4, column: '是否批准入伍', what: '批准入伍但体检结果为不合格（杨帆）' });

  const hqHd: Rec[] = [
    { 序号: 1, 日期: d(Y, 1, 20), '所在村/单位': hq, 方向: '拥军优属', 活动类别: '送温暖进军营', 活动名称: '春节慰问驻地部队', 部队单位: '武警某部三中队', 地点: '三中队营区', 参加人数: 15, 官兵人次: 60, 慰问人数: 60, '慰问金(元)': 6000, '物资折价(元)': 3200, '图书(册)': 0, 对子编号: 'HQ-01' },
    { 序号: 2, 日期: d(Y, 5, 4), '所在村/单位': hq, 方向: '拥军优属', 活动类别: '文化进军营', 活动名称: '五四文艺演出进军营', 部队单位: '武警某部三中队', 地点: '三中队营区', 参加人数: 30, 官兵人次: 80, '慰问金(元)': 0, '物资折价(元)': 800, '图书(册)': 200, 对子编号: 'HQ-01' },
    { 序号: 3, 日期: d(Y, 8, 1), '所在村/单位': hq, 方向: '拥军优属', 活动类别: '走访慰问', 活动名称: '八一走访慰问军属', 地点: '红旗村', 参加人数: 8, 慰问人数: 12, '慰问金(元)': 2400 },
    { 序号: 4, 日期: d(Y, 3, 12), '所在村/单位': hq, 方向: '拥政爱民', 活动类别: '绿化服务进村镇', 活动名称: '官兵植树', 部队单位: '武警某部三中队', 地点: '红旗村后山', 参加人数: 20, 官兵人次: 40 },
  ];
  const hqHdSheet = sheetOf('双拥活动', HD_STD, hqHd, { dateFields: ['日期'] });

  const hqDz: Rec[] = [
    { 对子编号: 'HQ-01', 类型: '军民共建', 地方单位: '红旗村村民委员会', 部队单位: '武警某部三中队', 结对日期: d(2024, 3, 1), 状态: '有效', 联系人: '王主任', 联系电话: '13905311111' },
    { 对子编号: 'HQ-02', 类型: '帮扶', 地方单位: '红旗村村民委员会', 部队单位: '武警某部三中队', 帮扶对象姓名: lxy.name, 帮扶对象身份证号: lxy.id, 结对日期: d(2025, 8, 1), 状态: '有效' },
  ];
  const hqDzSheet = sheetOf('共建对子', DZ_STD, hqDz, { textFields: ['帮扶对象身份证号'], dateFields: ['结对日期'] });

  const hqAz: Rec[] = [
    { 序号: 1, 所在村: hq, 姓名: '宋涛', 身份证号: person('宋涛', '男', 1998, 2, 2).id, 安置类型: '退役士兵', 安置方式: '自主就业', 接收日期: d(Y, 1, 5), 安置单位: '青山镇农机站', 安置状态: '已安置', 是否担任领导职务: '否' },
    { 序号: 2, 所在村: hq, 姓名: '吴晓燕', 身份证号: person('吴晓燕', '女', 1993, 9, 9).id, 安置类型: '随军家属', 安置方式: '企业', 接收日期: d(Y, 4, 1), 安置状态: '待安置', 是否担任领导职务: '否' },
  ];
  const hqAzSheet = sheetOf('安置', AZ_STD, hqAz, { textFields: ['身份证号'], dateFields: ['接收日期'] });

  const settings: SampleSheet = {
    name: '设置',
    rows: [
      ['项目', '值'],
      ['年度', Y],
      ['乡镇', SAMPLE_TOWNSHIP],
      ['村名单', SAMPLE_VILLAGES.join('、')],
      ['登记截止日期', '10月31日'],
    ],
  };

  const hongqi: SampleWorkbook = {
    file: '红旗村.xlsx',
    sheets: [hqYfSheet, hqBySheet, hqHdSheet, hqDzSheet, hqAzSheet, INSTRUCTIONS, settings],
  };

  // ---------------- 光明村: header variants, Sheet1/Sheet2, columns in another order, slash dates ----
  const gm = '光明村';
  const YF_GM = cols('序号|姓 名=姓名|所在村(社区)=所在村|身份证号码=身份证号|性别|民族|出生日期|类别=优抚类别|残疾等级|残疾性质|入伍时间|退伍时间|本年发放金额（元）=本年发放金额(元)|联系电话|备注');
  const slash = (p: Person): string => `${p.y}/${p.m}/${p.d}`;
  const gmYf: Rec[] = [];
  const p1 = person('钱福生', '男', 1945, 12, 3);
  gmYf.push(yf(1, gm, p1, '烈属', { '本年发放金额(元)': 24000 }, slash(p1)));
  const p2 = person('孔繁荣', '男', 1931, 8, 15);
  gmYf.push(yf(2, gm, p2, '老复员军人', { 入伍时间: '1950年12月', 退伍时间: '1955年3月', '本年发放金额(元)': 18000 }, slash(p2)));
  const p3 = person('冯建军', '男', 1966, 4, 4);
  gmYf.push(yf(3, gm, p3, '年满60周岁农村籍退役士兵', { 入伍时间: '1984年10月', 退伍时间: '1988年1月', '本年发放金额(元)': '五百' }, slash(p3)));
  const p4 = person('褚卫国', '男', 1972, 6, 30);
  const fullWidth = p4.id.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  gmYf.push(yf(4, gm, { ...p4, id: fullWidth }, '残疾军人', { 残疾等级: '6级', 残疾性质: '因公', 入伍时间: '1990年3月', 退伍时间: '1994年12月', '本年发放金额(元)': 15000, 联系电话: '138 5310 2233' }, slash(p4)));
  const p5 = person('卫红梅', '女', 1978, 10, 10);
  gmYf.push(yf(5, gm, p5, '军属', { '本年发放金额(元)': 1200, 联系电话: '1234' }, slash(p5)));
  const gmYfSheet = sheetOf('Sheet1', YF_GM, gmYf, { title: '光明村优抚对象花名册（2026年度）'.replace('2026', String(Y)), textFields: ['身份证号'] });
  errors.push({ file: '光明村.xlsx', sheet: 'Sheet1', row: 5, column: '本年发放金额(元)', what: '发放金额写成了汉字“五百”（冯建军）' });

  const BY_GM = cols('序号|姓 名=姓名|公民身份号码=身份证号|性别|所在村(社区)=所在村|登记类型|是否\n已登记=是否已登记|登记日期|文化程度|是否应征报名|体检结果|政考结果|是否批准入伍|联系电话');
  const gmBy: Rec[] = [];
  const gb = [
    ['蒋文博', 2008, 2, 14],
    ['沈一鸣', 2008, 5, 21],
    ['韩子轩', 2007, 12, 25],
    ['朱俊杰', 2008, 8, 8],
  ] as const;
  gb.forEach(([n, yy, mm, dd], i) => {
    const p = person(n, '男', yy + (Y - 2026), mm, dd);
    gmBy.push(by(i + 1, gm, p, '初次', { 登记日期: `${Y}/6/${i + 3}`, 是否已登记: i === 3 ? 'N' : 'Y' }));
  });
  gmBy[3] = { ...gmBy[3], 登记日期: null };
  gmBy.push(by(5, gm, person('秦海洋', '男', 2003 + (Y - 2026), 1, 1), '核验', { 登记日期: `${Y}/7/1`, 是否已登记: '√' }));
  const gmBySheet = sheetOf('Sheet2', BY_GM, gmBy, { textFields: ['身份证号'] });
  errors.push({ file: '光明村.xlsx', sheet: 'Sheet2', row: 4, column: '身份证号', what: '初次登记应为当年满 18 岁（2008 年出生），韩子轩 2007 年出生' });

  const gmHd: Rec[] = [
    { 序号: 1, 日期: `${Y}/2/10`, '所在村/单位': gm, 方向: '拥军优属', 活动类别: '文化进军营', 活动名称: '迎春送戏进军营', 部队单位: '某部通信连', 参加人数: 25, 官兵人次: 120, '物资折价(元)': 1500 },
    { 序号: 2, 日期: `${Y}/9/20`, '所在村/单位': gm, 方向: '拥政爱民', 活动类别: '文化进军营', 活动名称: '部队文艺队进村演出', 部队单位: '某部通信连', 参加人数: 200, 官兵人次: 30 },
    { 序号: 3, 日期: `${Y}/10/15`, '所在村/单位': gm, 方向: '拥政爱民', 活动类别: '卫生服务进村镇', 活动名称: '军医义诊', 部队单位: '某部卫生队', 参加人数: 150, 官兵人次: 12 },
  ];
  const gmHdSheet = sheetOf('Sheet3', HD_STD, gmHd);
  errors.push({ file: '光明村.xlsx', sheet: 'Sheet3', row: 3, column: '活动类别', what: '“文化进军营”属于拥军优属，方向却填了拥政爱民' });

  const guangming: SampleWorkbook = { file: '光明村.xlsx', sheets: [gmYfSheet, gmBySheet, gmHdSheet] };

  // ---------------- 和平村: Chinese / compact / dotted dates, serial numbers, #N/A, 合计, notes ------
  const hp = '和平村';
  const hpYf: Rec[] = [];
  const q1 = person('尤德胜', '男', 1949, 9, 1);
  hpYf.push(yf(1, hp, q1, '因公牺牲军人遗属', { '本年发放金额(元)': 22000 }, `${q1.y}年${q1.m}月${q1.d}日`));
  const q2 = person('许大山', '男', 1965, 3, 15);
  hpYf.push(yf(2, hp, q2, '参试退役军人', { 入伍时间: '1983.11', 退伍时间: '1987.11', '本年发放金额(元)': 6000 }, '19650315'));
  const q3 = person('何玉珍', '女', 1952, 11, 11);
  hpYf.push(yf(3, hp, q3, '病故军人遗属', { '本年发放金额(元)': 20000, 状态: '注销', 备注: `${Y}年8月去世` }, '1952.11.11'));
  const q4 = person('吕长青', '男', 1958, 7, 7);
  hpYf.push(yf(4, '合平村', q4, '带病回乡退役军人', { 入伍时间: '1976.03', 退伍时间: '1980.03', '本年发放金额(元)': 4800 }, (Date.UTC(1958, 6, 7) - Date.UTC(1899, 11, 30)) / 86400000));
  const q5 = person('施爱华', '女', 1985, 5, 5);
  hpYf.push(yf(5, hp, q5, '现役军人家属', { '本年发放金额(元)': 1200 }, { formula: 'VLOOKUP(C8,户籍!A:F,6,FALSE)', result: { error: '#N/A' } }));
  const legacy = person('张永福', '男', 1940, 2, 2);
  const id15 = legacy.id.slice(0, 6) + legacy.id.slice(8, 17);
  hpYf.push(yf(6, hp, { ...legacy, id: id15 }, '在乡复员军人', { 入伍时间: '1953.02', 退伍时间: '1957.02', '本年发放金额(元)': 18000 }, '1940年2月2日'));
  const hpYfSheet = sheetOf('和平村优抚', YF_STD, hpYf, {
    title: '和平村优抚对象花名册',
    unitLine: `填报单位：和平村    填报日期：${Y}.11.18`,
    sumFields: ['本年发放金额(元)'],
    after: NOTES('赵文书'),
    textFields: ['身份证号'],
  });
  errors.push({ file: '和平村.xlsx', sheet: '和平村优抚', row: 7, column: '所在村', what: '村名“合平村”不在村名单中（应为和平村）' });
  errors.push({ file: '和平村.xlsx', sheet: '和平村优抚', row: 8, column: '出生日期', what: '出生日期单元格是公式错误值 #N/A' });

  const hpBy: Rec[] = [
    by(1, hp, person('曹宇航', '男', 2008 + (Y - 2026), 4, 12), '初次', { 登记日期: `${Y}年3月15日` }),
    by(2, hp, person('严子豪', '男', 2008 + (Y - 2026), 10, 2), '初次', { 登记日期: `${Y}0420` }),
    by(3, hp, person('华明轩', '男', 2008 + (Y - 2026), 12, 20), '初次', { 登记日期: `${Y}.11.12`, 备注: '截止日期后补报' }),
  ];
  const hpBySheet = sheetOf('兵役登记', BY_STD, hpBy, { title: '和平村兵役登记名册', textFields: ['身份证号'] });

  const hpAz: Rec[] = [
    { 序号: 1, 所在村: hp, 姓名: '金大勇', 身份证号: person('金大勇', '男', 1997, 3, 3).id, 安置类型: '退役士兵', 安置方式: '安排工作', 接收日期: `${Y}年2月1日`, 安置状态: '已安置', 是否担任领导职务: '否' },
    { 序号: 2, 所在村: hp, 姓名: '魏小兰', 身份证号: person('魏小兰', '女', 1995, 6, 6).id, 安置类型: '随军家属', 安置方式: '事业单位', 接收日期: `${Y}年3月1日`, 安置单位: '青山镇卫生院', 安置状态: '已安置', 是否担任领导职务: '否' },
  ];
  const hpAzSheet = sheetOf('安置', AZ_STD, hpAz, { textFields: ['身份证号'] });
  errors.push({ file: '和平村.xlsx', sheet: '安置', row: 2, column: '安置单位', what: '安置状态为已安置，但没有填安置单位（金大勇）' });

  const heping: SampleWorkbook = { file: '和平村.xlsx', sheets: [hpYfSheet, hpBySheet, hpAzSheet, INSTRUCTIONS] };

  // ---------------- 新民社区: minority names, ISO dates, +86 phones, abolished county code ---------
  const xm = '新民社区';
  const xmYf: Rec[] = [];
  const m1 = person('买买提·吐尔逊', '男', 1960, 5, 1, '650102', '维吾尔族');
  xmYf.push(yf(1, xm, m1, '参战退役军人', { 入伍时间: '1978-12', 退伍时间: '1983-12', '本年发放金额(元)': 5000, 联系电话: '+86 139 9912 3456' }, '1960-05-01'));
  const m2 = person('阿依古丽•艾力', '女', 1968, 8, 20, '650102', '维吾尔');
  xmYf.push(yf(2, xm, m2, '烈士老年子女', { '本年发放金额(元)': 7200 }, '1968-08-20'));
  const m3 = person('巴特尔', '男', 1963, 1, 9, '370181', '蒙古族');
  xmYf.push(yf(3, xm, m3, '年满60周岁农村籍退役士兵', { 入伍时间: '1981-10', 退伍时间: '1985-01', '本年发放金额(元)': 3600 }, '1963-01-09'));
  xmYf.push(yf(4, xm, zheng, '带病回乡退役军人', { 入伍时间: '1980-11', 退伍时间: '1984-01', '本年发放金额(元)': 4800 }, '1962-10-01'));
  const xmYfSheet = sheetOf('优抚对象', YF_STD, xmYf, { title: '新民社区优抚对象名册', textFields: ['身份证号'] });
  errors.push({ file: '新民社区.xlsx', sheet: '优抚对象', row: 6, column: '身份证号', what: '同一人（郑国庆）同时登记在新民社区和红旗村' });

  const xmHd: Rec[] = [
    { 序号: 1, 日期: `${Y}-07-28`, '所在村/单位': xm, 方向: '拥军优属', 活动类别: '科技法律进军营', 活动名称: '法律知识讲座进军营', 部队单位: '某部通信连', 参加人数: 6, 官兵人次: 90, '图书(册)': 150, 对子编号: 'XM-01' },
    { 序号: 2, 日期: `${Y}-08-01`, '所在村/单位': xm, 方向: '拥军优属', 活动类别: '体育进军营', 活动名称: '军民篮球友谊赛', 部队单位: '某部通信连', 参加人数: 24, 官兵人次: 24, '物资折价(元)': 600, 对子编号: 'XM-09' },
  ];
  const xmHdSheet = sheetOf('双拥活动', HD_STD, xmHd);
  errors.push({ file: '新民社区.xlsx', sheet: '双拥活动', row: 3, column: '对子编号', what: '对子编号 XM-09 在共建对子表中不存在' });

  const xmDz: Rec[] = [
    { 对子编号: 'XM-01', 类型: '军民共建', 地方单位: '新民社区居委会', 部队单位: '某部通信连', 结对日期: '2023-09-01', 状态: '有效', 联系人: '刘书记', 联系电话: '0531-86999888' },
  ];
  const xmDzSheet = sheetOf('共建对子', DZ_STD, xmDz, { textFields: ['帮扶对象身份证号'] });
  const lookup: SampleSheet = { name: '数据源', hidden: true, rows: [['类别'], ['参战退役军人'], ['烈士老年子女']] };
  const xinmin: SampleWorkbook = { file: '新民社区.xlsx', sheets: [xmYfSheet, xmHdSheet, xmDzSheet, lookup] };

  return { books: [hongqi, guangming, heping, xinmin], errors };
}

/** The sample workbooks for a reporting year (default 2026). */
export function generateSamples(year = SAMPLE_YEAR): SampleWorkbook[] {
  return buildAll(year).books;
}

/** The deliberate errors of the samples (each is an error-severity problem at this cell). */
export function deliberateErrors(year = SAMPLE_YEAR): DeliberateError[] {
  return buildAll(year).errors;
}

// ---------------------------------------------------------------------------------------------
// Large ledgers for benchmarks
// ---------------------------------------------------------------------------------------------

export const LARGE_HEADER = YF_STD.map((c) => c.header);

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '建国秀英德明卫东志强桂兰大海红梅福生繁荣文博一鸣子轩俊杰海洋宇航子豪明轩永福长青玉珍爱华晓燕小兰大勇立新春华秋实冬梅夏雨';
const CATS = ['残疾军人', '烈士遗属', '因公牺牲军人遗属', '病故军人遗属', '在乡复员军人', '带病回乡退役军人', '参战退役军人', '参试退役军人', '年满60周岁农村籍退役士兵', '烈士老年子女', '现役军人家属', '其他退役军人'];
const GRADES = ['一级', '二级', '三级', '四级', '五级', '六级'];

/**
 * Rows (values only, standard 优抚对象 column order) of a large ledger: valid people with ~1% of
 * deliberate errors (bad checksums). Deterministic for a seed.
 */
export function* largeLedgerRows(n: number, seed = 1, village = '红旗村', year = SAMPLE_YEAR): Generator<CellValue[]> {
  let s = seed >>> 0 || 1;
  const rand = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = 1; i <= n; i++) {
    const cat = CATS[Math.floor(rand() * CATS.length)];
    const sex: '男' | '女' = cat.includes('遗属') || cat === '现役军人家属' || cat === '烈士老年子女' ? (rand() < 0.5 ? '男' : '女') : '男';
    let by = 1950 + Math.floor(rand() * 50);
    if (cat === '在乡复员军人') by = 1928 + Math.floor(rand() * 6);
    if (cat === '年满60周岁农村籍退役士兵') by = 1940 + Math.floor(rand() * (year - 60 - 1940));
    const bm = 1 + Math.floor(rand() * 12);
    const bd = 1 + Math.floor(rand() * 28);
    let id = makeId(REGION, by, bm, bd, Math.floor(rand() * 1000), sex);
    if (i % 100 === 0) id = breakChecksum(id);
    const name = SURNAMES[Math.floor(rand() * SURNAMES.length)] + GIVEN.substr(Math.floor(rand() * (GIVEN.length / 2)) * 2, 2);
    const soldier = !cat.includes('遗属') && cat !== '现役军人家属' && cat !== '烈士老年子女';
    const enlistY = cat === '在乡复员军人' ? 1950 : by + 18;
    const row: CellValue[] = [
      i,
      village,
      name,
      sex,
      '汉族',
      id,
      new Date(Date.UTC(by, bm - 1, bd)),
      cat,
      cat === '残疾军人' ? GRADES[Math.floor(rand() * 6)] : null,
      cat === '残疾军人' ? '因战' : null,
      soldier ? `${enlistY}.0${1 + Math.floor(rand() * 9)}` : null,
      soldier ? `${enlistY + 4}.12` : null,
      Math.round(rand() * 300) * 100,
      `13${Math.floor(rand() * 7) + 3}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`,
      '在册',
      null,
    ];
    yield row;
  }
}
