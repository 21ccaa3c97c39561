/** Bundles fake-entry.ts (the in-memory Excel of test/excel-sim/ with its loader) into one browser
 *  script (esbuild, which tsx already brings). */
import * as fs from 'fs';
import * as path from 'path';
import { buildSync } from 'esbuild';
import { descriptionFromWorkbookData, type WorkbookDescription } from '../excel-sim';
import { readXlsx } from '../../src/cli/read';
import { root } from './harness';

let cached: string | null = null;

export function fakeExcelScript(): string {
  if (cached) return cached;
  const out = buildSync({
    entryPoints: [path.join(__dirname, 'fake-entry.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  cached = out.outputFiles[0].text;
  return cached;
}

export function toJson(desc: WorkbookDescription): string {
  return JSON.stringify(desc, function (this: Record<string, unknown>, k, v) {
    const raw = this[k];
    return raw instanceof Date ? { __date: raw.toISOString() } : v;
  });
}

/** A sample village workbook (samples/NAME.xlsx) as a workbook description. */
export async function sampleWorkbook(name: string): Promise<WorkbookDescription> {
  const read = await readXlsx(path.join(root, 'samples', `${name}.xlsx`));
  return descriptionFromWorkbookData(read.data, { name: `${name}.xlsx` });
}

/** The bytes of a sample village workbook: the real .xlsx, as a user picks it. */
export async function sampleFileBytes(name: string): Promise<Buffer> {
  return fs.readFileSync(path.join(root, 'samples', `${name}.xlsx`));
}

export function configScript(config: Record<string, unknown>): string {
  return `window.__E2E_CONFIG__ = ${JSON.stringify(config)};`;
}
