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

/** The names an override may use, from the check registry (the schema module cannot import it). */
export interface KnownNames {
  /** Rules a ledger may list (default: those the default schemas list). */
  ruleIds?: readonly string[];
  /** Rules that run on every ledger. */
  genericIds?: readonly string[];
  /** Column types with a parser. */
  types?: readonly string[];
}

const OVERRIDE_KEYS = ['ledgers', 'countyCodes'];
const LEDGER_OVERRIDE_KEYS = ['sheetNames', 'addColumns', 'columns', 'rules', 'disableRules'];
const COLUMN_OVERRIDE_KEYS = ['aliases', 'required', 'type', 'vocab', 'addTerms', 'note'];

/** The property names of `o` that are not among `known` (a misspelt `disableRule`…). */
function unknownKeys(o: object, known: readonly string[]): string[] {
  return Object.keys(o).filter((k) => !known.includes(k));
}

/**
 * Every entry of an override that names something that does not exist (a ledger, a column to
 * change, a rule to keep or switch off, a column type, an override field, a bad county code) or
 * that would be dropped (an added column that exists already): such entries are mistakes, never
 * dropped silently. Empty when the override is sound. `ruleIds`: the rules a ledger may list;
 * `genericIds`: the rules that run on every ledger (listing them does nothing); `types`: the column
 * types that have a parser (not checked when omitted).
 */
export function overrideMistakes(
  override: SchemaOverride | undefined,
  ruleIds: readonly string[],
  types?: readonly string[],
  genericIds?: readonly string[],
): string[] {
  const out: string[] = [];
  if (!override) return out;
  const typeKnown = (t: string) => types === undefined || types.includes(t);
  for (const k of unknownKeys(override, OVERRIDE_KEYS)) out.push(`没有配置项“${k}”（可用的有：${OVERRIDE_KEYS.join('、')}）`);
  for (const [id, o] of Object.entries(override.ledgers ?? {})) {
    const s = DEFAULT_LEDGER_SCHEMAS.find((x) => x.id === id);
    if (!s) {
      out.push(`没有台账“${id}”（可用的有：${DEFAULT_LEDGER_SCHEMAS.map((x) => x.id).join('、')}）`);
      continue;
    }
    if (!o) continue;
    for (const k of unknownKeys(o, LEDGER_OVERRIDE_KEYS)) out.push(`台账“${id}”：没有配置项“${k}”（可用的有：${LEDGER_OVERRIDE_KEYS.join('、')}）`);
    for (const [field, co] of Object.entries(o.columns ?? {})) {
      if (!s.columns.some((c) => c.field === field)) out.push(`台账“${id}”没有列“${field}”`);
      for (const k of unknownKeys(co ?? {}, COLUMN_OVERRIDE_KEYS)) out.push(`台账“${id}”列“${field}”：没有配置项“${k}”（可用的有：${COLUMN_OVERRIDE_KEYS.join('、')}）`);
      if (co?.type !== undefined && !typeKnown(co.type)) out.push(`台账“${id}”列“${field}”：没有列类型“${co.type}”`);
    }
    const added = new Set<string>();
    for (const c of o.addColumns ?? []) {
      if (s.columns.some((x) => x.field === c.field) || added.has(c.field)) out.push(`台账“${id}”已有列“${c.field}”，不能再新增`);
      added.add(c.field);
      if (!typeKnown(c.type)) out.push(`台账“${id}”新增列“${c.field}”：没有列类型“${c.type}”`);
    }
    for (const r of [...(o.rules ?? []), ...(o.disableRules ?? [])]) {
      if (genericIds?.includes(r)) out.push(`台账“${id}”：规则“${r}”对每本台账都适用，不能按台账开关（请在“规则”中把它的代码设为“关闭”）`);
      else if (!ruleIds.includes(r)) out.push(`台账“${id}”：没有规则“${r}”`);
    }
  }
  for (const c of override.countyCodes ?? []) if (!/^\d{6}$/.test(c)) out.push(`地区码“${c}”应为6位数字`);
  return out;
}

/**
 * Every mistake of complete schemas (given instead of an override, or built from one): a rule id
 * no check has, a column type no parser reads, a field named twice, a dependent vocabulary whose
 * parent column does not exist. The checker would skip each of these silently.
 */
export function schemaMistakes(schemas: readonly LedgerSchema[], ruleIds: readonly string[], types: readonly string[]): string[] {
  const out: string[] = [];
  for (const s of schemas) {
    const fields = new Set<string>();
    for (const c of s.columns) {
      if (fields.has(c.field)) out.push(`台账“${s.id}”的列“${c.field}”出现两次`);
      fields.add(c.field);
      if (!types.includes(c.type)) out.push(`台账“${s.id}”列“${c.field}”：没有列类型“${c.type}”`);
    }
    for (const c of s.columns) {
      const gf = c.vocab?.groupField;
      if (gf !== undefined && !fields.has(gf)) out.push(`台账“${s.id}”列“${c.field}”的词表依附于不存在的列“${gf}”`);
    }
    for (const r of s.rules) if (!ruleIds.includes(r)) out.push(`台账“${s.id}”：没有规则“${r}”`);
  }
  return out;
}

/**
 * The ledger schemas with a user override applied (defaults when none). The defaults are never
 * mutated. Throws `SchemaOverrideError` when the override names a ledger, column or rule that
 * does not exist (see `overrideMistakes`; the configuration validates before it gets here).
 */
export function buildSchemas(override?: SchemaOverride, known: KnownNames = {}): LedgerSchema[] {
  if (override) {
    const ids = known.ruleIds ?? [...new Set(DEFAULT_LEDGER_SCHEMAS.flatMap((s) => s.rules))];
    const mistakes = overrideMistakes(override, ids, known.types, known.genericIds);
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

export function buildSchemaSet(override?: SchemaOverride, known: KnownNames = {}): SchemaSet {
  return {
    ledgers: buildSchemas(override, known),
    countyCodes: override?.countyCodes && override.countyCodes.length > 0 ? new Set(override.countyCodes) : undefined,
  };
}

/** The five default ledger schemas (read-only data; use `buildSchemas(override)` for user changes). */
export const LEDGER_SCHEMAS: readonly LedgerSchema[] = DEFAULT_LEDGER_SCHEMAS;

