/** A scripted HostOps for the pane's unit tests: records calls, returns canned results. */
import type { CheckResult, SheetReport } from '../../src/core/check-api';
import type { LedgerTable } from '../../src/core/ledger';
import type { Problem } from '../../src/core/problem';
import type { Settings } from '../../src/core/settings';
import type { HostOps, ImportFile, ImportFileStatus, RunOptions } from '../../src/excel/host';

export function problem(over: Partial<Problem> & { code: string; row: number }): Problem {
  return {
    severity: 'error',
    file: '红旗镇.xlsx',
    sheet: '优抚对象',
    column: '身份证号',
    col: 6,
    cell: `F${over.row}`,
    value: '110105194912310023',
    params: { expected: 'X', actual: '3' },
    ...over,
  };
}

export function table(villagesByRow: Record<number, string>, sheet = '优抚对象'): LedgerTable {
  return {
    file: '红旗镇.xlsx',
    sheet,
    ledger: '优抚对象',
    headerRow: 3,
    columns: [],
    records: Object.entries(villagesByRow).map(([row, v]) => ({ row: Number(row), v: { 所在村: v } })),
  };
}

export function sheetReport(over: Partial<SheetReport> = {}): SheetReport {
  return { file: '红旗镇.xlsx', sheet: '优抚对象', ledger: '优抚对象', headerRow: 3, dataRows: 40, errors: 0, warnings: 0, omitted: 0, ...over };
}

export function checkResult(problems: Problem[], over: Partial<CheckResult> = {}): CheckResult {
  return {
    settings: {} as Settings,
    sheets: [sheetReport()],
    problems,
    tables: [],
    ...over,
  };
}

export type Call = [string, ...unknown[]];

export class FakeHost implements HostOps {
  calls: Call[] = [];
  result: CheckResult = checkResult([]);
  stored: Partial<Settings> = {};
  sheets = ['优抚对象', '村名单'];
  column: string[] = ['村名', '红旗村', '光明村', '红旗村', ''];
  importStatuses: ImportFileStatus[] = [];
  /** What previewImport answers (per file). */
  previewStatuses: ImportFileStatus[] = [];
  /** When set, check() reports progress and then waits for this promise (or the abort signal). */
  gate: Promise<void> | null = null;

  async loadSettings() {
    this.calls.push(['loadSettings']);
    return this.stored;
  }
  async saveSettings(s: Settings) {
    this.calls.push(['saveSettings', s]);
    this.stored = s;
  }
  async check(scope: 'workbook' | 'activeSheet', settings: Settings, opts?: RunOptions) {
    this.calls.push(['check', scope, settings, opts]);
    opts?.onProgress?.({ label: '优抚对象', done: 1, total: 3 });
    if (this.gate) {
      const signal = opts?.signal;
      await new Promise<void>((resolve, reject) => {
        this.gate!.then(resolve);
        signal?.addEventListener('abort', () => {
          const e = new Error('操作已取消');
          e.name = 'AbortError';
          reject(e);
        });
      });
    }
    return this.result;
  }
  async goTo(p: Problem) {
    this.calls.push(['goTo', p]);
  }
  async applyFixes(problems: Problem[], opts?: RunOptions) {
    this.calls.push(['applyFixes', problems, opts]);
    return problems.length;
  }
  async undoFixes() {
    this.calls.push(['undoFixes']);
    return 2;
  }
  async clearMarks() {
    this.calls.push(['clearMarks']);
    return 7;
  }
  async summarize(settings: Settings) {
    this.calls.push(['summarize', settings]);
    return { sheets: ['兵役登记统计表', '优抚对象统计表'], ledgers: 2, errors: 0 };
  }
  async previewImport(files: ImportFile[], settings: Settings, opts?: RunOptions) {
    this.calls.push(['previewImport', files, settings, opts]);
    opts?.onProgress?.({ label: `读取文件 ${files[0]?.name ?? ''}`, done: 0, total: files.length });
    return this.previewStatuses.filter((st) => files.some((f) => f.name === st.name));
  }
  async importWorkbooks(files: ImportFile[], settings: Settings) {
    this.calls.push(['importWorkbooks', files, settings]);
    return this.importStatuses;
  }
  async insertBlankLedgers(settings: Settings) {
    this.calls.push(['insertBlankLedgers', settings]);
    return ['优抚对象', '兵役登记'];
  }
  async readColumn(sheet: string, column: string) {
    this.calls.push(['readColumn', sheet, column]);
    return this.column;
  }
  async listSheets() {
    this.calls.push(['listSheets']);
    return this.sheets;
  }
  called(name: string): Call[] {
    return this.calls.filter((c) => c[0] === name);
  }
}
