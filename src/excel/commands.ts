/**
 * The ribbon buttons' work, without the task pane: 校验 ends on the 校验结果 sheet, 统计汇总 on the
 * first form. `src/commands/` associates these with the manifest's actions and calls
 * `event.completed()` (done here too when an event is passed).
 */
import type { CheckResult } from '../core/check-api';
import type { HostOps, SummarizedSheets } from './host';
import { createExcelHost, workbookSettings } from './host-impl';

export interface CommandEvent {
  completed(options?: { allowEvent?: boolean }): void;
}

export interface CommandOutcome<T> {
  ok: boolean;
  value?: T;
  /** A message for the user when !ok. */
  message?: string;
}

async function runCommand<T>(work: () => Promise<T>, event?: CommandEvent): Promise<CommandOutcome<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  } finally {
    event?.completed();
  }
}

/** 校验 (ribbon): check the whole workbook with its saved settings, mark, and show the report. */
export function runCheckCommand(event?: CommandEvent, host: HostOps = createExcelHost()): Promise<CommandOutcome<CheckResult>> {
  return runCommand(async () => host.check('workbook', await workbookSettings(host)), event);
}

/** 统计汇总 (ribbon): write the standard forms and show the first one. */
export function runSummarizeCommand(event?: CommandEvent, host: HostOps = createExcelHost()): Promise<CommandOutcome<SummarizedSheets>> {
  return runCommand(async () => host.summarize(await workbookSettings(host)), event);
}
