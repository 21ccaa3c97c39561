/**
 * issue #15 item 2: an ID Excel stored as a number is shown as Excel shows it — its first 15
 * digits, then zeros — with "（后3位已丢失）", never with the floating-point noise of the double
 * (370102197502281536); and the flag survives a merge, so the merged ledger's next check still
 * says "stored as a number, digits lost", not "checksum".
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { JsonReport } from '../../src/cli/report';
import { cellText } from '../../src/core';
import { excelNumber, numberDisplay, numberText, parseLostDigits } from '../../src/core/text/normalize';
import { cli, tmpDir } from './helpers';
import { sampleCopy, YEAR } from './fixtures';

jest.setTimeout(60000);

const NOISY = 370102197502281536; // the double a program wrote for 37010219750228153X-like input
const SHOWN = '370102197502281000（后3位已丢失）';

describe('numbers as Excel shows them (one core function)', () => {
  it('keeps 15 significant digits of an integer, zeros after, and says how many were lost', () => {
    expect(excelNumber(NOISY)).toEqual({ text: '370102197502281000', lost: 3 });
    expect(numberDisplay(NOISY)).toBe(SHOWN);
    expect(cellText(NOISY)).toBe(SHOWN);
    expect(numberText(NOISY)).toBe('370102197502281000');
    expect(numberDisplay(123456789012345)).toBe('123456789012345');
    expect(numberDisplay(Number('-1234567890123456789'))).toBe('-1234567890123450000（后4位已丢失）');
    expect(numberText(0.1 + 0.2)).toBe('0.3');
    expect(numberText(4800)).toBe('4800');
    expect(numberText(13800138000)).toBe('13800138000');
    expect(parseLostDigits(SHOWN)).toEqual({ digits: '370102197502281000', lost: 3 });
    expect(parseLostDigits('370102197502281000')).toBeNull();
  });
});

describe('a lossy ID through check, feedback and merge', () => {
  const dir = tmpDir();
  let samples: string;
  let report: JsonReport;

  beforeAll(async () => {
    samples = await sampleCopy(dir);
    await cli('check', samples, '--year', String(YEAR), '--json', path.join(dir, 'r.json'), '--feedback', path.join(dir, 'fb'), '--quiet');
    report = JSON.parse(fs.readFileSync(path.join(dir, 'r.json'), 'utf8'));
  });

  it('the JSON value is the 15 digits Excel shows with the note, never the noise', () => {
    const i = report.issues.find((x) => x.code === 'id.stored-as-number')!;
    expect(i).toBeDefined();
    expect(i.value).toBe(SHOWN);
    expect(JSON.stringify(report)).not.toContain('370102197502281536');
  });

  it('the feedback workbook shows the same text', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'fb', '红旗村-反馈.xlsx'));
    const texts: string[] = [];
    wb.worksheets[0].eachRow((r) => r.eachCell((c) => texts.push(String(c.value))));
    expect(texts).toContain(SHOWN);
    expect(texts.join('\n')).not.toContain('281536');
  });

  it('the merged ledger holds the text, and checking it again still says digits lost', async () => {
    const merged = path.join(dir, 'merged.xlsx');
    await cli('merge', samples, '--year', String(YEAR), '--out', merged, '--quiet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(merged);
    const ws = wb.getWorksheet('优抚对象')!;
    const idCol = (ws.getRow(1).values as unknown[]).indexOf('身份证号');
    let at = 0;
    ws.eachRow((r, n) => {
      if (r.getCell(idCol).value === SHOWN) at = n;
    });
    expect(at).toBeGreaterThan(1);
    const json = path.join(dir, 'again.json');
    await cli('check', merged, '--year', String(YEAR), '--json', json, '--quiet');
    const again: JsonReport = JSON.parse(fs.readFileSync(json, 'utf8'));
    const there = again.issues.filter((i) => i.sheet === '优抚对象' && i.row === at && i.column === '身份证号');
    expect(there.map((i) => i.code)).toEqual(['id.stored-as-number']);
    expect(there[0].value).toBe(SHOWN);
  });
});
