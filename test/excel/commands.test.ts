/**
 * Ribbon commands through the real Office.js client: Office.onReady first, failures shown to the
 * user (a dialog), event.completed() always.
 */
import { createExcel, type ExcelSim } from '../excel-sim/node';
import { sampleDescription } from '../excel-sim/samples';
import { sampleBooks } from './helpers';
import { REPORT_SHEET } from '../../src/excel/common';

let xl: ExcelSim;
afterEach(() => xl?.uninstall());

async function press(id: string): Promise<number> {
  const m = await import('../../src/commands/commands');
  m.register(); // the function file loads once per Excel session: once per simulated workbook here
  const f = xl.actions.get(id);
  expect(f).toBeDefined();
  let completed = 0;
  await f!({ completed: () => (completed += 1) });
  return completed;
}

test('校验 (ribbon) waits for Office.onReady, checks the workbook and ends on 校验结果', async () => {
  xl = createExcel(sampleDescription(sampleBooks()[0]));
  const completed = await press('runCheck');
  expect(xl.readyCalls).toBeGreaterThan(0);
  expect(completed).toBe(1);
  expect(xl.model.active?.name).toBe(REPORT_SHEET);
  expect(xl.dialogs).toEqual([]);
});

test('a failing ribbon command shows its message to the user in a dialog (Chinese first), not on the console', async () => {
  xl = createExcel({ ...sampleDescription(sampleBooks()[0]), protectedStructure: true });
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const completed = await press('runCheck');
  expect(completed).toBe(1);
  expect(xl.dialogs).toHaveLength(1);
  const msg = new URL(xl.dialogs[0]).searchParams.get('message')!;
  expect(msg).toMatch(/^校验未完成/);
  expect(msg).toContain('工作簿结构受保护');
  expect(warn).not.toHaveBeenCalled();
  warn.mockRestore();
});

test('统计汇总 (ribbon) failure: a dialog too', async () => {
  xl = createExcel({ ...sampleDescription(sampleBooks()[0]), protectedStructure: true });
  const completed = await press('runSummarize');
  expect(completed).toBe(1);
  expect(new URL(xl.dialogs[0]).searchParams.get('message')).toMatch(/^统计汇总未完成/);
});
