import { resolveSettings, type Settings } from '../../src/core';
import type { CellValue } from '../../src/core/model';
import { createExcel, type ExcelSim, type WorkbookDescription } from '../excel-sim/node';
import { generateSamples, SAMPLE_TOWNSHIP, SAMPLE_VILLAGES, SAMPLE_YEAR } from '../../src/samples/generate';
import { sampleDescription } from '../excel-sim/samples';

export function settings(extra: Partial<Settings> = {}): Settings {
  return resolveSettings({ year: SAMPLE_YEAR, township: SAMPLE_TOWNSHIP, villages: SAMPLE_VILLAGES, ...extra });
}

export function sampleBooks() {
  return generateSamples();
}

export function installSample(i = 0, extra: Partial<WorkbookDescription> = {}): ExcelSim {
  return createExcel(sampleDescription(sampleBooks()[i], extra));
}

/** Snapshot of every sheet's values, formats, fills, notes and comments (for exact-restore checks). */
export function snapshot(fake: ExcelSim, exclude: string[] = []): string {
  return JSON.stringify(
    fake.model.sheets
      .filter((s) => s.visibility !== 'VeryHidden' && !exclude.includes(s.name))
      .map((s) => ({
        name: s.name,
        rows: s.rows,
        formats: [...s.formats.entries()].sort(),
        fills: [...s.fills.entries()].sort(),
        notes: [...s.notes.entries()].sort(),
        comments: [...s.comments.entries()].sort(),
      })),
  );
}

/** Every sheet (the very hidden record included) in order, with its values, formats, fills, notes. */
export function fullSnapshot(fake: ExcelSim, exclude: string[] = []): string {
  // sheet ids of the fake are global counters: normalised so that two installs compare equal
  return JSON.stringify({
    names: fake.model.sheets.map((s) => `${s.name}:${s.visibility}`),
    sheets: fake.model.sheets
      .filter((s) => !exclude.includes(s.name))
      .map((s) => ({
        name: s.name,
        rows: s.rows,
        formats: [...s.formats.entries()].sort(),
        fills: [...s.fills.entries()].sort(),
        notes: [...s.notes.entries()].sort(),
        comments: [...s.comments.entries()].sort(),
      })),
  }).replace(/[0-9A-F]{8}-0001-0000-0000-000000000000/g, 'SHEET-ID');
}

export function ledgerRows(header: string[], rows: CellValue[][]): CellValue[][] {
  return [header, ...rows];
}

export { createExcel };
