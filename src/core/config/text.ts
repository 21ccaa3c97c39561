/**
 * The 词表, 列名 and 规则 tables as lines of text (one entry per line, fields separated by | or a
 * Tab, as pasted from Excel), for the pane's settings view: the same validation as the sheets.
 */
import type { SheetData } from '../model';
import { LEVEL_NAMES, TABLE_COLUMNS, type TableSheet } from './names';
import { readConfigSheets, type RawConfig } from './raw';
import { validateConfig } from './validate';
import type { ConfigRead, LedgerConfig } from './types';

export type ConfigTexts = Record<TableSheet, string>;

const SPLIT = /\s*[|\t｜]\s*/;

/** The text of each table: one line per entry (line N is the sheet's row N+1). */
export function configToTexts(c: Pick<LedgerConfig, 'vocab' | 'aliases' | 'rules'>): ConfigTexts {
  const line = (fields: string[]) => {
    while (fields.length > 1 && fields[fields.length - 1] === '') fields.pop();
    return fields.join(' | ');
  };
  return {
    词表: c.vocab.map((v) => line([v.column, v.term, v.synonyms.join('、'), v.groups.join('、')])).join('\n'),
    列名: c.aliases.map((a) => line([a.ledger, a.field, a.aliases.join('、')])).join('\n'),
    规则: c.rules.map((r) => line([r.code, LEVEL_NAMES[r.level]])).join('\n'),
  };
}

/** The tables as sheets (header row 1, line N on row N+1; blank lines keep their row). */
export function textsToSheets(t: Partial<ConfigTexts>): SheetData[] {
  const out: SheetData[] = [];
  for (const name of ['词表', '列名', '规则'] as const) {
    const text = t[name];
    if (text === undefined) continue;
    const header = TABLE_COLUMNS[name].filter((c) => c !== '说明');
    const rows = text.split(/\r?\n/).map((l, i) => ({ r: i + 2, cells: l.trim() === '' ? [] : l.trim().split(SPLIT) }));
    out.push({ name, rows: [{ r: 1, cells: header }, ...rows] });
  }
  return out;
}

/** Validate the tables' text as the sheets would be. */
export function readConfigTexts(file: string, t: Partial<ConfigTexts>): ConfigRead {
  return validateConfig(readConfigSheets(file, textsToSheets(t), { standalone: false }));
}

/**
 * The tables' rows as read from the sheets, before validation, as text (one row a line in sheet
 * order, the columns in their standard order): the settings view shows an entry with a mistake
 * too, so that it is corrected rather than dropped when the view saves.
 */
export function rawToTexts(raw: Pick<RawConfig, 'tables'>): ConfigTexts {
  const out = {} as ConfigTexts;
  for (const name of ['词表', '列名', '规则'] as const) {
    const cols = TABLE_COLUMNS[name].filter((c) => c !== '说明');
    out[name] = raw.tables[name]
      .map((row) => {
        const fields = cols.map((c) => (row.cells[c]?.text ?? '').replace(/[\r\n]+/g, '、').trim());
        while (fields.length > 1 && fields[fields.length - 1] === '') fields.pop();
        return fields.join(' | ');
      })
      .filter((l) => l.replace(/[|\s]/g, '') !== '')
      .join('\n');
  }
  return out;
}
