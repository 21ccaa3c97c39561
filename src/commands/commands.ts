/**
 * Ribbon commands (ExecuteFunction buttons of the 双拥台账 group). Function names match
 * manifest.xml: runCheck (校验) and runSummarize (统计汇总). The work is the Excel host layer's
 * (src/excel/commands.ts): check the whole workbook and end on the 校验结果 sheet; write the
 * standard forms and end on the first one. Both call event.completed() whatever happens.
 *
 * Office.js must be initialised before any Office API is used ("call Office.onReady() … before
 * the function file's code runs", https://learn.microsoft.com/en-us/office/dev/add-ins/develop/
 * add-in-commands): each command awaits it. A failure is shown to the user in a small dialog
 * (this same page with ?message=…, Dialog API) — nobody sees the console of a function file; where
 * no dialog can open, the message is written at the top of the 校验结果 sheet.
 */
import { runCheckCommand, runSummarizeCommand, type CommandEvent } from '../excel/commands';
import { REPORT_SHEET, excelRun } from '../excel/common';

type OfficeLike = {
  onReady?: () => Promise<unknown>;
  actions?: { associate?: (id: string, f: (event: CommandEvent) => unknown) => void };
  context?: {
    ui?: {
      displayDialogAsync?: (url: string, options: Record<string, unknown>, cb?: (r: { status: string; error?: { message: string } }) => void) => void;
    };
  };
};

const office = () => (globalThis as unknown as { Office?: OfficeLike }).Office;

let ready: Promise<unknown> | null = null;

/** Office.onReady, once. */
export function officeReady(): Promise<unknown> {
  ready ??= office()?.onReady?.() ?? Promise.resolve();
  return ready;
}

/** The dialog URL showing `message` (this page, which renders ?message= instead of registering). */
export function messageUrl(message: string): string {
  const here = typeof location !== 'undefined' ? location.href : 'https://localhost/commands.html';
  const u = new URL('commands.html', here);
  u.searchParams.set('message', message);
  return u.toString();
}

/** Show a failure: a dialog where the Dialog API is there, else the top of the 校验结果 sheet. */
export async function showFailure(title: string, message: string): Promise<void> {
  const text = `${title}：${message}`;
  const ui = office()?.context?.ui;
  if (ui?.displayDialogAsync) {
    const ok = await new Promise<boolean>((resolve) => {
      try {
        ui.displayDialogAsync!(messageUrl(text), { height: 30, width: 40, displayInIframe: true }, (r) => resolve(r.status === 'succeeded'));
      } catch {
        resolve(false);
      }
    });
    if (ok) return;
  }
  try {
    await excelRun(async (ctx) => {
      let ws = ctx.workbook.worksheets.getItemOrNullObject(REPORT_SHEET);
      await ctx.sync();
      if (ws.isNullObject) ws = ctx.workbook.worksheets.add(REPORT_SHEET);
      const cell = ws.getRange('A1');
      cell.values = [[text]];
      cell.format.font.color = '#C00000';
      ws.activate();
      await ctx.sync();
    });
  } catch {
    console.warn(text); // nothing else is left
  }
}

export async function runCheck(event: CommandEvent): Promise<void> {
  await officeReady();
  let done = false;
  const outcome = await runCheckCommand({ completed: () => void (done = true) });
  if (!outcome.ok) await showFailure('校验未完成 (Check failed)', outcome.message ?? '');
  if (done) event.completed();
}

export async function runSummarize(event: CommandEvent): Promise<void> {
  await officeReady();
  let done = false;
  const outcome = await runSummarizeCommand({ completed: () => void (done = true) });
  if (!outcome.ok) await showFailure('统计汇总未完成 (Summary failed)', outcome.message ?? '');
  if (done) event.completed();
}

/** The dialog's page: this file loaded with ?message=… shows the message (Chinese first). */
function renderMessage(): boolean {
  if (typeof location === 'undefined' || typeof document === 'undefined' || !document.body) return false;
  const message = new URLSearchParams(location.search).get('message');
  if (!message) return false;
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.style.cssText = 'font: 14px "Microsoft YaHei", "PingFang SC", sans-serif; margin: 16px; line-height: 1.6;';
  p.textContent = message;
  document.body.appendChild(p);
  return true;
}

/** Registers the functions with Office (and as globals for hosts without Office.actions). */
export function register(): void {
  if (renderMessage()) return;
  const associate = office()?.actions?.associate;
  if (associate) {
    associate('runCheck', runCheck);
    associate('runSummarize', runSummarize);
  }
  Object.assign(globalThis, { runCheck, runSummarize });
}

register();
