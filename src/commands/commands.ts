/**
 * Ribbon commands (ExecuteFunction buttons of the 双拥台账 group). Function names match
 * manifest.xml: runCheck (校验) and runSummarize (统计汇总).
 */

type CommandEvent = { completed: () => void };

async function runCheck(event: CommandEvent): Promise<void> {
  event.completed();
}

async function runSummarize(event: CommandEvent): Promise<void> {
  event.completed();
}

function register(): void {
  const office = (globalThis as { Office?: typeof Office }).Office;
  if (office?.actions?.associate) {
    office.actions.associate('runCheck', runCheck);
    office.actions.associate('runSummarize', runSummarize);
  }
  // Hosts without Office.actions look the functions up as globals.
  Object.assign(globalThis, { runCheck, runSummarize });
}

register();
