/**
 * The five default ledgers of ledgers.md §4, as data.
 */
import type { ColumnSchema, LedgerSchema, Vocabulary } from './types';

const t = (term: string, synonyms?: string[], groups?: string[]) => ({ term, synonyms, groups });

export const SEX_VOCAB: Vocabulary = {
  quiet: true,
  terms: [t('男', ['男性', 'M', 'm', 'male']), t('女', ['女性', 'F', 'f', 'female'])],
};

const seq: ColumnSchema = { field: '序号', aliases: ['编号', 'NO', 'No.', '序'], type: 'seq' };
const village = (required = true): ColumnSchema => ({
  field: '所在村',
  aliases: ['所在村(社区)', '村(社区)', '所在村(居)', '村(居)', '村名', '村别', '所属村', '所属村(社区)', '村/社区', '所在村社区', '村居', '村'],
  type: 'village',
  required,
});
const name: ColumnSchema = { field: '姓名', aliases: ['名字', '姓 名'], type: 'name', required: true };
const sex: ColumnSchema = { field: '性别', type: 'vocab', vocab: SEX_VOCAB };
const idCol: ColumnSchema = {
  field: '身份证号',
  aliases: ['身份证号码', '公民身份号码', '公民身份证号码', '身份证', '身份证件号码', '证件号码', '证件号'],
  type: 'id',
  required: true,
  note: '18位身份证号，单元格设为文本格式',
};
const phone: ColumnSchema = { field: '联系电话', aliases: ['电话', '手机', '手机号', '手机号码', '联系方式', '电话号码'], type: 'phone' };
const remark: ColumnSchema = { field: '备注', aliases: ['说明'], type: 'text' };

const GRADES = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
export const DISABILITY_GRADE_VOCAB: Vocabulary = {
  quiet: true,
  terms: GRADES.map((g, i) => t(`${g}级`, [String(i + 1), `${i + 1}级`, g, `${i + 1}等`, `${g}等`])),
};

export const BENEFICIARY_CATEGORY_VOCAB: Vocabulary = {
  terms: [
    t('残疾军人', ['伤残军人', '革命伤残军人', '残疾退役军人']),
    t('烈士遗属', ['烈属', '烈士家属']),
    t('因公牺牲军人遗属', ['因公牺牲遗属']),
    t('病故军人遗属', ['病故遗属']),
    t('在乡复员军人', ['老复员军人', '复员军人']),
    t('带病回乡退役军人', ['带病回乡退伍军人']),
    t('参战退役军人', ['参战人员', '参战退伍军人']),
    t('参试退役军人', ['参试人员', '参试退伍军人']),
    t('年满60周岁农村籍退役士兵', ['农村籍退役士兵', '60周岁农村籍退役士兵']),
    t('烈士老年子女', ['烈士子女']),
    t('现役军人家属', ['军属']),
    t('其他退役军人', ['退役士兵', '退伍军人']),
  ],
};

export const ACTIVITY_CATEGORY_VOCAB: Vocabulary = {
  groupField: '方向',
  terms: [
    t('文化进军营', ['文艺演出', '送戏', '放电影', '文艺汇演', '送电影', '文化活动'], ['拥军优属']),
    t('体育进军营', ['篮球赛', '运动会', '拔河比赛', '体育比赛', '军民运动会'], ['拥军优属']),
    t('社会服务进军营', ['社会服务'], ['拥军优属']),
    t('科技法律进军营', ['法律咨询', '普法', '科技服务', '法律服务进军营'], ['拥军优属']),
    t('送温暖进军营', ['走访慰问', '慰问', '春节慰问', '八一慰问', '送温暖'], ['拥军优属']),
    t('就业岗位进军营', ['就业服务', '招聘会', '送岗位'], ['拥军优属']),
    t('治安服务进村镇', ['治安巡逻', '联防'], ['拥政爱民']),
    t('卫生服务进村镇', ['义诊', '医疗服务'], ['拥政爱民']),
    t('绿化服务进村镇', ['植树', '植树造林', '绿化'], ['拥政爱民']),
    t('国防教育进村镇', ['国防教育', '国防教育讲座'], ['拥政爱民']),
    t('扶贫帮困进村镇', ['扶贫', '帮困', '助学'], ['拥政爱民']),
    t('便民服务进村镇', ['便民服务', '抢险救灾'], ['拥政爱民']),
  ],
};

