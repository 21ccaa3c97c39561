/**
 * Samples for year over year and reference lists: last year's village workbooks (generated from
 * this year's, with known differences), a police list of the men who must register and a death
 * list. Written by `npx tsx src/samples/write.ts` beside this year's samples:
 * `samples-<year−1>/` and `samples-lists/`.
 *
 * Last year's workbooks are built from this year's checked records (normalised values, standard
 * headers, rows in reverse order: the usual differences of layout that must not count as changes),
 * then these changes are made, per village file:
 * - 优抚对象: this year's last row is not there last year (新增); a person only last year, 在册
 *   (减少, 未说明); a person only last year, already 注销 (减少, explained — except where the sheet
 *   has no 状态 column, as 光明村's: there a row counts as 在册, so it is 未说明 too); the first row's
 *   本年发放金额 was 600 less (变更);
 * - 共建对子 (红旗村): a pair only last year, 有效 (减少, 未说明);
 * - 安置 (红旗村): 吴晓燕 was 待安置 and had no 安置单位 last year — unchanged this year (no change);
 * - 兵役登记: this year's 核验/补登 men were registered last year (核验); 红旗村 also had 孔令辉
 *   (初次 last year, 19 this year, missing this year: 未核验) and 常青 (24 last year, 25 this year:
 *   past the age, not listed).
 */
import { checkWorkbooks } from '../core/check/check-workbooks';
import type { FieldValue, LedgerRecord, LedgerTable } from '../core/ledger';
import type { CellValue, WorkbookData } from '../core/model';
import { defaultSettings } from '../core/settings';
import { generateSamples, isFormula, SAMPLE_TOWNSHIP, SAMPLE_VILLAGES, SAMPLE_YEAR, type SampleCell, type SampleSheet, type SampleWorkbook } from './generate';
import { makeId } from './ids';

/** A generated workbook as the sheet model a reader gives (formulas by their results). */
export function toData(b: SampleWorkbook): WorkbookData {
  return {
    file: b.file,
    sheets: b.sheets.map((s) => ({
      name: s.name,
      ...(s.hidden ? { hidden: true } : {}),
      rows: s.rows.map((cells, i) => ({ r: i + 1, cells: cells.map((c): CellValue => (isFormula(c) ? c.result : (c as CellValue))) })),
    })),
  };
}

/** This year's sample tables, checked (normalised). */
export function sampleTables(year = SAMPLE_YEAR): LedgerTable[] {
  const books = generateSamples(year).map(toData);
  return checkWorkbooks(books, { ...defaultSettings(), year, villages: [...SAMPLE_VILLAGES], township: SAMPLE_TOWNSHIP }).tables;
}

function cell(v: FieldValue | undefined): SampleCell {
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return v ? '是' : '否';
  return v;
}

const WHO = { 优抚对象: '花名册', 兵役登记: '兵役登记名册', 共建对子: '共建对子台账', 安置: '安置台账', 双拥活动: '双拥活动台账' } as const;

function sheetFrom(t: LedgerTable, recs: Array<Record<string, FieldValue>>, title: string): SampleSheet {
  const fields = t.columns.map((c) => c.field).filter((f, i, a) => a.indexOf(f) === i);
  const rows: SampleCell[][] = [[title], fields];
  for (const r of recs) rows.push(fields.map((f) => cell(r[f])));
  const text = ['身份证号', '帮扶对象身份证号', '联系电话'].map((f) => fields.indexOf(f) + 1).filter((n) => n > 0);
  return { name: t.ledger, rows, merges: [`A1:${String.fromCharCode(64 + Math.min(26, fields.length))}1`], headerRow: 2, textCols: text };
}

