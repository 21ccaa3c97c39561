/**
 * The blank standard workbook the township sends to its villages, described as pure data from the
 * ledger schemas, so that the CLI (`ledger template`, src/cli) and the Excel add-in (插入空白台账,
 * src/excel) lay out exactly the same sheets:
 *
 *   row 1   title (merged across the columns), e.g. "红旗村优抚对象花名册（2026年度）"
 *   row 2   填报单位 / 填报日期 line (merged)
 *   row 3   header row (canonical column names), with an input hint per header cell
 *   row 4…  `inputRows` empty rows carrying number formats and data validation
 *
 * plus a 填表说明 sheet. Pure: no host, DOM or Node APIs.
 */
import type { LedgerId } from '../ledger';
import type { ColumnSchema, LedgerSchema } from '../schema/types';
import { LEDGER_SCHEMAS } from '../schema/override';

export type BlankValidation =
  | { type: 'list'; values: string[]; allowBlank: true; error: string }
  | { type: 'decimal' | 'whole'; min: number; allowBlank: true; error: string }
  | { type: 'date'; from: string; to: string; allowBlank: true; error: string };

export interface BlankColumn {
  field: string;
  /** Header text written in the header row (the canonical field name). */
  header: string;
  required: boolean;
  /** Excel number format of the input cells: '@' (text) for IDs, phones, codes and month dates. */
  numFmt?: string;
  validation?: BlankValidation;
  /** Input hint shown on the header cell (a note) and when an input cell is selected. */
  hint: string;
  /** Suggested column width in characters. */
  width: number;
}

export interface BlankSheet {
  ledger: LedgerId;
  /** Sheet name: the ledger name. */
  name: string;
  title: string;
  unitLine: string;
  headerRow: number;
  firstInputRow: number;
  inputRows: number;
  columns: BlankColumn[];
}

export interface BlankWorkbook {
  sheets: BlankSheet[];
  instructions: { name: string; lines: string[] };
}

export interface BlankOptions {
  year: number;
  village?: string;
  township?: string;
  /** Number of input rows carrying formats and validation (default 500). */
  inputRows?: number;
  schemas?: readonly LedgerSchema[];
}

export const BLANK_HEADER_ROW = 3;
export const INSTRUCTIONS_SHEET = '填表说明';

const YES_NO = ['是', '否'];

function listFor(c: ColumnSchema, village?: string): string[] | undefined {
  if (c.type === 'yesno') return YES_NO;
  if (c.type === 'village' && village) return [village];
  if (c.type === 'vocab' && c.vocab) return c.vocab.terms.map((t) => t.term);
  return undefined;
}

function hintFor(c: ColumnSchema, list: string[] | undefined, year: number): string {
  const req = c.required ? '必填。' : '';
  const note = c.note ? `${c.note}。` : '';
  switch (c.type) {
    case 'id':
      return `${req}18位身份证号，按文本录入（本列已设为文本格式），末位 X 大写。${note}`;
    case 'date':
      return `${req}日期，如 ${year}-05-01 或 ${year}年5月1日。${note}`;
    case 'month-date':
      return `${req}日期，可只写年月，如 2019.09 或 2019年9月（本列为文本格式）。${note}`;
    case 'amount':
      return `${req}金额（元），数字，最多两位小数；不要写汉字。${note}`;
    case 'count':
      return `${req}整数，不小于 0。${note}`;
    case 'yesno':
      return `${req}从下拉列表选择“是”或“否”。${note}`;
    case 'phone':
      return `${req}手机 11 位或座机（区号-号码）。${note}`;
    case 'name':
      return `${req}姓名；少数民族姓名用间隔号“·”，如 买买提·吐尔逊。${note}`;
    case 'village':
      return `${req}村（社区）名称，与镇村名单一致。${note}`;
    case 'ethnic':
      return `${req}56 个民族之一，如 汉族。${note}`;
    case 'vocab': {
      const g = c.vocab?.groupField ? `须与“${c.vocab.groupField}”对应。` : '';
      return `${req}从下拉列表选择：${(list ?? []).join('、')}。${g}${note}`;
    }
    case 'seq':
      return '序号，可不填。';
    default:
      return `${req}${note}`;
  }
}

function numFmtFor(c: ColumnSchema): string | undefined {
  switch (c.type) {
    case 'id':
    case 'phone':
    case 'code':
    case 'month-date':
      return '@';
    case 'date':
      return 'yyyy-mm-dd';
    case 'amount':
      return '0.00';
    case 'count':
      return '0';
    default:
      return undefined;
  }
}

function validationFor(c: ColumnSchema, list: string[] | undefined): BlankValidation | undefined {
  if (list && list.length > 0) return { type: 'list', values: list, allowBlank: true, error: `请从下拉列表中选择：${list.join('、')}` };
  if (c.type === 'amount') return { type: 'decimal', min: 0, allowBlank: true, error: '金额应为不小于 0 的数字（元）。' };
  if (c.type === 'count') return { type: 'whole', min: 0, allowBlank: true, error: '应为不小于 0 的整数。' };
  if (c.type === 'date') return { type: 'date', from: '1900-01-01', to: '2100-12-31', allowBlank: true, error: '请输入日期，如 2026-05-01。' };
  return undefined;
}

