/** Table-driven tests of every cell and row rule: one valid row patched per case. */
import type { CellValue } from '../../src/core/model';
import { makeId } from '../../src/core/values/id';
import {
  ACTIVITY_HEADER, activityRow, BENEFICIARY_HEADER, beneficiaryRow, CONSCRIPT_HEADER, conscriptRow, MAN_1980,
  PAIR_HEADER, pairRow, PLACEMENT_HEADER, placementRow, WOMAN_1980, YEAR,
} from './fixtures';
import { checkSheet, codes } from './helpers';

type Patch = Partial<Record<string, CellValue>>;
interface Case {
  name: string;
  patch: Patch;
  /** Codes expected on the data row (exactly, in any order); [] = no problem at all. */
  expect: string[];
  villages?: string[];
}

const LEDGERS: Record<string, { header: string[]; row: (i: number, p: Patch) => CellValue[] }> = {
  优抚对象: { header: BENEFICIARY_HEADER, row: beneficiaryRow },
  兵役登记: { header: CONSCRIPT_HEADER, row: conscriptRow },
  双拥活动: { header: ACTIVITY_HEADER, row: activityRow },
  共建对子: { header: PAIR_HEADER, row: (i, p) => pairRow(`P${i}`, p) },
  安置: { header: PLACEMENT_HEADER, row: placementRow },
};

const idBorn = (birth: string, seq = 11) => makeId('110105', birth, seq);