/** Last year's village workbooks (see the file comment for what differs). */
export function lastYearSamples(year = SAMPLE_YEAR): SampleWorkbook[] {
  const last = year - 1;
  const tables = sampleTables(year);
  const files = [...new Set(tables.map((t) => t.file))];
  let seq = 500;
  const id = (y: number, m: number, d: number, sex: '男' | '女'): string => makeId('370102', y, m, d, (seq += 7), sex);
  return files.map((file) => {
    const village = file.replace(/\.xlsx$/, '');
    const sheets: SampleSheet[] = [];
    for (const t of tables.filter((x) => x.file === file)) {
      let recs: Array<Record<string, FieldValue>> = t.records.map((r: LedgerRecord) => ({ ...r.v }));
      if (t.ledger === '双拥活动') continue;
      if (t.ledger === '优抚对象' && recs.length > 0) {
        recs = recs.slice(0, -1);
        if (recs.length > 0 && typeof recs[0]['本年发放金额(元)'] === 'number') recs[0] = { ...recs[0], '本年发放金额(元)': (recs[0]['本年发放金额(元)'] as number) - 600 };
        const base = { ...recs[0], 优抚类别: '其他退役军人', 残疾等级: null, 残疾性质: null, 备注: null, '本年发放金额(元)': 1200 };
        recs.push({ ...base, 所在村: village.replace(/\.xlsx$/, ''), 姓名: `${village.slice(0, 1)}去世`, 身份证号: id(1941, 5, 6, '男'), 出生日期: '1941-05-06', 状态: '在册' });
        recs.push({ ...base, 所在村: village, 姓名: `${village.slice(0, 1)}迁出`, 身份证号: id(1960, 2, 3, '男'), 出生日期: '1960-02-03', 状态: '注销', 备注: '2025年迁出' });
      }
      if (t.ledger === '共建对子' && file === '红旗村.xlsx') recs.push({ ...recs[0], 对子编号: 'HQ-00', 状态: '有效', 结对日期: '2019-03-01' });
      if (t.ledger === '兵役登记') {
        const kept = recs.filter((r) => r['登记类型'] === '核验' || r['登记类型'] === '补登');
        recs = kept.map((r) => ({ ...r, 登记类型: '核验', 是否已登记: true, 登记日期: `${last}-06-10`, 是否应征报名: false, 体检结果: '未体检', 政考结果: '未考核', 是否批准入伍: false }));
        if (file === '红旗村.xlsx') {
          const boy = { ...(t.records[0]?.v ?? {}), 所在村: '红旗村', 登记类型: '初次', 是否已登记: true, 登记日期: `${last}-05-12`, 是否应征报名: false, 体检结果: '未体检', 政考结果: '未考核', 是否批准入伍: false, 备注: null };
          recs.push({ ...boy, 姓名: '孔令辉', 身份证号: id(last - 18, 8, 8, '男') });
          recs.push({ ...boy, 姓名: '常青', 登记类型: '核验', 身份证号: id(last - 24, 1, 9, '男') });
        }
        if (recs.length === 0) continue;
      }
      recs.reverse();
      sheets.push(sheetFrom(t, recs, `${village}${last}年度${t.ledger}${WHO[t.ledger]}`));
    }
    sheets.push({ name: '设置', rows: [['项目', '值'], ['年度', last], ['乡镇', SAMPLE_TOWNSHIP]] });
    return { file, sheets };
  });
}

/** The people the sample lists were built with (for tests and docs). */
export interface ListSampleFacts {
  /** Listed men not registered: in the roster with 是否已登记=否, or not in it at all. */
  unregistered: string[];
  /** Registered 初次 men left off the police list. */
  outsideList: string[];
  /** Listed under another village than the roster's. */
  villageMismatch: string[];
  /** Deceased people still 在册 in 优抚对象/安置, and which of them were paid after death. */
  deceasedActive: string[];
  paidAfterDeath: string[];
  nameMismatch: string[];
}