function widthFor(c: ColumnSchema): number {
  switch (c.type) {
    case 'id':
      return 22;
    case 'seq':
      return 6;
    case 'date':
    case 'month-date':
      return 12;
    case 'phone':
      return 15;
    case 'vocab':
      return Math.min(26, Math.max(10, ...(c.vocab?.terms ?? []).map((t) => t.term.length * 2 + 2)));
    default:
      return Math.max(10, c.field.length * 2 + 2);
  }
}

/** The blank standard workbook for a village (or for any village when none is given). */
export function blankWorkbook(opts: BlankOptions): BlankWorkbook {
  const schemas = opts.schemas ?? LEDGER_SCHEMAS;
  const who = opts.village ?? '';
  const inputRows = opts.inputRows ?? 500;
  const sheets: BlankSheet[] = schemas.map((s) => {
    const columns: BlankColumn[] = s.columns.map((c) => {
      const list = listFor(c, opts.village);
      const col: BlankColumn = {
        field: c.field,
        header: c.field,
        required: Boolean(c.required),
        hint: hintFor(c, list, opts.year),
        width: widthFor(c),
      };
      const fmt = numFmtFor(c);
      if (fmt) col.numFmt = fmt;
      const v = validationFor(c, list);
      if (v) col.validation = v;
      return col;
    });
    return {
      ledger: s.id,
      name: s.id,
      title: `${who}${s.id}${s.id === '双拥活动' || s.id === '共建对子' || s.id === '安置' ? '台账' : '花名册'}（${opts.year}年度）`,
      unitLine: `填报单位：${who || '＿＿＿＿'}${opts.township ? `（${opts.township}）` : ''}    填报日期：${opts.year}年  月  日`,
      headerRow: BLANK_HEADER_ROW,
      firstInputRow: BLANK_HEADER_ROW + 1,
      inputRows,
      columns,
    };
  });
  const lines: string[] = [
    `${who}双拥工作台账填表说明（${opts.year}年度）`,
    '',
    '一、通用要求',
    '1. 每张工作表一种台账，请勿改动第 3 行的列标题、勿删除或调换列；数据从第 4 行起逐行填写，中间不要留空行。',
    '2. 身份证号一律按文本录入（本模板已将身份证号列设为文本格式），18 位，末位 X 大写；切勿粘贴成数字，否则后几位会丢失。',
    `3. 日期写成 ${opts.year}-05-01 或 ${opts.year}年5月1日；入伍、退伍时间可只写年月，如 2019.09。`,
    '4. 带下拉箭头的列请从下拉列表中选择，不要自行填写其他说法。是/否列填“是”或“否”。',
    '5. 金额以元为单位，只填数字，最多两位小数。人数、册数填整数。',
    '6. 表格末尾不要加“合计”行；制表人、审核人请写在数据下方空一行之后。',
    '',
    '二、各台账必填列（*）',
  ];
  for (const s of schemas) {
    const req = s.columns.filter((c) => c.required).map((c) => c.field);
    lines.push(`${s.id}：${req.join('、')}`);
  }
  lines.push('', '三、主要规则');
  lines.push('优抚对象：残疾军人须填残疾等级和残疾性质；因病致残只能为一级至六级；同一身份证号同一类别只登记一次。');
  lines.push(`兵役登记：初次登记为 ${opts.year - 18} 年出生的男性青年；自愿登记为 ${opts.year - 17} 年出生；已登记须填登记日期。`);
  lines.push('双拥活动：活动类别须与方向一致（拥军优属对应“六进军营”，拥政爱民对应“六进村镇”）；填写对子编号的，须在共建对子表中存在。');
  lines.push('共建对子：对子编号不得重复；帮扶类须填帮扶对象姓名和身份证号。');
  lines.push('安置：安置状态为已安置的，须填安置单位。');
  return { sheets, instructions: { name: INSTRUCTIONS_SHEET, lines } };
}

/** One correctly filled example row per ledger, keyed by field (used by the round-trip tests). */
export function exampleValues(ledger: LedgerId, year: number, village: string, id: string): Record<string, string | number> {
  switch (ledger) {
    case '优抚对象':
      return { 序号: 1, 所在村: village, 姓名: '张三', 性别: '男', 民族: '汉族', 身份证号: id, 优抚类别: '其他退役军人', 入伍时间: '1990.03', 退伍时间: '1994.12', '本年发放金额(元)': 1200, 状态: '在册' };
    case '兵役登记':
      return { 序号: 1, 所在村: village, 姓名: '李四', 身份证号: id, 性别: '男', 登记类型: '初次', 是否已登记: '是', 登记日期: `${year}-05-10`, 是否应征报名: '否' };
    case '双拥活动':
      return { 序号: 1, 日期: `${year}-08-01`, '所在村/单位': village, 方向: '拥军优属', 活动类别: '送温暖进军营', 活动名称: '八一慰问', 参加人数: 10, '慰问金(元)': 2000 };
    case '共建对子':
      return { 对子编号: 'DZ-01', 类型: '军民共建', 地方单位: `${village}村民委员会`, 部队单位: '某部', 结对日期: `${year}-03-01`, 状态: '有效' };
    case '安置':
      return { 序号: 1, 所在村: village, 姓名: '王五', 身份证号: id, 安置类型: '退役士兵', 安置方式: '自主就业', 安置单位: '某公司', 安置状态: '已安置', 是否担任领导职务: '否' };
  }
}
