import type { Catalogue } from './types';

/** 中文（默认）消息目录。 */
export const zhCN: Catalogue = {
  'file.no-ledger': {
    message: '工作簿中没有找到任何台账（未识别出表头）',
    hint: '确认台账表头行包含“姓名”“身份证号”等标准列名，或使用乡镇下发的标准模板。',
  },
  'sheet.not-ledger': {
    message: '工作表“{sheet}”不是台账，已跳过',
    hint: '无需修改；如果这是台账，请检查表头行的列名。',
  },
  'sheet.hidden': { message: '工作表“{sheet}”已隐藏，已跳过', hint: '如果这是台账，请取消隐藏后重新校验。' },
  'sheet.no-data': {
    message: '台账“{sheet}”只有表头，没有数据行',
    hint: '如本年确无数据可忽略；否则请在表头下方填写数据。',
  },
  'header.missing-column': {
    message: '缺少必填列“{column}”',
    hint: '在表头行添加“{column}”列并填写，或检查列名是否写错。',
  },
  'header.duplicate-column': {
    message: '列“{header}”与前面的“{column}”列重复，已忽略此列',
    hint: '删除重复的列，或改成正确的列名。',
  },
  'header.unknown-column': {
    message: '未识别的列“{header}”，不参与校验',
    hint: '如是自定义列可忽略；如是标准列，请改为标准列名。',
  },
  'cell.required': { message: '“{column}”为必填项，不能为空', hint: '填写“{column}”。' },
  'cell.error-value': { message: '单元格为错误值 {error}', hint: '检查该单元格的公式，或直接填写正确的值。' },
  'total.mismatch': {
    message: '合计行的“{column}”为 {total}，但各行相加为 {sum}',
    hint: '核对合计数，或改用求和公式 =SUM()。',
  },
  'text.normalized': { message: '含有全角字符、不可见字符或多余空格', hint: '改为“{fix}”（可一键修正）。' },
  'name.middle-dot': {
    message: '姓名中的间隔点不规范',
    hint: '少数民族姓名请使用标准间隔点“·”，改为“{fix}”（可一键修正）。',
  },
  'name.spaces': { message: '姓名中含有空格', hint: '删除空格，改为“{fix}”（可一键修正）。' },
  'name.invalid': { message: '姓名“{value}”不像人名（含数字或非文字）', hint: '填写身份证上的姓名。' },
  'id.stored-as-number': {
    message: '身份证号被 Excel 存成了数字，后几位已丢失',
    hint: '先把该列设为“文本”格式，再对照原始证件重新输入完整的18位号码。',
  },
  'id.length': { message: '身份证号位数错误：应为18位，实为{length}位', hint: '对照身份证重新填写18位号码。' },
  'id.chars': { message: '身份证号含有非法字符：前17位应为数字，最后一位为数字或X', hint: '对照身份证重新填写。' },
  'id.province': { message: '身份证号前两位“{province}”不是有效的省份代码', hint: '对照身份证核对前6位地区码。' },
  'id.birth-invalid': { message: '身份证号中的出生日期 {birth} 不存在', hint: '对照身份证核对第7–14位出生日期。' },
  'id.birth-future': {
    message: '身份证号中的出生日期 {birth} 晚于报表年度或今天',
    hint: '对照身份证核对第7–14位出生日期。',
  },
  'id.checksum': {
    message: '身份证号校验码错误：应为 {expected}，实为 {actual}',
    hint: '号码中有数字填错，请对照身份证逐位核对。',
  },
  'id.county': {
    message: '身份证号地区码 {region} 不是已知的县级代码',
    hint: '对照身份证核对前6位；老证上已撤销的地区码仍然有效，可忽略。',
  },
  'id.legacy-15': { message: '15位旧身份证号', hint: '建议换成18位号码：{id18}（可一键修正）。' },
  'id.normalized': { message: '身份证号含有空格、全角字符或小写x', hint: '改为“{fix}”（可一键修正）。' },
  'date.invalid': { message: '“{value}”不是有效日期', hint: '按“2023-05-01”或“2023年5月1日”的格式填写。' },
  'date.month-only': { message: '“{column}”需要精确到日', hint: '按“2023-05-01”的格式填写年月日。' },
  'amount.invalid': { message: '金额“{value}”不是数字', hint: '填写阿拉伯数字，如 500 或 1200.50，不要写汉字。' },
  'amount.negative': { message: '金额不能为负数', hint: '填写0或正数。' },
  'amount.decimals': { message: '金额最多保留两位小数', hint: '四舍五入到分（两位小数）。' },
  'amount.text': { message: '金额以文本形式保存，无法求和', hint: '改为数字 {fix}（可一键修正）。' },
  'count.invalid': { message: '“{value}”不是数字', hint: '填写整数，如 25。' },
  'count.negative': { message: '人数、册数、次数不能为负数', hint: '填写0或正整数。' },
  'count.not-integer': { message: '“{column}”应为整数', hint: '填写整数，如 25。' },
  'count.text': { message: '数字以文本形式保存，无法求和', hint: '改为数字 {fix}（可一键修正）。' },
  'yesno.invalid': { message: '“{value}”不是“是”或“否”', hint: '填写“是”或“否”。' },
  'vocab.synonym': { message: '“{value}”不是标准写法', hint: '改为标准名称“{term}”（可一键修正）。' },
  'vocab.invalid': { message: '“{value}”不是有效的“{column}”', hint: '从下列中选择：{terms}。' },
  'vocab.wrong-group': {
    message: '“{term}”不属于{groupField}“{group}”',
    hint: '{groupField}为“{group}”时可选：{allowed}；或更正{groupField}。',
  },
  'phone.invalid': {
    message: '联系电话“{value}”格式不正确',
    hint: '手机填11位号码，座机填区号加号码，如 0371-12345678。',
  },
  'village.unknown': { message: '“{value}”不在村名单中', hint: '填写村名单中的村名：{villages}。' },
  'village.near-miss': { message: '“{value}”不在村名单中，是否为“{village}”？', hint: '改为“{village}”。' },
  'ethnic.invalid': { message: '“{value}”不是56个民族之一', hint: '填写民族全称，如“汉族”“维吾尔族”。' },
  'sex.mismatch-id': {
    message: '性别与身份证号不符：身份证号显示为{sex}',
    hint: '核对性别或身份证号（第17位单数为男、双数为女）。',
  },
  'birth.mismatch-id': { message: '出生日期与身份证号不符：身份证号显示为 {birth}', hint: '核对出生日期或身份证号。' },
  'disability.grade-required': { message: '残疾军人必须填写残疾等级', hint: '按残疾军人证填写“一级”至“十级”。' },
  'disability.nature-required': { message: '残疾军人必须填写残疾性质', hint: '填写“因战”“因公”或“因病”。' },
  'disability.grade-unexpected': {
    message: '“{category}”不应填写残疾等级',
    hint: '核对优抚类别；不是残疾军人请清空残疾等级。',
  },
  'disability.illness-grade': {
    message: '因病致残只评定一级至六级，不能为{grade}',
    hint: '核对残疾等级或残疾性质（军人抚恤优待条例第26–27条）。',
  },
  'service.order': { message: '退伍时间 {discharge} 不晚于入伍时间 {enlist}', hint: '核对入伍、退伍时间。' },
  'service.future': { message: '“{column}”{date} 晚于报表年度或今天', hint: '核对日期。' },
  'category.demobilized-enlist': {
    message: '在乡复员军人应在 1954年10月31日前入伍，实为 {date}',
    hint: '核对入伍时间或优抚类别。',
  },
  'category.age60': {
    message: '年满60周岁农村籍退役士兵在{year}年底应满60周岁，实为{age}岁',
    hint: '核对身份证号或优抚类别。',
  },
  'person.duplicate': {
    message: '同一人同一类别重复登记，与“{otherSheet}”第{otherRow}行（{otherFile}）重复',
    hint: '删除重复的一行。',
  },
  'person.cross-village': {
    message: '同一人同时在“{otherVillage}”登记（{otherFile}「{otherSheet}」第{otherRow}行）',
    hint: '与该村核实此人户籍所在村，只保留一处。',
  },
  'conscript.age': {
    message: '{type}登记的出生年份应为 {expected}，实为 {birthYear}',
    hint: '核对身份证号或登记类型。',
  },
  'conscript.sex': {
    message: '{type}登记对象应为男性，身份证号显示为女性',
    hint: '女青年请选登记类型“自愿”，或核对身份证号。',
  },
  'conscript.reg-date-required': { message: '已登记的必须填写登记日期', hint: '填写登记日期，如 2026-06-15。' },
  'conscript.reg-date-year': { message: '登记日期 {date} 不在 {year} 年内', hint: '核对登记日期或报表年度。' },
  'conscript.reg-date-late': { message: '登记日期 {date} 晚于截止日期 {deadline}', hint: '核实是否逾期登记。' },
  'conscript.pipeline': {
    message: '填了“{stage}”，但前一环节“{missing}”未完成',
    hint: '按“已登记→应征报名→体检合格→政考合格→批准入伍”的顺序核对。',
  },
  'conscript.duplicate': {
    message: '身份证号重复登记，与“{otherSheet}”第{otherRow}行（{otherFile}）重复',
    hint: '删除重复的一行。',
  },
  'conscript.cross-village': {
    message: '同一人同时在“{otherVillage}”兵役登记（{otherFile}「{otherSheet}」第{otherRow}行）',
    hint: '与该村核实此人户籍所在村，只保留一处。',
  },
  'activity.date-year': { message: '活动日期 {date} 不在 {year} 年内', hint: '只填本年度的活动，或核对日期。' },
  'activity.date-future': { message: '活动日期 {date} 晚于今天', hint: '活动尚未开展的请在开展后再填。' },
  'activity.pair-unknown': {
    message: '对子编号“{pair}”在共建对子台账中不存在',
    hint: '核对对子编号，或先在共建对子台账中登记该对子。',
  },
  'activity.pair-unverified': { message: '未提供共建对子台账，对子编号未核对', hint: '把共建对子台账一并校验。' },
  'activity.duplicate': {
    message: '同日期、同单位、同名称的活动重复，与第{otherRow}行重复',
    hint: '确认是否重复填写。',
  },
  'pair.duplicate': {
    message: '对子编号重复，与“{otherSheet}”第{otherRow}行（{otherFile}）重复',
    hint: '每个对子使用唯一编号。',
  },
  'pair.help-target-required': { message: '帮扶对子必须填写“{field}”', hint: '填写“{field}”。' },
  'pair.date-future': { message: '结对日期 {date} 晚于今天', hint: '核对结对日期。' },
  'placement.unit-required': { message: '已安置的必须填写安置单位', hint: '填写安置单位，或把安置状态改为“待安置”。' },
  'placement.duplicate': {
    message: '身份证号重复，与“{otherSheet}”第{otherRow}行（{otherFile}）重复',
    hint: '删除重复的一行。',
  },
};
