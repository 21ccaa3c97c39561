/**
 * Expands the command's file and folder arguments into the files to read, and guards outputs:
 * an output never overwrites an input.
 */
import * as fs from 'fs';
import * as path from 'path';

export interface InputFile {
  /** Absolute path. */
  path: string;
  /** Name shown in reports: the base name, or the path relative to the folder argument when two
   *  inputs share a base name. */
  display: string;
  /** True when the user named this file explicitly (a bad explicit file makes the exit code 2). */
  explicit: boolean;
}

export interface SkippedFile {
  path: string;
  display: string;
  reason: string;
}

/** Read by content (preflight): what villages send. .xlsb is taken so that it gets its own refusal line. */
const READABLE = /\.(xlsx|xlsm|xls|ods|et|xlsb|csv)$/i;

/** Folder entries: .xlsx/.xlsm/.xls/.ods/.et/.xlsb/.csv read (by content); Excel's lock files (~$…) and everything else skipped with a line. */
export function expandInputs(args: string[]): { files: InputFile[]; skipped: SkippedFile[]; missing: string[] } {
  const files: InputFile[] = [];
  const skipped: SkippedFile[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const add = (abs: string, rel: string, explicit: boolean): void => {
    if (seen.has(abs)) return;
    seen.add(abs);
    files.push({ path: abs, display: rel, explicit });
  };
  for (const arg of args) {
    const abs = path.resolve(arg);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      missing.push(arg);
      continue;
    }
    if (st.isDirectory()) {
      const walk = (dir: string, prefix: string): void => {
        const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
        for (const e of entries) {
          const full = path.join(dir, e.name);
          const rel = prefix ? `${prefix}/${e.name}` : e.name;
          if (e.isDirectory()) {
            if (!e.name.startsWith('.')) walk(full, rel);
            continue;
          }
          if (e.name.startsWith('~$')) {
            skipped.push({ path: full, display: rel, reason: 'Excel 的临时锁文件（有人正打开该工作簿），已跳过' });
            continue;
          }
          if (e.name.startsWith('.')) continue;
          if (!READABLE.test(e.name)) {
            skipped.push({ path: full, display: rel, reason: '不是表格文件（.xlsx、.xls、.ods、.et 或 .csv），已跳过' });
            continue;
          }
          add(full, rel, false);
        }
      };
      walk(abs, '');
    } else {
      add(abs, path.basename(abs), true);
    }
  }
  // Base names when unique, relative paths otherwise.
  const count = new Map<string, number>();
  for (const f of files) count.set(path.basename(f.path), (count.get(path.basename(f.path)) ?? 0) + 1);
  for (const f of files) {
    const b = path.basename(f.path);
    if ((count.get(b) ?? 0) === 1) f.display = b;
    else if (f.explicit) f.display = path.relative(process.cwd(), f.path) || b;
  }
  // Still ambiguous (the same relative name under two folder arguments): the path from the cwd.
  const seenNames = new Map<string, number>();
  for (const f of files) seenNames.set(f.display, (seenNames.get(f.display) ?? 0) + 1);
  for (const f of files) if ((seenNames.get(f.display) ?? 0) > 1) f.display = path.relative(process.cwd(), f.path).split(path.sep).join('/') || f.path;
  return { files, skipped, missing };
}

function real(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    const dir = path.dirname(p);
    try {
      return path.join(fs.realpathSync(dir), path.basename(p));
    } catch {
      return path.resolve(p);
    }
  }
}

/** Throws when `out` would overwrite one of the inputs. */
export function assertNotInput(out: string, inputs: readonly string[]): void {
  const o = real(out);
  for (const i of inputs) {
    if (real(i) === o) throw new UsageError(`输出文件 ${out} 就是输入文件之一：拒绝覆盖输入。请换一个输出路径。`);
  }
}

/** A command-line problem: printed as one line, exit code 2. */
export class UsageError extends Error {}
