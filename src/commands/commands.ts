/**
 * Ribbon commands (ExecuteFunction buttons of the 双拥台账 group). Function names match
 * manifest.xml: runCheck (校验) and runSummarize (统计汇总). The work is the Excel host layer's
 * (src/excel/commands.ts): check the whole workbook and end on the 校验结果 sheet; write the
 * standard forms and end on the first one. Both call event.completed() whatever happens.
 */
import { runCheckCommand, runSummarizeCommand, type CommandEvent } from '../excel/commands';

export async function runCheck(event: CommandEvent): Promise<void> {
  const outcome = await runCheckCommand(event);
  if (!outcome.ok) console.warn(`校验未完成 (check failed): ${outcome.message ?? ''}`);
}

export async function runSummarize(event: CommandEvent): Promise<void> {
  const outcome = await runSummarizeCommand(event);
  if (!outcome.ok) console.warn(`统计汇总未完成 (summarize failed): ${outcome.message ?? ''}`);
}

/** Registers the functions with Office (and as globals for hosts without Office.actions). */
export function register(): void {
  const office = (globalThis as { Office?: typeof Office }).Office;
  if (office?.actions?.associate) {
    office.actions.associate('runCheck', runCheck);
    office.actions.associate('runSummarize', runSummarize);
  }
  Object.assign(globalThis, { runCheck, runSummarize });
}

register();
