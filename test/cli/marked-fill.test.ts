/**
 * issue #15 item 1: a marked copy fills the problem cells and nothing else. exceljs shares one
 * style object between the cells of a style id, so writing `cell.fill` once used to colour every
 * cell of that style (the whole ID column, down to the last formatted row).
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { JsonReport } from '../../src/cli/report';
import { REPORT_SHEET } from '../../src/cli/marked';
import { cli, tmpDir } from './helpers';
import { sampleCopy, YEAR } from './fixtures';

jest.setTimeout(60000);

function styleOf(c: ExcelJS.Cell): string {
  return JSON.stringify({ font: c.font ?? null, fill: c.fill ?? null, border: c.border ?? null, numFmt: c.numFmt ?? null, alignment: c.alignment ?? null });
}

describe('marked copies fill only problem cells', () => {
  const dir = tmpDir();
  let samples: string;
  let report: JsonReport;
  const out = path.join(dir, 'out');

  beforeAll(async () => {
    samples = await sampleCopy(dir);
    await cli('check', samples, '--year', String(YEAR), '--json', path.join(out, 'report.json'), '--marked', path.join(out, 'marked'), '--quiet');
    report = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8'));
  });

  for (const file of ['红旗村.xlsx', '光明村.xlsx', '和平村.xlsx', '新民社区.xlsx']) {
    it(`${file}: every filled cell is a problem cell, every other cell keeps its original style`, async () => {
      const orig = new ExcelJS.Workbook();
      await orig.xlsx.readFile(path.join(samples, file));
      const marked = new ExcelJS.Workbook();
      await marked.xlsx.readFile(path.join(out, 'marked', file));
      const problemCells = new Set(report.issues.filter((i) => i.file === file && i.sheet && i.cell).map((i) => `${i.sheet}!${i.cell}`));
      expect(problemCells.size).toBeGreaterThan(0);
      let compared = 0;
      let filled = 0;
      for (const ws of orig.worksheets) {
        const copy = marked.getWorksheet(ws.name)!;
        expect(copy).toBeDefined();
        const rows = Math.max(ws.rowCount, copy.rowCount);
        const cols = Math.max(ws.columnCount, copy.columnCount);
        for (let r = 1; r <= rows; r++) {
          for (let c = 1; c <= cols; c++) {
            const a = ws.getCell(r, c);
            const b = copy.getCell(r, c);
            const key = `${ws.name}!${b.address}`;
            if (problemCells.has(key)) {
              filled++;
              expect((b.fill as ExcelJS.FillPattern | undefined)?.type).toBe('pattern');
              continue;
            }
            compared++;
            if (styleOf(b) !== styleOf(a)) throw new Error(`${file} ${key}: style changed ${styleOf(a)} → ${styleOf(b)}`);
          }
        }
      }
      expect(compared).toBeGreaterThan(100);
      expect(filled).toBe([...problemCells].filter((k) => !k.startsWith(`${REPORT_SHEET}!`)).length);
    });
  }
});
