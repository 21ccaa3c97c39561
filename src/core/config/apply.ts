/**
 * What a validated configuration changes: the settings (设置, 村名单), the schema override
 * (词表 terms and synonyms, 列名 aliases and added columns) and the rule levels (规则).
 */
import type { CheckOptions, CheckResult } from '../check-api';
import type { Problem } from '../problem';
import type { LedgerId } from '../ledger';
import { DEFAULT_LEDGER_SCHEMAS } from '../schema/ledgers';
import type { LedgerOverride, LedgerSchema, SchemaOverride } from '../schema/types';
import type { Settings } from '../settings';
import type { LedgerConfig, RuleLevel } from './types';

/** The settings the configuration sets (only those it sets). */
export function configSettings(c: LedgerConfig): Partial<Settings> {
  const out: Partial<Settings> = {};
  const s = c.settings;
  if (s.year !== undefined) out.year = s.year;
  if (s.township !== undefined && s.township !== '') out.township = s.township;
  if (s.deadline !== undefined) out.deadline = s.deadline;
  if (s.maskIds !== undefined) out.maskIds = s.maskIds;
  if (s.locale !== undefined) out.locale = s.locale;
  if (s.people !== undefined) out.people = { ...s.people };
  if (s.resubmitDays !== undefined) out.resubmitDays = s.resubmitDays;
  if (c.villages.length > 0) out.villages = [...c.villages];
  return out;
}

/** The schema override of the 词表 and 列名 entries (undefined when there are none). */
export function configOverride(c: LedgerConfig, schemas: readonly LedgerSchema[] = DEFAULT_LEDGER_SCHEMAS): SchemaOverride | undefined {
  if (c.vocab.length === 0 && c.aliases.length === 0) return undefined;
  const ledgers: Partial<Record<LedgerId, LedgerOverride>> = {};
  const lo = (id: LedgerId): LedgerOverride => (ledgers[id] ??= {});
  for (const v of c.vocab) {
    for (const s of schemas) {
      if (!s.columns.some((x) => x.field === v.column && x.type === 'vocab')) continue;
      const o = lo(s.id);
      const co = ((o.columns ??= {})[v.column] ??= {});
      (co.addTerms ??= []).push({ term: v.term, synonyms: [...v.synonyms], groups: v.groups.length > 0 ? [...v.groups] : undefined });
    }
  }
  for (const a of c.aliases) {
    const o = lo(a.ledger);
    if (a.added) (o.addColumns ??= []).push({ field: a.field, aliases: [...a.aliases], type: 'text', note: '乡镇配置新增的列' });
    else if (a.aliases.length > 0) {
      const co = ((o.columns ??= {})[a.field] ??= {});
      co.aliases = [...(co.aliases ?? []), ...a.aliases];
    }
  }
  return { ledgers };
}

/** The rule levels of the 规则 entries, by code. */
export function configRuleLevels(c: LedgerConfig): Record<string, RuleLevel> {
  const out: Record<string, RuleLevel> = {};
  for (const r of c.rules) out[r.code] = r.level;
  return out;
}

/** The check options the configuration sets (schema override and rule levels). */
export function configCheckOptions(c: LedgerConfig): Pick<CheckOptions, 'schemaOverride' | 'ruleLevels'> {
  const out: Pick<CheckOptions, 'schemaOverride' | 'ruleLevels'> = {};
  const o = configOverride(c);
  if (o) out.schemaOverride = o;
  if (c.rules.length > 0) out.ruleLevels = configRuleLevels(c);
  return out;
}

/**
 * A check result with the mistakes of a workbook's configuration sheets added as its problems
 * (first, as the sheets come before the ledgers in what a clerk reads) and counted in their
 * sheet's report, so that counts and exit codes include them. Used by the add-in and the CLI.
 */
export function withConfigIssues(result: CheckResult, issues: readonly Problem[]): CheckResult {
  if (issues.length === 0) return result;
  const sheets = result.sheets.map((s) => ({ ...s }));
  for (const p of issues) {
    if (p.sheet === undefined) continue;
    let s = sheets.find((x) => x.file === (p.file ?? '') && x.sheet === p.sheet);
    if (!s) {
      s = { file: p.file ?? '', sheet: p.sheet, ledger: null, dataRows: 0, errors: 0, warnings: 0, omitted: 0 };
      sheets.push(s);
    }
    if (p.severity === 'error') s.errors++;
    else if (p.severity === 'warning') s.warnings++;
  }
  return { ...result, sheets, problems: [...issues, ...result.problems] };
}
