/** Hand-made LedgerTable fixtures with hand-computed expectations (see the tests). */
import type { FieldValue, LedgerId, LedgerTable } from '../../src/core/ledger';
import { defaultSettings, type Settings } from '../../src/core/settings';

export function table(file: string, ledger: LedgerId, fields: string[], rows: FieldValue[][], firstRow = 4): LedgerTable {
  return {
    file,
    sheet: ledger,
    ledger,
    headerRow: firstRow - 1,
    columns: fields.map((field, i) => ({ field, header: field, col: i + 1 })),
    records: rows.map((cells, i) => ({
      row: firstRow + i,
      v: Object.fromEntries(fields.map((f, j) => [f, cells[j] ?? null])),
    })),
  };
}

export const SETTINGS: Settings = { ...defaultSettings(), year: 2026, township: '红旗镇', villages: ['红旗村', '东风村', '向阳村', '李庄村'] };

const REG = ['所在村', '姓名', '登记类型', '是否已登记', '是否应征报名', '体检结果', '政考结果', '是否批准入伍'];
const BEN = ['序号', '所在村', '姓名', '身份证号', '优抚类别', '本年发放金额(元)', '状态'];
const ACT = ['所在村/单位', '方向', '活动类别', '活动名称', '参加人数', '官兵人次', '慰问人数', '慰问金(元)', '物资折价(元)', '图书(册)'];
const PAIR = ['对子编号', '类型', '地方单位', '状态'];
const PLACE = ['所在村', '姓名', '安置类型', '安置方式', '安置单位', '安置状态', '是否担任领导职务'];

export function fixtureTables(): LedgerTable[] {
  return [
    table('红旗村.xlsx', '兵役登记', REG, [
      ['红旗村', '甲', '初次', true, true, '合格', '合格', true],
      ['红旗村', '乙', '初次', true, false, null, null, false],
      ['红旗村', '丙', '初次', false, false, null, null, false],
      ['红旗村', '丁', '补登', true, false, null, null, false],
      ['红旗村', '戊', '核验', true, false, null, null, false],
      ['红旗村', '己', '自愿', true, true, '不合格', null, false],
    ]),
    table('东风村.xlsx', '兵役登记', REG, [
      ['东风村', '庚', '初次', true, true, '合格', '不合格', false],
      ['东风村', '辛', '初次', '是', false, null, null, null],
      ['东风村', '壬', '初次', true, false, null, null, null],
      ['东风村', '癸', '补登', false, false, null, null, null],
      ['李庄村', '子', '初次', false, false, null, null, null],
    ]),
    table('红旗村.xlsx', '优抚对象', BEN, [
      [1, '红旗村', '张一', '11010519491231002X', '残疾军人', 1200.1, '在册'],
      [2, '红旗村', '张一', '11010519491231002X', '烈士遗属', 300.2, null],
      [3, '红旗村', '李二', '110105195001010011', '伤残军人', 1000.3, '在册'],
      [4, '红旗村', '王三', '110105195001010038', '烈士遗属', 500, '暂停'],
      [5, '红旗村', '赵四', '110105195001010054', '军属', 800, '注销'],
      [6, '红旗村', '钱五', '110105195001010070', '现役军人家属', '五百', '在册'],
      ['合计', null, null, null, null, 2800.6, null],
    ]),
    table('东风村.xlsx', '优抚对象', BEN, [
      [1, '东风村', '孙六', '110105195001010097', '残疾军人', 0.1, '在册'],
      [2, '东风村', '周七', '110105195001010118', '残疾军人', 0.2, '在册'],
      [3, '东风村', '吴八', '110105195001010134', '其他退役军人', null, '在册'],
    ]),
    table('镇汇总.xlsx', '双拥活动', ACT, [
      ['红旗村', '拥军优属', '文化进军营', '慰问演出', 100, 20, null, 1000.5, 200.25, 50],
      ['红旗村', '拥军优属', '文艺演出', '迎春晚会', 50, 10, null, null, null, null],
      ['东风村', '拥军优属', '篮球赛', '军民篮球赛', 30, 15, null, null, null, null],
      ['镇政府', '拥军优属', '送温暖进军营', '春节慰问', null, null, 12, 3000, 1500.75, null],
      ['武警中队', '拥政爱民', '植树', '植树节', 40, 25, null, null, null, null],
      ['武警中队', '拥政爱民', '便民服务进村镇', '义诊', 60, null, null, null, null, 30],
      ['红旗村', '拥军优属', '联欢会', '八一联欢', 10, null, null, null, null, null],
    ]),
    table('镇汇总.xlsx', '共建对子', PAIR, [
      ['GJ01', '军民共建', '红旗村', '有效'],
      ['GJ02', '军民共建', '东风村', null],
      ['GJ03', '军民共建', '向阳村', '终止'],
      ['BF01', '帮扶', '红旗村', '有效'],
    ]),
    table('镇汇总.xlsx', '安置', PLACE, [
      ['红旗村', '甲一', '退役士兵', '安排工作', '镇政府', '已安置', true],
      ['红旗村', '乙一', '退役士兵', '自主就业', null, '待安置', false],
      ['东风村', '丙一', '退役士兵', '安排工作', 'XX公司', null, null],
      ['东风村', '丁一', '随军家属', '企业', null, null, null],
      ['东风村', '戊一', '随军家属', '企业', 'YY厂', '已安置', false],
    ]),
  ];
}
