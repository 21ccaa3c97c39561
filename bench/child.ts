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
