/** Builders of in-memory workbooks for the core tests. */
import type { CellValue, RowData, SheetData, WorkbookData } from '../../src/core/model';
import { defaultSettings, type Settings } from '../../src/core/settings';
import { makeId } from '../../src/core/values/id';

export const YEAR = 2026;
export const TODAY = new Date(2026, 10, 29); // 29 Nov 2026

export function settings(p: Partial<Settings> = {}): Settings {
  return { ...defaultSettings(new Date(2026, 0, 1)), year: YEAR, ...p };
}

/** A sheet from rows of cells, numbered from `firstRow`. */
export function sheet(name: string, rows: CellValue[][], firstRow = 1): SheetData {
  return { name, rows: rows.map((cells, i): RowData => ({ r: firstRow + i, cells })) };
}

export function book(file: string, ...sheets: SheetData[]): WorkbookData {
  return { file, sheets };
}

export const MAN_1980 = makeId('110105', '19800115', 11); // male
export const WOMAN_1980 = makeId('110105', '19800115', 22); // female

export const BENEFICIARY_HEADER = [
  '序号', '所在村', '姓名', '性别', '民族', '身份证号', '出生日期', '优抚类别', '残疾等级', '残疾性质',
  '入伍时间', '退伍时间', '本年发放金额(元)', '联系电话', '状态', '备注',
];

/** A valid 优抚对象 row (其他退役军人). */
export function beneficiaryRow(i: number, p: Partial<Record<string, CellValue>> = {}): CellValue[] {
  const id = makeId('110105', '19700101', 10 + (i % 400) * 2 + 1);
  const base: Record<string, CellValue> = {
    序号: i, 所在村: '红旗村', 姓名: '张三', 性别: '男', 民族: '汉族', 身份证号: id, 出生日期: '1970-01-01',
    优抚类别: '其他退役军人', 残疾等级: null, 残疾性质: null, 入伍时间: '1988.03', 退伍时间: '1992.12',
    '本年发放金额(元)': 1200, 联系电话: '13812345678', 状态: '在册', 备注: null,
  };
  const r = { ...base, ...p };
  return BENEFICIARY_HEADER.map((h) => (r[h] === undefined ? null : r[h]));
}

export const CONSCRIPT_HEADER = [
  '序号', '所在村', '姓名', '身份证号', '性别', '登记类型', '是否已登记', '登记日期', '文化程度',
  '是否应征报名', '体检结果', '政考结果', '是否批准入伍', '联系电话', '备注',
];

export function conscriptRow(i: number, p: Partial<Record<string, CellValue>> = {}): CellValue[] {
  const id = makeId('110105', `${YEAR - 18}0315`, 10 + (i % 400) * 2 + 1);
  const base: Record<string, CellValue> = {
    序号: i, 所在村: '红旗村', 姓名: '李四', 身份证号: id, 性别: '男', 登记类型: '初次', 是否已登记: '是',
    登记日期: `${YEAR}-06-15`, 文化程度: '高中', 是否应征报名: '否', 体检结果: null, 政考结果: null,
    是否批准入伍: '否', 联系电话: '13912345678', 备注: null,
  };
  const r = { ...base, ...p };
  return CONSCRIPT_HEADER.map((h) => (r[h] === undefined ? null : r[h]));
}

export const ACTIVITY_HEADER = [
  '序号', '日期', '所在村/单位', '方向', '活动类别', '活动名称', '部队单位', '地点', '参加人数', '官兵人次',
  '慰问人数', '慰问金(元)', '物资折价(元)', '图书(册)', '对子编号', '佐证材料', '备注',
];

export function activityRow(i: number, p: Partial<Record<string, CellValue>> = {}): CellValue[] {
  const base: Record<string, CellValue> = {
    序号: i, 日期: `${YEAR}-07-0${(i % 9) + 1}`, '所在村/单位': '红旗村', 方向: '拥军优属', 活动类别: '文化进军营',
    活动名称: `八一文艺演出${i}`, 部队单位: '某部', 地点: '村广场', 参加人数: 50, 官兵人次: 20, 慰问人数: 0,
    '慰问金(元)': 0, '物资折价(元)': 0, '图书(册)': 0, 对子编号: null, 佐证材料: null, 备注: null,
  };
  const r = { ...base, ...p };
  return ACTIVITY_HEADER.map((h) => (r[h] === undefined ? null : r[h]));
}

export const PAIR_HEADER = ['对子编号', '类型', '地方单位', '部队单位', '帮扶对象姓名', '帮扶对象身份证号', '结对日期', '状态', '联系人', '联系电话', '备注'];

export function pairRow(code: string, p: Partial<Record<string, CellValue>> = {}): CellValue[] {
  const base: Record<string, CellValue> = {
    对子编号: code, 类型: '军民共建', 地方单位: '红旗村委会', 部队单位: '某部', 帮扶对象姓名: null, 帮扶对象身份证号: null,
    结对日期: '2024-05-01', 状态: '有效', 联系人: '王五', 联系电话: '0371-12345678', 备注: null,
  };
  const r = { ...base, ...p };
  return PAIR_HEADER.map((h) => (r[h] === undefined ? null : r[h]));
}

export const PLACEMENT_HEADER = ['序号', '所在村', '姓名', '身份证号', '安置类型', '安置方式', '接收日期', '安置单位', '安置状态', '是否担任领导职务', '备注'];

export function placementRow(i: number, p: Partial<Record<string, CellValue>> = {}): CellValue[] {
  const base: Record<string, CellValue> = {
    序号: i, 所在村: '红旗村', 姓名: '赵六', 身份证号: makeId('110105', '19980101', 10 + (i % 400) * 2 + 1),
    安置类型: '退役士兵', 安置方式: '自主就业', 接收日期: `${YEAR}-03-01`, 安置单位: null, 安置状态: '待安置',
    是否担任领导职务: '否', 备注: null,
  };
  const r = { ...base, ...p };
  return PLACEMENT_HEADER.map((h) => (r[h] === undefined ? null : r[h]));
}
