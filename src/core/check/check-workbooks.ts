/**
 * `checkWorkbooks`, the entry point of the check: recognise every ledger sheet of every workbook,
 * run the sheet loop (`sheet-loop.ts`) on each, then the cross-sheet and cross-workbook rules, and
 * gather the problems, the per-sheet counts and the ledger tables. Pure: no I/O, no clock except
 * `opts.today`.
 */
import type { CheckOptions, CheckResult, SheetReport } from '../check-api';
import { CHECKS, PARSER_CHECKS } from '../checks/registry';
import type { SheetRecords } from '../checks/types';
import type { LedgerTable } from '../ledger';
import type { WorkbookData } from '../model';
import type { Problem } from '../problem';
import { compileHeaderIndex, isNonLedgerSheetName, recognizeSheet, type HeaderIndex } from '../recognize/header';
import { isEmptyCell } from '../recognize/rows';
import { buildSchemaSet, SchemaOverrideError, schemaMistakes } from '../schema/override';
import type { SchemaSet } from '../schema/types';
import type { Settings } from '../settings';
import { readSettingsSheet } from '../settings-sheet';
import { normCompact } from '../text/normalize';
import { makeEnv } from './env';
import { applies, checkLedgerSheet } from './sheet-loop';
import type { SheetState } from './sheet-state';
import { compileLevels, Sink } from './sink';

const DEFAULT_CAP = 1000;

interface Ctx {
  cap: number;
  index: HeaderIndex;
  schemaSet: SchemaSet;
}

/** What a schema may name: the ledger-specific rules, the generic ones, the column types. */
export const KNOWN_NAMES = {
  ruleIds: CHECKS.filter((c) => !c.generic).map((c) => c.id),
  genericIds: CHECKS.filter((c) => c.generic).map((c) => c.id),
  types: [...PARSER_CHECKS.keys()],
} as const;

/**
 * The schemas in force: `opts.schemas`, else the defaults with `opts.schemaOverride`. Throws
 * `SchemaOverrideError` naming every misspelt rule id, column, column type or override field —
 * the checker would otherwise skip them silently.
 */
export function resolveSchemas(opts: Pick<CheckOptions, 'schemas' | 'schemaOverride'>): SchemaSet {
  const set: SchemaSet = opts.schemas
    ? { ledgers: opts.schemas, countyCodes: opts.schemaOverride?.countyCodes ? new Set(opts.schemaOverride.countyCodes) : undefined }
    : buildSchemaSet(opts.schemaOverride, KNOWN_NAMES);
  const mistakes = schemaMistakes(set.ledgers, KNOWN_NAMES.ruleIds, KNOWN_NAMES.types);
  if (mistakes.length > 0) throw new SchemaOverrideError(mistakes);
  return set;
}

/**
 * Check workbooks. `settings` are authoritative; only when `settings.villages` is empty does a
 * workbook's own village list (its `settings`, else its 设置 sheet) apply to that workbook.
 */
