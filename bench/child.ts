/**
 * Runs a bench script again as a child process in one of its `--child` modes (so that each
 * measurement starts with a fresh heap and its peak memory is its own) and returns the JSON of the
 * last line the child printed.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');

export function runBenchChild<T>(script: string, mode: string, files: string[]): T {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, '--child', mode, ...files], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=8192`.trim() },
  });
  const line = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new Error(`child ${mode} failed: ${r.stderr?.slice(0, 2000)}`);
  }
}

/** A bench script's entry: `--child MODE FILES…` runs one measurement, otherwise the whole bench. */
export function benchEntry(name: string, main: () => Promise<void>, child: (mode: string, files: string[]) => Promise<void>): void {
  const ci = process.argv.indexOf('--child');
  if (ci >= 0) {
    child(process.argv[ci + 1], process.argv.slice(ci + 2)).catch((e) => {
      process.stderr.write(String(e && e.stack ? e.stack : e) + '\n');
      process.exit(1);
    });
  } else {
    main().catch((e) => {
      console.log(`bench ${name} failed: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    });
  }
}
