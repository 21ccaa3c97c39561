/**
 * Entry of the single-program CLI (`npm run package:cli`): `ledger-linux-x64`, `ledger-win-x64.exe`.
 * The same commands as `npx ledger` (src/cli/main.ts), and for a clerk on Windows who drags a
 * folder or workbooks onto the program's icon (or double-clicks it): the paths are checked as
 * `ledger check PATHS`, and the window waits for Enter before it closes so the result can be read.
 */
import * as fs from 'fs';
import { run } from '../src/cli/main';

const COMMANDS = new Set(['check', 'summarize', 'merge', 'template', 'help']);

/** The user's arguments: a SEA's argv is [program, program as typed, ...] like node's [node, script, ...]. */
function userArgs(): string[] {
  return process.argv.slice(2);
}

/** Waits for Enter when a person is looking at a console window that would close at exit. */
function pause(): Promise<void> {
  if (!process.stdin.isTTY) return Promise.resolve();
  process.stdout.write('\n按回车键关闭窗口 · Press Enter to close\n');
  return new Promise((resolve) => {
    process.stdin.once('data', () => resolve());
    process.stdin.resume();
  });
}

async function main(): Promise<number> {
  const args = userArgs();
  const dropped = args.length > 0 && !COMMANDS.has(args[0]) && !args[0].startsWith('-') && args.every((p) => fs.existsSync(p));
  if (args.length === 0 && process.platform === 'win32') {
    // Double-clicked: say how to use it instead of flashing the help away.
    await run(['--help']);
    process.stdout.write('\n把装有台账的文件夹或 .xlsx 文件拖到本程序的图标上即可校验。\nDrag a folder or .xlsx files onto this program to check them.\n');
    await pause();
    return 0;
  }
  if (dropped) {
    const code = await run(['check', ...args]);
    if (process.platform === 'win32') await pause();
    return code;
  }
  return run(args);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`ledger: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
