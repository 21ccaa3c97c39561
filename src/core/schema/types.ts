/**
 * Ledger schemas are data: columns, aliases, types, required flags, vocabularies with synonyms and
 * the rules that apply. The defaults (ledgers.md §4) are in `ledgers.ts`; users change them through
 * a `SchemaOverride` (see `override.ts`), never through code.
 */
import type { LedgerId } from '../ledger';

/** Value types of a column; each has a parser/normaliser under src/core/checks/. */
export type ColumnType =
  | 'seq' // 序号: ignored by the rules
  | 'text'
  | 'name' // a person's name: middle dots normalised
  | 'id' // 身份证号 (GB 11643)
  | 'date' // day precision
  | 'month-date' // day or month precision (入伍/退伍时间, 出生年月)
  | 'amount' // 元, ≥ 0, ≤ 2 decimals
  | 'count' // whole number ≥ 0
  | 'yesno'
  | 'vocab'
  | 'phone'
  | 'village' // 所在村: checked against the village list when one is set
  | 'ethnic'
  | 'code'; // an identifier such as 对子编号 (text, numbers kept as digits)

export interface VocabTerm {
  /** The canonical term, e.g. `残疾军人`. */
  term: string;
  /** Synonyms mapped to the term (a fixable warning unless the vocabulary is `quiet`). */
  synonyms?: string[];
  /** For a dependent vocabulary: the values of the parent column (`groupField`) it belongs to. */
  groups?: string[];
}

export interface Vocabulary {
  terms: VocabTerm[];
  /** Synonyms are accepted silently (e.g. 残疾等级 `3` → `三级`, 性别 `男性` → `男`). */
  quiet?: boolean;
  /** This vocabulary depends on another column: a term must belong to that column's value. */
  groupField?: string;
}

export interface ColumnSchema {
  /** Canonical field name exactly as in ledgers.md §4 (half-width brackets). */
  field: string;
  /** Other header texts that mean this column. */
  aliases?: string[];
  type: ColumnType;
  required?: boolean;
  vocab?: Vocabulary;
  /** A short description for templates' 填表说明 (Chinese). */
  note?: string;
}

export interface LedgerSchema {
  id: LedgerId;
  /** Sheet names that hint at this ledger (the id itself is always one). */
  sheetNames: string[];
  columns: ColumnSchema[];
  /** Ids of the ledger-specific checks that apply (src/core/checks/*). Generic checks always run. */
  rules: string[];
}

/** Changes to the default schemas, as data (e.g. loaded from JSON). */
export interface SchemaOverride {
  ledgers?: Partial<Record<LedgerId, LedgerOverride>>;
  /** Known county codes (6 digits). When given, an ID whose region is not listed is a warning. */
  countyCodes?: string[];
}

export interface LedgerOverride {
  /** Extra sheet-name hints. */
  sheetNames?: string[];
  /** New columns (appended). */
  addColumns?: ColumnSchema[];
  /** Changes to existing columns, by canonical field name. */
  columns?: Record<string, ColumnOverride>;
  /** Replace the rule list. */
  rules?: string[];
  /** Rules to switch off. */
  disableRules?: string[];
}

export interface ColumnOverride {
  /** Aliases added to the defaults. */
  aliases?: string[];
  required?: boolean;
  type?: ColumnType;
  /** Replace the vocabulary. */
  vocab?: Vocabulary;
  /** Terms added to the vocabulary (or synonyms added to an existing term of that name). */
  addTerms?: VocabTerm[];
  note?: string;
}

/** Compiled schemas as the checker uses them. */
export interface SchemaSet {
  ledgers: readonly LedgerSchema[];
  countyCodes?: ReadonlySet<string>;
}