export function checkWorkbooks(books: readonly WorkbookData[], settings: Settings, opts: CheckOptions = {}): CheckResult {
  const schemaSet = resolveSchemas(opts);
  const levels = compileLevels(opts.ruleLevels);
  const ctx: Ctx = { cap: opts.maxProblemsPerSheet ?? DEFAULT_CAP, index: compileHeaderIndex(schemaSet.ledgers), schemaSet };
  const today = opts.today ?? new Date();
  const total = books.reduce((n, b) => n + b.sheets.length, 0);
  let done = 0;

  const sinks: Sink[] = [];
  const reports: Array<{ report: SheetReport; sink: Sink }> = [];
  const states: SheetState[] = [];
  const baseEnv = makeEnv(settings, today, settings.villages ?? [], ctx.schemaSet.countyCodes);

  books.forEach((book, bi) => {
    let env = baseEnv;
    if (baseEnv.villages.length === 0) {
      let own = book.settings?.villages;
      if (!own) {
        const ss = book.sheets.find((s) => normCompact(s.name) === '设置');
        if (ss) own = readSettingsSheet(ss).villages;
      }
      if (own && own.length > 0) env = makeEnv(settings, today, own, ctx.schemaSet.countyCodes);
    }
    if (book.date1904) env = { ...env, date1904: true };
    const fileSink = new Sink({ file: book.file, cap: ctx.cap, bookIndex: bi, sheetIndex: -1, levels });
    sinks.push(fileSink);
    let ledgers = 0;
    book.sheets.forEach((sheet, si) => {
      const sink = new Sink({ file: book.file, sheet: sheet.name, cap: ctx.cap, bookIndex: bi, sheetIndex: si, levels });
      sinks.push(sink);
      const report: SheetReport = { file: book.file, sheet: sheet.name, ledger: null, dataRows: 0, errors: 0, warnings: 0, omitted: 0 };
      reports.push({ report, sink });
      const empty = !sheet.rows.some((r) => r.cells.some((c) => !isEmptyCell(c)));
      if (empty) {
        // An empty Sheet2/Sheet3 is no ledger and not worth a line.
        // A sheet named as no ledger (设置, 规则, 填表说明 …) says so, hidden or not: “hidden, skipped;
        // unhide it if it is a ledger” would be wrong for a hidden 规则 sheet, which applies.
      } else if (isNonLedgerSheetName(sheet.name)) sink.add({ code: 'sheet.not-ledger' });
      else if (sheet.hidden) sink.add({ code: 'sheet.hidden' });
      else {
        const rec = recognizeSheet(sheet, ctx.index);
        if (rec === null) sink.add({ code: 'sheet.not-ledger' });
        else {
          ledgers++;
          const st = checkLedgerSheet(sheet, rec, env, sink, book.file, opts.normaliseOnly, opts.lazyFields);
          states.push(st);
          report.ledger = rec.schema.id;
          report.headerRow = rec.row;
          report.dataRows = st.size;
        }
      }
      done++;
      opts.onProgress?.({ file: book.file, sheet: sheet.name, done, total });
    });
    if (ledgers === 0) fileSink.add({ code: 'file.no-ledger' });
  });

  // Cross-sheet and cross-workbook rules.
  const all: readonly SheetRecords[] = states;
  for (const c of CHECKS) {
    if (!c.cross || opts.normaliseOnly) continue;
    const sheets = states.filter((s) => applies(c, s.schema, s));
    if (sheets.length === 0) continue;
    c.cross({ env: baseEnv, sheets, allSheets: all });
  }

  for (const { report, sink } of reports) {
    report.errors = sink.errors;
    report.warnings = sink.warnings;
    report.omitted = sink.omitted;
  }

  const problems: Problem[] = [];
  sinks.sort((a, b) => a.bookIndex - b.bookIndex || a.sheetIndex - b.sheetIndex);
  for (const s of sinks) {
    const ps = s.problems;
    ps.sort(byRowCol);
    for (let i = 0; i < ps.length; i++) problems.push(ps[i]);
  }

  // `records` is a getter: the record objects are only built when a consumer reads them.
  // `rows` (the sheet's store, read column-wise) is not enumerable: copies, JSON and equality
  // checks of a table see its records only.
  const tables: LedgerTable[] = states.map((s) =>
    Object.defineProperty(
      {
        file: s.file,
        sheet: s.sheet,
        ledger: s.schema.id,
        headerRow: reports.find((r) => r.sink === s.sink)!.report.headerRow!,
        columns: s.cols.map((c) => ({ field: c.field, header: c.header, col: c.col })),
        get records() {
          return s.records;
        },
      },
      'rows',
      { value: s, enumerable: false },
    ),
  );

  return { settings, sheets: reports.map((r) => r.report), problems, tables, schemas: schemaSet.ledgers };
}

function byRowCol(a: Problem, b: Problem): number {
  return (a.row ?? 0) - (b.row ?? 0) || (a.col ?? 0) - (b.col ?? 0);
}
