/** A marked copy of a non-.xlsx input (rebuilt from the model) keeps every date on its day,
 *  Excel's phantom 1900-02-29 counted (exceljs wrote 1900-01-01…02-28 a day late). */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as XLSX from '@e965/xlsx';
import { readInput } from '../../src/cli/read';
import { writeMarkedCopies, markedName } from '../../src/cli/marked';
import { checkWorkbooks } from '../../src/core/check/check-workbooks';
import { resolveSettings } from '../../src/core/settings';

test('dates of an .xls input keep their serials in the marked copy', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marked-dates-'));
  try {
    const ws = XLSX.utils.aoa_to_sheet([['日期', '活动名称'], [59, 'a'], [61, 'b'], [45000, 'c']]);
    for (const a of ['A2', 'A3', 'A4']) ws[a].z = 'yyyy-mm-dd';
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'Sheet1');
    const file = path.join(dir, '日期.xls');
    XLSX.writeFile(wb, file, { bookType: 'biff8' });
    const read = await readInput(file);
    if (!read.ok) throw new Error(read.message);
    const settings = resolveSettings({ year: 2026 });
    const result = checkWorkbooks([read.data], settings);
    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    await writeMarkedCopies([{ input: { path: file, display: '日期.xls' } as never, data: read.data }], result, settings, out, [file]);
    const copy = XLSX.read(fs.readFileSync(path.join(out, markedName('日期.xls'))), { type: 'buffer' });
    const s = copy.Sheets.Sheet1;
    expect([s.A2.v, s.A3.v, s.A4.v]).toEqual([59, 61, 45000]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