/** The police list (适龄男青年名单) and the death list (死亡人员名单) for this year's samples. */
export function listSamples(year = SAMPLE_YEAR): { police: SampleWorkbook; deaths: SampleWorkbook; facts: ListSampleFacts } {
  const tables = sampleTables(year);
  let seq = 700;
  const facts: ListSampleFacts = { unregistered: [], outsideList: [], villageMismatch: [], deceasedActive: [], paidAfterDeath: [], nameMismatch: [] };
  const rows: SampleCell[][] = [];
  const first = tables.filter((t) => t.ledger === '兵役登记').flatMap((t) => t.records.filter((r) => r.v['登记类型'] === '初次').map((r) => ({ t, r })));
  let left = false;
  let moved = false;
  for (const { r } of first) {
    const v = String(r.v['所在村'] ?? '');
    const idv = String(r.v['身份证号'] ?? '');
    if (!/^\d{17}[\dX]$/.test(idv)) continue;
    if (!left && r.v['是否已登记'] === true && v === '光明村') {
      left = true;
      facts.outsideList.push(idv);
      continue;
    }
    let listVillage = v;
    if (!moved && r.v['是否已登记'] === true && v === '和平村') {
      moved = true;
      listVillage = '新民社区';
      facts.villageMismatch.push(idv);
    }
    if (r.v['是否已登记'] !== true) facts.unregistered.push(idv);
    rows.push([String(r.v['姓名'] ?? ''), '男', idv, `${SAMPLE_TOWNSHIP}${listVillage}${(rows.length % 5) + 1}组`]);
  }
  for (const [name, v] of [['钱多多', '红旗村'], ['孙悟', '和平村']] as const) {
    const idv = makeId('370102', year - 18, 2 + rows.length % 9, 11, (seq += 7), '男');
    facts.unregistered.push(idv);
    rows.push([name, '男', idv, `${SAMPLE_TOWNSHIP}${v}${(rows.length % 5) + 1}组`]);
  }
  const police: SampleWorkbook = {
    file: '公安适龄男青年名单.xlsx',
    sheets: [{
      name: 'Sheet1',
      rows: [[`${SAMPLE_TOWNSHIP}${year}年度适龄男青年名单（户籍）`], ['提供单位：青山派出所'], ['序号', '姓  名', '性别', '公民身份号码', '户籍地址'], ...rows.map((r, i) => [i + 1, ...r]), [], ['制表人：户籍民警']],
      merges: ['A1:E1', 'A2:E2'], headerRow: 3, textCols: [4],
    }],
  };

  // Deaths: the first 优抚对象 person of 红旗村 died last year (still 在册, paid this year); the
  // second of 光明村 died this March (在册, not paid after death); a third is on the list under
  // another name; one listed person is in no ledger.
  const yf = (file: string) => tables.find((t) => t.ledger === '优抚对象' && t.file === file)!.records.filter((r) => /^\d{17}[\dX]$/.test(String(r.v['身份证号'] ?? '')));
  const hq = yf('红旗村.xlsx');
  const gm = yf('光明村.xlsx');
  const d1 = hq.find((r) => typeof r.v['本年发放金额(元)'] === 'number' && (r.v['本年发放金额(元)'] as number) > 0 && r.v['状态'] !== '注销')!;
  const d2 = gm[1];
  const d3 = hq.find((r) => r !== d1 && r.v['身份证号'] !== d1.v['身份证号'])!;
  const idOf = (r: LedgerRecord): string => String(r.v['身份证号']);
  facts.deceasedActive.push(idOf(d1), idOf(d2), idOf(d3));
  facts.paidAfterDeath.push(idOf(d1));
  facts.nameMismatch.push(idOf(d3));
  const deaths: SampleWorkbook = {
    file: '死亡人员名单.xlsx',
    sheets: [{
      name: '死亡人员',
      rows: [
        [`${SAMPLE_TOWNSHIP}死亡人员名单（民政、公安、卫健）`],
        ['序号', '姓名', '身份证号码', '死亡日期', '死亡原因'],
        [1, String(d1.v['姓名']), idOf(d1), `${year - 1}年8月2日`, '病故'],
        [2, String(d2.v['姓名']), idOf(d2), `${year}.3.10`, '病故'],
        [3, String(d3.v['姓名']).slice(0, 1) + '某某', idOf(d3), `${year}-09-30`, '意外'],
        [4, '路人甲', makeId('370102', 1950, 1, 1, (seq += 7), '男'), `${year - 1}-12-01`, '病故'],
      ],
      merges: ['A1:E1'], headerRow: 2, textCols: [3],
    }],
  };
  return { police, deaths, facts };
}
