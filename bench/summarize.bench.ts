/**
 * `npx tsx bench/summarize.bench.ts` (part of `npm run bench`).
 *
 *   cli.summarize.vs_read.100k   read + checkWorkbooks + computeStatistics + buildForms +
 *                                writeFormsWorkbook on a 100k-row workbook (the `ledger summarize`
 *                                pipeline) ÷ a bare exceljs readFile of the same file, same run.
 *                                Target ≤ 1.5.
 *
 * The input (five ledgers, 100 000 data rows over 20 villages) is generated with exceljs into a
 * temporary directory. Each measurement runs in its own child process (this file re-run with
 * `--child MODE FILE`), so heap growth of one does not slow the other; each is run twice and the
 * faster run is kept.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';

const ROWS = 100_000;
const VILLAGES = Array.from({ length: 20 }, (_, i) => `第${i + 1}村`);
const YEAR = 2026;

function idCheckChar(first17: string): string {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * W[i];
  return '10X98765432'[s % 11];
}
function makeId(birth: string, seq: number): string {
  const f = '110105' + birth + String(seq % 1000).padStart(3, '0');
  return f + idCheckChar(f);
}
const pad = (n: number) => String(n).padStart(2, '0');

async function generate(file: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: true });
  const counts = { 兵役登记: 50_000, 优抚对象: 30_000, 双拥活动: 15_000, 共建对子: 2_000, 安置: 3_000 };
  if (Object.values(counts).reduce((a, b) => a + b, 0) !== ROWS) throw new Error('row counts');
  let serial = 0;

  let ws = wb.addWorksheet('兵役登记');
  ws.addRow(['序号', '所在村', '姓名', '身份证号', '性别', '登记类型', '是否已登记', '登记日期', '是否应征报名', '体检结果', '政考结果', '是否批准入伍']).commit();
  for (let i = 0; i < counts.兵役登记; i++) {
    const v = VILLAGES[i % VILLAGES.length];
    const type = i % 10 < 7 ? '初次' : i % 10 < 9 ? '补登' : '核验';
    const birthYear = type === '初次' ? YEAR - 18 : YEAR - 21;
    const birth = `${birthYear}${pad((i % 12) + 1)}${pad((i % 28) + 1)}`;
    const id = makeId(birth, (serial++ * 2 + 1) % 1000);
    const done = i % 13 !== 0;
    const applied = done && i % 5 === 0;
    ws.addRow([i + 1, v, `青年${i}`, id, '男', type, done ? '是' : '否', done ? new Date(Date.UTC(YEAR, 4, (i % 28) + 1)) : null,
      applied ? '是' : '否', applied ? '合格' : '未体检', applied ? '合格' : '未考核', applied && i % 3 === 0 ? '是' : '否']).commit();
  }
  ws.commit();

  const cats = ['残疾军人', '烈士遗属', '在乡复员军人', '现役军人家属', '其他退役军人', '参战退役军人'];
  ws = wb.addWorksheet('优抚对象');
  ws.addRow(['序号', '所在村', '姓名', '身份证号', '性别', '优抚类别', '残疾等级', '残疾性质', '本年发放金额(元)', '状态']).commit();
  for (let i = 0; i < counts.优抚对象; i++) {
    const v = VILLAGES[i % VILLAGES.length];
    const cat = cats[i % cats.length];
    const birth = `19${50 + (i % 20)}${pad((i % 12) + 1)}${pad((i % 28) + 1)}`;
    const id = makeId(birth, (serial++ * 2 + 1) % 1000);
    ws.addRow([i + 1, v, `对象${i}`, id, '男', cat, cat === '残疾军人' ? '五级' : null, cat === '残疾军人' ? '因战' : null,
      Math.round((1000 + (i % 997) * 3.17) * 100) / 100, i % 50 === 0 ? '暂停' : '在册']).commit();
  }
  ws.commit();

  const acts = [['拥军优属', '文化进军营'], ['拥军优属', '送温暖进军营'], ['拥政爱民', '便民服务进村镇'], ['拥政爱民', '绿化服务进村镇']];
  ws = wb.addWorksheet('双拥活动');
  ws.addRow(['序号', '日期', '所在村/单位', '方向', '活动类别', '活动名称', '参加人数', '官兵人次', '慰问人数', '慰问金(元)', '物资折价(元)', '图书(册)']).commit();
  for (let i = 0; i < counts.双拥活动; i++) {
    const [dir, cat] = acts[i % acts.length];
    ws.addRow([i + 1, new Date(Date.UTC(YEAR, i % 10, (i % 28) + 1)), VILLAGES[i % VILLAGES.length], dir, cat, `活动${i}`,
      10 + (i % 50), i % 30, i % 7, (i % 11) * 100.5, (i % 13) * 20.25, i % 9]).commit();
  }
  ws.commit();

  ws = wb.addWorksheet('共建对子');
  ws.addRow(['对子编号', '类型', '地方单位', '部队单位', '帮扶对象姓名', '帮扶对象身份证号', '结对日期', '状态']).commit();
  for (let i = 0; i < counts.共建对子; i++) {
    const help = i % 2 === 1;
    ws.addRow([`DZ${i + 1}`, help ? '帮扶' : '军民共建', VILLAGES[i % VILLAGES.length], '某部', help ? `帮扶${i}` : null,
      help ? makeId(`1960${pad((i % 12) + 1)}01`, (serial++ * 2) % 1000) : null, new Date(Date.UTC(YEAR - 1, i % 12, 1)), i % 10 === 0 ? '终止' : '有效']).commit();
  }
  ws.commit();

  ws = wb.addWorksheet('安置');
  ws.addRow(['序号', '所在村', '姓名', '身份证号', '安置类型', '安置方式', '接收日期', '安置单位', '安置状态', '是否担任领导职务']).commit();
  for (let i = 0; i < counts.安置; i++) {
    const fam = i % 4 === 0;
    const placed = i % 5 !== 0;
    ws.addRow([i + 1, VILLAGES[i % VILLAGES.length], `安置${i}`, makeId(`1998${pad((i % 12) + 1)}${pad((i % 28) + 1)}`, (serial++ * 2 + 1) % 1000),
      fam ? '随军家属' : '退役士兵', fam ? '企业' : '自主就业', new Date(Date.UTC(YEAR, i % 10, 1)), placed ? '某单位' : null,
      placed ? '已安置' : '待安置', i % 17 === 0 ? '是' : '否']).commit();
  }
  ws.commit();
  await wb.commit();
}

async function child(mode: string, file: string, outDir: string): Promise<void> {
  let note = '';
  let t0 = process.hrtime.bigint();
  let cpu0 = process.cpuUsage();
  if (mode === 'read') {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
  } else {
    const { readXlsx } = await import('../src/cli/read');
    const { checkWorkbooks } = await import('../src/core');
    const { resolveSettings } = await import('../src/core/settings');
    const { computeStatistics } = await import('../src/core/stats');
    const { buildForms } = await import('../src/core/forms');
    const { writeFormsWorkbook } = await import('../src/cli/forms-xlsx');
    // Loading (and tsx-compiling) the modules is not part of the run: a built CLI has them ready.
    t0 = process.hrtime.bigint();
    cpu0 = process.cpuUsage();
    const settings = resolveSettings({ year: YEAR, township: '基准镇', villages: VILLAGES });
    const read = await readXlsx(file);
    const t1 = process.hrtime.bigint();
    const result = checkWorkbooks([read.data], settings, { today: new Date(Date.UTC(YEAR, 10, 29)) });
    const t2 = process.hrtime.bigint();
    const stats = computeStatistics(result.tables, settings);
    const errors = result.problems.filter((p) => p.severity === 'error').length;
    const forms = buildForms(stats, settings, { inputErrors: errors });
    const t3 = process.hrtime.bigint();
    await writeFormsWorkbook(forms, path.join(outDir, 'summary.xlsx'));
    const t4 = process.hrtime.bigint();
    const ms = (a: bigint, b: bigint) => (Number(b - a) / 1e6).toFixed(0);
    const records = result.tables.reduce((n, t) => n + t.records.length, 0);
    note = `read ${ms(t0, t1)} ms, check ${ms(t1, t2)} ms, stats+forms ${ms(t2, t3)} ms, write ${ms(t3, t4)} ms; ${records} records, ${errors} errors`;
  }
  const total = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(JSON.stringify({ ms: total, cpuMs: (cpu.user + cpu.system) / 1000, note }) + '\n');
}

interface Run {
  ms: number;
  cpuMs: number;
  note: string;
}

function runChild(mode: string, file: string, outDir: string): Run {
  const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--child', mode, file, outDir], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=8192`.trim() },
  });
  const line = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as Run;
  } catch {
    throw new Error(`child ${mode} failed: ${(r.stderr ?? '').slice(0, 2000)}`);
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') return child(argv[1], argv[2], argv[3]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'summarize-bench-'));
  try {
    const file = path.join(dir, 'input-100k.xlsx');
    const g0 = Date.now();
    await generate(file);
    console.log(`# generated ${ROWS} rows (${(fs.statSync(file).size / 1e6).toFixed(1)} MB) in ${Date.now() - g0} ms`);
    // Interleaved (read, summarize, read, summarize) so that a change in machine load hits both;
    // the faster of each pair is kept.
    const runs: Record<string, Run[]> = { read: [], summarize: [] };
    for (let i = 0; i < 2; i++) for (const mode of ['read', 'summarize']) runs[mode].push(runChild(mode, file, dir));
    const best = (mode: string) => runs[mode].reduce((a, b) => (a.ms <= b.ms ? a : b));
    const read = best('read');
    const summarize = best('summarize');
    console.log(`# bare read ${read.ms.toFixed(0)} ms; summarize ${summarize.ms.toFixed(0)} ms (${summarize.note})`);
    console.log(`# cpu time: bare read ${read.cpuMs.toFixed(0)} ms, summarize ${summarize.cpuMs.toFixed(0)} ms, ratio ${(summarize.cpuMs / read.cpuMs).toFixed(2)}`);
    console.log(`cli.summarize.vs_read.100k: ${(summarize.ms / read.ms).toFixed(2)} (target ≤ 1.5)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
