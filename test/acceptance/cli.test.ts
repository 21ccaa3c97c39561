/**
 * The same acceptance cases through the terminal front end (cli.md), on real .xlsx files: the
 * hand-written fixtures are saved with exceljs exactly as a village clerk's Excel would hold them
 * (IDs as text, an ID as a number, Date cells, TRUE/FALSE cells, error values, merged titles),
 * then `ledger check --json` must report every planted defect at its Excel row and cell and no
 * error on valid data, and `ledger summarize` must write the hand-computed figures.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { runWith } from '../../src/cli/main';
import type { WorkbookData } from '../../src/core/model';
import { DEFECT_BOOK, DEFECT_FILE, PLANTED, CONTROLS } from './fixtures/defects';
import { EXPECTED_SHEETS, VALID_BOOKS, VILLAGES } from './fixtures/valid';
import { testFormFigures } from './form-figures';
import { pinToday, saveBook, type JsonIssue, type JsonReport } from './run';


let dir: string;
let validDir: string;
let defectDir: string;
let villagesFile: string;
const io = { lines: [] as string[], out(l: string) { io.lines.push(l); }, err(l: string) { io.lines.push(l); } };

const save = (b: WorkbookData, file: string) => saveBook(b, file, { mergeTitles: true });

beforeAll(async () => {
  pinToday();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acceptance-'));
  validDir = path.join(dir, 'valid');
  defectDir = path.join(dir, 'defects');
  fs.mkdirSync(validDir);
  fs.mkdirSync(defectDir);
  for (const b of VALID_BOOKS) await save(b, path.join(validDir, b.file));
  await save(DEFECT_BOOK, path.join(defectDir, DEFECT_FILE));
  villagesFile = path.join(dir, 'villages.txt');
  fs.writeFileSync(villagesFile, VILLAGES.join('\n') + '\n');
}, 60000);
afterAll(() => {
  jest.useRealTimers();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function checkJson(inputDir: string, year = '2026'): Promise<{ code: number; report: JsonReport }> {
  const out = path.join(dir, `report-${path.basename(inputDir)}-${year}.json`);
  const code = await runWith(['check', inputDir, '--year', year, '--villages', villagesFile, '--json', out, '--quiet'], io);
  return { code, report: JSON.parse(fs.readFileSync(out, 'utf8')) as JsonReport };
}

const brief = (is: JsonIssue[]) => is.map((i) => `${i.file}!${i.sheet}!${i.cell} ${i.column ?? ''} ${i.severity} ${i.code}`).join('\n');

test('ledger check on the valid village workbooks: exit 0, no error, every ledger recognised', async () => {
  const { code, report } = await checkJson(validDir);
  expect(brief(report.issues.filter((i) => i.severity === 'error'))).toBe('');
  expect(code).toBe(0);
  expect(report.year).toBe(2026);
  for (const e of EXPECTED_SHEETS) {
    const f = report.files.find((x) => x.file === e.file);
    const s = f?.sheets.find((x) => x.sheet === e.sheet);
    expect({ file: e.file, sheet: e.sheet, ledger: s?.ledger ?? null, dataRows: s?.dataRows ?? 0 }).toEqual({
      file: e.file, sheet: e.sheet, ledger: e.ledger, dataRows: e.dataRows,
    });
    if (e.headerRow !== undefined) expect(s?.headerRow).toBe(e.headerRow);
  }
}, 60000);

describe('ledger check on 问题村.xlsx', () => {
  let report: JsonReport;
  let code: number;
  beforeAll(async () => {
    ({ code, report } = await checkJson(defectDir));
  }, 60000);
  test('exit code 1 (errors found)', () => expect(code).toBe(1));
  test.each(PLANTED.map((e) => [`${e.sheet} r${e.row} ${e.rule} → ${e.severity}`, e] as const))('%s', (_n, e) => {
    const rows = [e.row, ...(e.altRows ?? [])];
    const hit = report.issues.filter(
      (i) =>
        i.file === DEFECT_FILE && i.sheet === e.sheet && rows.includes(i.row ?? -1) && i.severity === e.severity &&
        e.columns.some((c) => i.column === c.field || (i.cell ?? '').replace(/\d+$/, '') === letterOf(c.col)),
    );
    if (hit.length === 0) {
      throw new Error(`not in the JSON report; issues on that row:\n${brief(report.issues.filter((i) => i.sheet === e.sheet && i.row === e.row)) || '(none)'}`);
    }
    for (const h of hit) {
      expect(h.cell).toMatch(new RegExp(`^[A-Z]+${h.row}$`));
      expect(h.message.length).toBeGreaterThan(0);
    }
  });
  test.each(CONTROLS.map((c) => [`${c.sheet} r${c.row}`, c] as const))('control row %s: no error in the report', (_n, c) => {
    expect(brief(report.issues.filter((i) => i.sheet === c.sheet && i.row === c.row && i.severity === 'error'))).toBe('');
  });
});

function letterOf(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

describe('ledger summarize writes the hand-computed forms', () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    const out = path.join(dir, 'summary.xlsx');
    const code = await runWith(['summarize', validDir, '--year', '2026', '--villages', villagesFile, '--out', out, '--quiet'], io);
    expect(code).toBe(0);
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
  }, 60000);

  /** A cell's plain value (formula → its result). */
  function plain(v: ExcelJS.CellValue): unknown {
    if (v && typeof v === 'object' && 'result' in v) return (v as ExcelJS.CellFormulaValue).result;
    if (v && typeof v === 'object' && 'richText' in v) return (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join('');
    return v;
  }
  /** The header row is the first row whose column A holds the form's first header. */
  function grid(name: string, first: string): { headers: string[]; rows: unknown[][] } {
    const ws = wb.getWorksheet(name);
    if (!ws) throw new Error(`no sheet ${name}`);
    let h = 0;
    for (let r = 1; r <= ws.rowCount && !h; r++) if (plain(ws.getCell(r, 1).value) === first) h = r;
    if (!h) throw new Error(`${name}: no header row`);
    const headers: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) headers.push(String(plain(ws.getCell(h, c).value) ?? ''));
    const rows: unknown[][] = [];
    for (let r = h + 1; r <= ws.rowCount; r++) {
      const row: unknown[] = [];
      for (let c = 1; c <= headers.length; c++) row.push(plain(ws.getCell(r, c).value));
      rows.push(row);
    }
    return { headers, rows };
  }
  testFormFigures(grid, (label) => {
    let v: unknown = undefined;
    wb.getWorksheet('双拥工作年度汇总')?.eachRow((row) => {
      if (plain(row.getCell(1).value) === label) v = plain(row.getCell(2).value);
    });
    return v;
  });
});