const CASES: Record<string, Case[]> = {
  优抚对象: [
    { name: 'valid row', patch: {}, expect: [] },
    // 身份证号
    { name: 'ID stored as number', patch: { 身份证号: 110105197001010000 }, expect: ['id.stored-as-number'] },
    { name: 'ID as scientific text', patch: { 身份证号: '1.10105E+17' }, expect: ['id.stored-as-number'] },
    { name: 'ID wrong length', patch: { 身份证号: '11010519700101001' }, expect: ['id.length'] },
    { name: 'ID non-digits', patch: { 身份证号: '11010519700101A011' }, expect: ['id.chars'] },
    { name: 'ID bad checksum', patch: { 身份证号: MAN_1980.slice(0, 17) + (MAN_1980[17] === '0' ? '1' : '0') }, expect: ['id.checksum'] },
    { name: 'ID unknown province', patch: { 身份证号: makeId('990105', '19700101', 11) }, expect: ['id.province'] },
    { name: 'ID impossible birth', patch: { 身份证号: makeId('110105', '19700230', 11) }, expect: ['id.birth-invalid'] },
    { name: 'ID future birth', patch: { 身份证号: makeId('110105', `${YEAR + 1}0101`, 11), 出生日期: null }, expect: ['id.birth-future'] },
    { name: 'ID city-level region = county warning', patch: { 身份证号: makeId('110100', '19700101', 11) }, expect: ['id.county'] },
    { name: 'ID 15-digit legacy', patch: { 身份证号: '110105700101011' }, expect: ['id.legacy-15'] },
    { name: 'ID lower-case x', patch: { 身份证号: 'x' }, expect: ['id.length'] },
    { name: 'ID residence permit valid', patch: { 身份证号: makeId('810000', '19700101', 11) }, expect: [] },
    { name: 'ID with a leading apostrophe', patch: { 身份证号: "'" + idBorn('19700101') }, expect: ['id.normalized'] },
    { name: 'ID trailing space', patch: { 身份证号: idBorn('19700101') + ' ' }, expect: ['id.normalized'] },
    // other cells
    { name: 'sex disagrees with ID', patch: { 性别: '女' }, expect: ['sex.mismatch-id'] },
    { name: 'a bad ID is not compared with sex and birth date', patch: { 身份证号: MAN_1980.slice(0, 17) + (MAN_1980[17] === '0' ? '1' : '0'), 性别: '女', 出生日期: '1999-01-01' }, expect: ['id.checksum'] },
    { name: 'sex synonym quiet', patch: { 性别: '男性' }, expect: [] },
    { name: 'birth date disagrees', patch: { 出生日期: '1970-02-01' }, expect: ['birth.mismatch-id'] },
    { name: 'birth month precision agrees', patch: { 出生日期: '1970.01' }, expect: [] },
    { name: 'ethnic without 族', patch: { 民族: '维吾尔' }, expect: [] },
    { name: 'ethnic unknown', patch: { 民族: '火星族' }, expect: ['ethnic.invalid'] },
    { name: 'phone landline', patch: { 联系电话: '0371-12345678' }, expect: [] },
    { name: 'phone +86', patch: { 联系电话: '+86 138 1234 5678' }, expect: [] },
    { name: 'phone bad', patch: { 联系电话: '12345' }, expect: ['phone.invalid'] },
    { name: 'amount text 五百', patch: { '本年发放金额(元)': '五百' }, expect: ['amount.invalid'] },
    { name: 'amount negative', patch: { '本年发放金额(元)': -5 }, expect: ['amount.negative'] },
    { name: 'amount 3 decimals', patch: { '本年发放金额(元)': 1.234 }, expect: ['amount.decimals'] },
    { name: 'amount as text', patch: { '本年发放金额(元)': '1,200.50' }, expect: ['amount.text'] },
    { name: 'amount float sum ok', patch: { '本年发放金额(元)': 0.1 + 0.2 }, expect: [] },
    { name: 'category synonym', patch: { 优抚类别: '烈属' }, expect: ['vocab.synonym'] },
    { name: 'category unknown', patch: { 优抚类别: '五保户' }, expect: ['vocab.invalid'] },
    { name: 'required name empty', patch: { 姓名: '  ' }, expect: ['cell.required'] },
    { name: 'error value', patch: { 姓名: { error: '#N/A' } }, expect: ['cell.error-value'] },
    { name: 'middle dot variant', patch: { 姓名: '买买提•吐尔逊' }, expect: ['name.middle-dot'] },
    { name: 'standard middle dot', patch: { 姓名: '买买提·吐尔逊' }, expect: [] },
    { name: 'full-width in name', patch: { 姓名: '张三\u200b' }, expect: ['text.normalized'] },
    // 残疾
    { name: '残疾军人 without grade/nature', patch: { 优抚类别: '残疾军人' }, expect: ['disability.grade-required', 'disability.nature-required'] },
    { name: '残疾军人 complete', patch: { 优抚类别: '残疾军人', 残疾等级: '五级', 残疾性质: '因战' }, expect: [] },
    { name: 'grade 3 accepted as 三级', patch: { 优抚类别: '残疾军人', 残疾等级: 3, 残疾性质: '因公' }, expect: [] },
    { name: '因病 七级', patch: { 优抚类别: '残疾军人', 残疾等级: '7级', 残疾性质: '因病' }, expect: ['disability.illness-grade'] },
    { name: '因病 六级 ok', patch: { 优抚类别: '残疾军人', 残疾等级: '六级', 残疾性质: '因病' }, expect: [] },
    { name: 'grade for non-disabled', patch: { 残疾等级: '三级' }, expect: ['disability.grade-unexpected'] },
    // service period
    { name: 'discharge before enlist', patch: { 入伍时间: '1992.12', 退伍时间: '1988.03' }, expect: ['service.order'] },
    { name: 'enlist in the future', patch: { 入伍时间: `${YEAR + 1}.03`, 退伍时间: null }, expect: ['service.future'] },
    { name: 'month text dates', patch: { 入伍时间: '1988年3月', 退伍时间: '1992-12' }, expect: [] },
    { name: 'date invalid', patch: { 入伍时间: '去年' }, expect: ['date.invalid'] },
    { name: '在乡复员军人 late', patch: { 优抚类别: '在乡复员军人', 身份证号: idBorn('19300101'), 出生日期: null, 入伍时间: '1955.01', 退伍时间: '1958.01' }, expect: ['category.demobilized-enlist'] },
    { name: '在乡复员军人 1954-10 ok', patch: { 优抚类别: '在乡复员军人', 身份证号: idBorn('19300101'), 出生日期: null, 入伍时间: '1954.10', 退伍时间: '1958.01' }, expect: [] },
    { name: '60周岁 too young', patch: { 优抚类别: '年满60周岁农村籍退役士兵', 身份证号: idBorn(`${YEAR - 59}0101`), 出生日期: null, 入伍时间: null, 退伍时间: null }, expect: ['category.age60'] },
    { name: '60周岁 on 31 Dec', patch: { 优抚类别: '年满60周岁农村籍退役士兵', 身份证号: idBorn(`${YEAR - 60}1231`), 出生日期: null, 入伍时间: null, 退伍时间: null }, expect: [] },
    { name: 'status synonym', patch: { 状态: '正常' }, expect: ['vocab.synonym'] },
    { name: 'status bad', patch: { 状态: '死了' }, expect: ['vocab.invalid'] },
    { name: 'village near miss', patch: { 所在村: '红期村' }, expect: ['village.near-miss'], villages: ['红旗村', '东风村'] },
    { name: 'village unknown', patch: { 所在村: '月球村村' }, expect: ['village.unknown'], villages: ['红旗村', '东风村', '向阳村'] },
    { name: 'village 村委会 form is a near miss', patch: { 所在村: '红旗村委会' }, expect: ['village.near-miss'], villages: ['红旗村'] },
    { name: 'village without 村 is a near miss', patch: { 所在村: '红旗' }, expect: ['village.near-miss'], villages: ['红旗村', '东风村'] },
    { name: 'full-width dot name: one fix', patch: { 姓名: '艾力．吐尔洪' }, expect: ['name.middle-dot'] },
    { name: 'no village list: any village', patch: { 所在村: '月球村' }, expect: [] },
  ],
  兵役登记: [
    { name: 'valid', patch: {}, expect: [] },
    { name: '初次 wrong year', patch: { 身份证号: idBorn(`${YEAR - 19}0101`) }, expect: ['conscript.age'] },
    { name: '初次 woman', patch: { 身份证号: idBorn(`${YEAR - 18}0101`, 22), 性别: '女' }, expect: ['conscript.sex'] },
    { name: '自愿 woman 17', patch: { 登记类型: '自愿', 身份证号: idBorn(`${YEAR - 17}0101`, 22), 性别: '女' }, expect: [] },
    { name: '自愿 wrong age', patch: { 登记类型: '自愿', 身份证号: idBorn(`${YEAR - 18}0101`, 22), 性别: '女' }, expect: ['conscript.age'] },
    { name: '补登 aged 24', patch: { 登记类型: '补登', 身份证号: idBorn(`${YEAR - 24}1231`) }, expect: [] },
    { name: '补登 aged 25', patch: { 登记类型: '补登', 身份证号: idBorn(`${YEAR - 25}1231`) }, expect: ['conscript.age'] },
    { name: '核验 aged 18', patch: { 登记类型: '核验', 身份证号: idBorn(`${YEAR - 18}0101`) }, expect: ['conscript.age'] },
    { name: '核验 woman', patch: { 登记类型: '核验', 身份证号: idBorn(`${YEAR - 20}0101`, 22), 性别: '女' }, expect: ['conscript.sex'] },
    { name: 'type synonym', patch: { 登记类型: '初次登记' }, expect: ['vocab.synonym'] },
    { name: 'registered without date', patch: { 登记日期: null }, expect: ['conscript.reg-date-required'] },
    { name: 'date other year', patch: { 登记日期: `${YEAR - 1}-06-01` }, expect: ['conscript.reg-date-year'] },
    { name: 'date after deadline', patch: { 登记日期: `${YEAR}-11-05` }, expect: ['conscript.reg-date-late'] },
    { name: 'date as Excel serial', patch: { 登记日期: 46188 }, expect: [] },
    { name: 'date as Date', patch: { 登记日期: new Date(Date.UTC(YEAR, 5, 1)) }, expect: [] },
    { name: 'date month only', patch: { 登记日期: `${YEAR}年6月` }, expect: ['date.month-only'] },
    { name: 'yes/no forms', patch: { 是否已登记: '√', 是否应征报名: 'N', 是否批准入伍: false }, expect: [] },
    { name: 'yes/no invalid', patch: { 是否应征报名: '也许' }, expect: ['yesno.invalid'] },
    { name: 'pipeline: approved without political', patch: { 是否应征报名: '是', 体检结果: '合格', 是否批准入伍: '是' }, expect: ['conscript.pipeline'] },
    { name: 'pipeline: medical without application', patch: { 体检结果: '合格' }, expect: ['conscript.pipeline'] },
    { name: 'pipeline: complete', patch: { 是否应征报名: 'Y', 体检结果: '合格', 政考结果: '合格', 是否批准入伍: '是' }, expect: [] },
    { name: 'pipeline: applied but not registered', patch: { 是否已登记: '否', 登记日期: null, 是否应征报名: '是' }, expect: ['conscript.pipeline'] },
    { name: 'political result vocab', patch: { 政考结果: '良好' }, expect: ['vocab.invalid'] },
  ],
  双拥活动: [
    { name: 'valid', patch: {}, expect: [] },
    { name: 'date other year', patch: { 日期: `${YEAR - 1}-12-31` }, expect: ['activity.date-year'] },
    { name: 'date after today', patch: { 日期: `${YEAR}-12-20` }, expect: ['activity.date-future'] },
    { name: 'category of other direction', patch: { 活动类别: '植树' }, expect: ['vocab.synonym', 'vocab.wrong-group'] },
    { name: 'category of other direction canonical', patch: { 方向: '拥政爱民' }, expect: ['vocab.wrong-group'] },
    { name: 'category synonym', patch: { 活动类别: '送戏' }, expect: ['vocab.synonym'] },
    { name: 'count text', patch: { 参加人数: '50人' }, expect: ['count.text'] },
    { name: 'count fractional', patch: { 参加人数: 2.5 }, expect: ['count.not-integer'] },
    { name: 'count negative', patch: { 官兵人次: -1 }, expect: ['count.negative'] },
    { name: 'count words', patch: { '图书(册)': '很多' }, expect: ['count.invalid'] },
    { name: 'required direction', patch: { 方向: null }, expect: ['cell.required'] },
  ],
  共建对子: [
    { name: 'valid', patch: {}, expect: [] },
    { name: '帮扶 without target', patch: { 类型: '帮扶' }, expect: ['pair.help-target-required', 'pair.help-target-required'] },
    { name: '帮扶 complete', patch: { 类型: '帮扶', 帮扶对象姓名: '孙七', 帮扶对象身份证号: WOMAN_1980 }, expect: [] },
    { name: 'pairing date in the future', patch: { 结对日期: `${YEAR}-12-25` }, expect: ['pair.date-future'] },
    { name: 'status synonym', patch: { 状态: '解除' }, expect: ['vocab.synonym'] },
  ],
  安置: [
    { name: 'valid', patch: {}, expect: [] },
    { name: '已安置 without unit', patch: { 安置状态: '已安置' }, expect: ['placement.unit-required'] },
    { name: 'method of other type', patch: { 安置方式: '机关' }, expect: ['vocab.wrong-group'] },
    { name: '自主就业 for both types', patch: { 安置类型: '随军家属', 安置方式: '自主就业' }, expect: [] },
    { name: 'method unknown', patch: { 安置方式: '出国' }, expect: ['vocab.invalid'] },
  ],
};

describe.each(Object.keys(CASES))('%s rules', (ledger) => {
  const L = LEDGERS[ledger];
  test.each(CASES[ledger].map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const r = checkSheet(ledger, L.header, [L.row(1, c.patch)], c.villages ? { villages: c.villages } : {});
    expect(r.sheets[0].ledger).toBe(ledger);
    expect(codes(r, 2).sort()).toEqual([...c.expect].sort());
    const rec = r.tables[0].records[0];
    expect(rec.hasError).toBe(r.problems.some((p) => p.row === 2 && p.severity === 'error'));
  });
});