export const PLACEMENT_METHOD_VOCAB: Vocabulary = {
  groupField: '安置类型',
  terms: [
    t('逐月领取退役金', ['领取退役金', '逐月领取'], ['退役士兵']),
    t('自主就业', ['自谋职业', '自主择业'], ['退役士兵', '随军家属']),
    t('安排工作', ['安置工作', '政府安排工作'], ['退役士兵']),
    t('退休', [], ['退役士兵']),
    t('供养', [], ['退役士兵']),
    t('机关', ['机关单位', '党政机关'], ['随军家属']),
    t('事业单位', [], ['随军家属']),
    t('企业', ['国有企业', '企业单位'], ['随军家属']),
  ],
};

export const DEFAULT_LEDGER_SCHEMAS: readonly LedgerSchema[] = [
  {
    id: '优抚对象',
    sheetNames: ['优抚对象', '优抚', '优抚对象花名册', '优抚对象名册'],
    columns: [
      seq,
      village(),
      name,
      sex,
      { field: '民族', type: 'ethnic' },
      idCol,
      { field: '出生日期', aliases: ['出生年月', '出生年月日'], type: 'month-date' },
      {
        field: '优抚类别',
        aliases: ['类别', '对象类别', '优抚对象类别', '人员类别'],
        type: 'vocab',
        required: true,
        vocab: BENEFICIARY_CATEGORY_VOCAB,
      },
      { field: '残疾等级', aliases: ['伤残等级'], type: 'vocab', vocab: DISABILITY_GRADE_VOCAB },
      {
        field: '残疾性质',
        aliases: ['伤残性质'],
        type: 'vocab',
        vocab: { terms: [t('因战', ['因战致残']), t('因公', ['因公致残']), t('因病', ['因病致残'])] },
      },
      { field: '入伍时间', aliases: ['入伍年月', '入伍日期'], type: 'month-date' },
      { field: '退伍时间', aliases: ['退伍年月', '退伍日期', '退役时间', '退役年月'], type: 'month-date' },
      { field: '本年发放金额(元)', aliases: ['发放金额', '本年发放金额', '发放金额(元)', '抚恤金额(元)'], type: 'amount' },
      phone,
      {
        field: '状态',
        aliases: ['人员状态'],
        type: 'vocab',
        vocab: { terms: [t('在册', ['正常']), t('暂停', ['停发']), t('注销', ['死亡注销', '已注销'])] },
        note: '空白视为在册',
      },
      remark,
    ],
    rules: [
      'sex-id',
      'birth-id',
      'disability',
      'service-period',
      'category-demobilized',
      'category-age60',
      'beneficiary-duplicate',
      'person-cross-village',
    ],
  },
  {
    id: '兵役登记',
    sheetNames: ['兵役登记', '兵役登记花名册', '兵役登记名册', '适龄青年兵役登记'],
    columns: [
      seq,
      village(),
      name,
      idCol,
      sex,
      {
        field: '登记类型',
        aliases: ['类型', '登记类别'],
        type: 'vocab',
        required: true,
        vocab: {
          terms: [
            t('初次', ['初次登记', '首次', '首次登记']),
            t('补登', ['补充登记', '补登记']),
            t('核验', ['核验登记', '复核']),
            t('自愿', ['自愿登记', '女青年自愿登记']),
          ],
        },
      },
      { field: '是否已登记', aliases: ['已登记', '是否登记', '登记情况'], type: 'yesno', required: true },
      { field: '登记日期', aliases: ['登记时间'], type: 'date' },
      { field: '文化程度', aliases: ['学历'], type: 'text' },
      { field: '是否应征报名', aliases: ['应征报名', '是否报名'], type: 'yesno' },
      {
        field: '体检结果',
        aliases: ['体检情况'],
        type: 'vocab',
        vocab: { terms: [t('合格', ['体检合格', '通过']), t('不合格', ['体检不合格', '未通过']), t('未体检', ['未检'])] },
      },
      {
        field: '政考结果',
        aliases: ['政治考核结果', '政治考核', '政考情况'],
        type: 'vocab',
        vocab: { terms: [t('合格', ['政考合格', '通过']), t('不合格', ['政考不合格', '未通过']), t('未考核', ['未政考', '未考'])] },
      },
      { field: '是否批准入伍', aliases: ['批准入伍', '是否入伍'], type: 'yesno' },
      phone,
      remark,
    ],
    rules: ['sex-id', 'conscript-age', 'conscript-sex', 'conscript-reg-date', 'conscript-pipeline', 'conscript-duplicate'],
  },
  {
    id: '双拥活动',
    sheetNames: ['双拥活动', '活动', '双拥活动台账', '活动台账'],
    columns: [
      seq,
      { field: '日期', aliases: ['活动日期', '活动时间', '时间'], type: 'date', required: true },
      {
        field: '所在村/单位',
        aliases: ['所在村', '所在单位', '村(社区)/单位', '所在村(社区)/单位', '单位', '组织单位', '主办单位'],
        type: 'text',
        required: true,
      },
      {
        field: '方向',
        aliases: ['活动方向', '类型'],
        type: 'vocab',
        required: true,
        vocab: { terms: [t('拥军优属', ['拥军', '拥军优抚']), t('拥政爱民', ['拥政', '爱民'])] },
      },
      { field: '活动类别', aliases: ['类别', '活动类型'], type: 'vocab', required: true, vocab: ACTIVITY_CATEGORY_VOCAB },
      { field: '活动名称', aliases: ['活动内容', '名称', '活动主题'], type: 'text', required: true },
      { field: '部队单位', aliases: ['部队', '共建部队', '驻地部队'], type: 'text' },
      { field: '地点', aliases: ['活动地点'], type: 'text' },
      { field: '参加人数', aliases: ['参与人数'], type: 'count' },
      { field: '官兵人次', aliases: ['官兵人数', '参加官兵人次'], type: 'count' },
      { field: '慰问人数', type: 'count' },
      { field: '慰问金(元)', aliases: ['慰问金', '慰问资金', '慰问资金(元)'], type: 'amount' },
      { field: '物资折价(元)', aliases: ['物资折价', '慰问物资折价', '物资折款(元)'], type: 'amount' },
      { field: '图书(册)', aliases: ['图书', '赠送图书', '捐赠图书', '捐赠图书(册)'], type: 'count' },
      { field: '对子编号', aliases: ['结对编号', '对子'], type: 'code' },
      { field: '佐证材料', aliases: ['佐证', '证明材料'], type: 'text' },
      remark,
    ],
    rules: ['activity-date', 'activity-pair-ref', 'activity-duplicate'],
  },
  {
    id: '共建对子',
    sheetNames: ['共建对子', '对子', '共建', '结对'],
    columns: [
      { field: '对子编号', aliases: ['编号', '结对编号'], type: 'code', required: true },
      {
        field: '类型',
        aliases: ['对子类型', '结对类型'],
        type: 'vocab',
        required: true,
        vocab: { terms: [t('军民共建', ['共建', '军民共建对子']), t('帮扶', ['结对帮扶', '帮扶对子'])] },
      },
      { field: '地方单位', aliases: ['地方单位名称', '共建单位'], type: 'text', required: true },
      { field: '部队单位', aliases: ['部队', '共建部队'], type: 'text' },
      { field: '帮扶对象姓名', aliases: ['帮扶对象'], type: 'name' },
      { field: '帮扶对象身份证号', aliases: ['帮扶对象身份证号码', '帮扶对象证件号码'], type: 'id' },
      { field: '结对日期', aliases: ['结对时间', '共建日期'], type: 'date', required: true },
      {
        field: '状态',
        aliases: ['对子状态'],
        type: 'vocab',
        vocab: { terms: [t('有效', ['正常', '在册']), t('终止', ['已终止', '解除', '已解除'])] },
        note: '空白视为有效',
      },
      { field: '联系人', type: 'name' },
      phone,
      remark,
    ],
    rules: ['pair-unique', 'pair-help-target', 'pair-date'],
  },
  {
    id: '安置',
    sheetNames: ['安置', '安置台账', '安置情况'],
    columns: [
      seq,
      village(),
      name,
      idCol,
      {
        field: '安置类型',
        aliases: ['类型', '人员类型'],
        type: 'vocab',
        required: true,
        vocab: { terms: [t('退役士兵', ['退役军人', '退伍军人', '退役士兵安置']), t('随军家属', ['随军家属安置', '军人随军家属'])] },
      },
      { field: '安置方式', aliases: ['安置去向'], type: 'vocab', required: true, vocab: PLACEMENT_METHOD_VOCAB },
      { field: '接收日期', aliases: ['接收时间'], type: 'date' },
      { field: '安置单位', aliases: ['安置单位名称', '工作单位'], type: 'text' },
      {
        field: '安置状态',
        aliases: ['状态'],
        type: 'vocab',
        vocab: { terms: [t('已安置', ['已落实']), t('待安置', ['未安置', '未落实'])] },
      },
      { field: '是否担任领导职务', aliases: ['担任领导职务', '领导职务'], type: 'yesno' },
      remark,
    ],
    rules: ['placement-unit', 'placement-duplicate'],
  },
];