describe('ledger summarize --template (§5 user templates; cli.md: written to --out)', () => {
  let outPath: string;
  let lines: string[];
  const TPL_SHEET = '我的汇总';
  beforeAll(async () => {
    const tpl = new ExcelJS.Workbook();
    const ws = tpl.addWorksheet(TPL_SHEET);
    ws.getCell('A1').value = '红旗镇双拥工作简报';
    ws.getCell('A1').font = { bold: true, size: 16 };
    ws.mergeCells('A1:C1');
    ws.getCell('A2').value = '兵役登记率';
    ws.getCell('B2').value = '{{兵役登记率}}';
    ws.getCell('B2').numFmt = '0.0%';
    ws.getCell('A3').value = '红旗村已登记';
    ws.getCell('B3').value = '{{已登记人数|红旗村}}';
    ws.getCell('B3').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
    ws.getCell('A4').value = '两倍';
    ws.getCell('B4').value = { formula: 'B3*2', result: 0 } as ExcelJS.CellFormulaValue;
    ws.getCell('A5').value = '登记率达到{{兵役登记率}}。';
    ws.getCell('A6').value = '{{不存在的统计}}';
    ws.getCell('A7').value = '备注：本表不含上报数据';
    const tplPath = path.join(dir, '模板.xlsx');
    await tpl.xlsx.writeFile(tplPath);
    outPath = path.join(dir, 'summary-tpl.xlsx');
    const before = io.lines.length;
    const code = await runWith(['summarize', validDir, '--year', '2026', '--villages', villagesFile, '--out', outPath, '--template', tplPath, '--quiet'], io);
    lines = io.lines.slice(before);
    expect(code).toBe(0);
  }, 60000);

  /** The filled template sheet: in --out as cli.md says, else in any .xlsx the command wrote. */
  async function filled(): Promise<{ ws: ExcelJS.Worksheet; where: string }> {
    const candidates = [outPath, ...fs.readdirSync(dir).filter((f) => f.startsWith('summary-tpl') && f.endsWith('.xlsx')).map((f) => path.join(dir, f))];
    for (const c of candidates) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(c);
      const ws = wb.getWorksheet(TPL_SHEET);
      if (ws) return { ws, where: c };
    }
    throw new Error('the filled template sheet was written nowhere');
  }

  test('placeholders are replaced by the values; other cells, formats, merges and formulas kept', async () => {
    const { ws } = await filled();
    const b2 = ws.getCell('B2').value;
    expect(typeof b2 === 'number' ? `${(Math.round(b2 * 1000) / 10).toFixed(1)}%` : b2).toBe('55.6%');
    expect(ws.getCell('B3').value).toBe(3);
    expect(ws.getCell('A5').value).toBe('登记率达到55.6%。');
    expect(ws.getCell('A1').value).toBe('红旗镇双拥工作简报');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('B2').numFmt).toBe('0.0%');
    expect((ws.getCell('B3').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFFF00');
    expect((ws.getCell('B4').value as ExcelJS.CellFormulaValue).formula).toBe('B3*2');
    expect(ws.getCell('A7').value).toBe('备注：本表不含上报数据');
    expect(ws.getCell('C1').isMerged).toBe(true);
  });
  test('an unknown placeholder is reported with the names that exist', () => {
    const l = lines.find((x) => x.includes('不存在的统计'));
    expect(l).toBeDefined();
    expect(l).toMatch(/兵役登记率|已登记人数/);
  });
  test('cli.md: the filled template is written to --out with the five forms', async () => {
    const { where } = await filled();
    expect(path.basename(where)).toBe(path.basename(outPath));
  });
});
