import type { LedgerId } from '../ledger';
import { DEFAULT_LEDGER_SCHEMAS } from './ledgers';
import type { ColumnSchema, LedgerSchema, SchemaOverride, SchemaSet, Vocabulary } from './types';

function cloneVocab(v: Vocabulary | undefined): Vocabulary | undefined {
  if (!v) return undefined;
  return {
    ...v,
    terms: v.terms.map((x) => ({ term: x.term, synonyms: x.synonyms ? [...x.synonyms] : undefined, groups: x.groups ? [...x.groups] : undefined })),
  };
}

function cloneColumn(c: ColumnSchema): ColumnSchema {
  return { ...c, aliases: c.aliases ? [...c.aliases] : undefined, vocab: cloneVocab(c.vocab) };
}

/** Thrown for an override that names a ledger, column or rule that does not exist. */
export class SchemaOverrideError extends Error {
  constructor(readonly mistakes: string[]) {
    super(`配置有误：${mistakes.join('；')}`);
    this.name = 'SchemaOverrideError';
  }
}

/**
 * Every entry of an override that names something that does not exist (a ledger, a column to
 * change, a rule to keep or switch off, a bad county code): unknown entries are mistakes, never
 * dropped silently. Empty when the override is sound.
 */
export function overrideMistakes(override: SchemaOverride | undefined, ruleIds: readonly string[]): string[] {
  const out: string[] = [];
  if (!override) return out;
  for (const [id, o] of Object.entries(override.ledgers ?? {})) {
    const s = DEFAULT_LEDGER_SCHEMAS.find((x) => x.id === id);
    if (!s) {
      out.push(`没有台账“${id}”（可用的有：${DEFAULT_LEDGER_SCHEMAS.map((x) => x.id).join('、')}）`);
      continue;
    }
    if (!o) continue;
    for (const field of Object.keys(o.columns ?? {})) {
      if (!s.columns.some((c) => c.field === field)) out.push(`台账“${id}”没有列“${field}”`);
    }
    for (const r of [...(o.rules ?? []), ...(o.disableRules ?? [])]) {
      if (!ruleIds.includes(r)) out.push(`台账“${id}”：没有规则“${r}”`);
    }
  }
  for (const c of override.countyCodes ?? []) if (!/^\d{6}$/.test(c)) out.push(`地区码“${c}”应为6位数字`);
  return out;
}

/**
 * The ledger schemas with a user override applied (defaults when none). The defaults are never
 * mutated. Throws `SchemaOverrideError` when the override names a ledger, column or rule that
 * does not exist (see `overrideMistakes`; the configuration validates before it gets here).
 */
export function buildSchemas(override?: SchemaOverride, ruleIds?: readonly string[]): LedgerSchema[] {
  if (override) {
    const ids = ruleIds ?? [...new Set(DEFAULT_LEDGER_SCHEMAS.flatMap((s) => s.rules))];
    const mistakes = overrideMistakes(override, ids);
    if (mistakes.length > 0) throw new SchemaOverrideError(mistakes);
  }
  const out: LedgerSchema[] = DEFAULT_LEDGER_SCHEMAS.map((s) => ({
    id: s.id,
    sheetNames: [...s.sheetNames],
    columns: s.columns.map(cloneColumn),
    rules: [...s.rules],
  }));
  if (!override?.ledgers) return out;
  for (const s of out) {
    const o = override.ledgers[s.id as LedgerId];
    if (!o) continue;
    if (o.sheetNames) s.sheetNames.push(...o.sheetNames);
    if (o.columns) {
      for (const [field, co] of Object.entries(o.columns)) {
        const c = s.columns.find((x) => x.field === field);
        if (!c) continue;
        if (co.aliases) c.aliases = [...(c.aliases ?? []), ...co.aliases];
        if (co.required !== undefined) c.required = co.required;
        if (co.type) c.type = co.type;
        if (co.note !== undefined) c.note = co.note;
        if (co.vocab) {
          c.vocab = cloneVocab(co.vocab);
          if (!co.type) c.type = 'vocab';
        }
        if (co.addTerms) {
          if (!c.vocab) c.vocab = { terms: [] };
          c.type = 'vocab';
          for (const nt of co.addTerms) {
            const ex = c.vocab.terms.find((x) => x.term === nt.term);
            if (ex) {
              ex.synonyms = [...(ex.synonyms ?? []), ...(nt.synonyms ?? [])];
              if (nt.groups) ex.groups = [...(ex.groups ?? []), ...nt.groups];
            } else {
              c.vocab.terms.push({ term: nt.term, synonyms: nt.synonyms ? [...nt.synonyms] : undefined, groups: nt.groups ? [...nt.groups] : undefined });
            }
          }
        }
      }
    }
    if (o.addColumns) {
      for (const c of o.addColumns) {
        if (!s.columns.some((x) => x.field === c.field)) s.columns.push(cloneColumn(c));
      }
    }
    if (o.rules) s.rules = [...o.rules];
    if (o.disableRules) s.rules = s.rules.filter((r) => !o.disableRules!.includes(r));
  }
  return out;
}

export function buildSchemaSet(override?: SchemaOverride): SchemaSet {
  return {
    ledgers: buildSchemas(override),
    countyCodes: override?.countyCodes && override.countyCodes.length > 0 ? new Set(override.countyCodes) : undefined,
  };
}

/** The five default ledger schemas (read-only data; use `buildSchemas(override)` for user changes). */
export const LEDGER_SCHEMAS: readonly LedgerSchema[] = DEFAULT_LEDGER_SCHEMAS;

