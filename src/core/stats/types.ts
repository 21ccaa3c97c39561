import type { FieldValue, LedgerId } from '../ledger';
import type { StatsVocabulary } from './vocabulary';

/**
 * A dimension a figure can be broken down by. Every figure also has its total (no qualifier).
 * - `village`: 所在村 of 优抚对象, 兵役登记, 安置 (members: the settings' village list in its order,
 *   then any other village found, in order of first appearance; an empty 所在村 is `(未填)`).
 * - `category`: 优抚类别 (members: the vocabulary's categories, then any other value found).
 * - `activity`: 活动类别 (the vocabulary's twelve, then others found).
 * - `direction`: 方向 of an activity (拥军优属/拥政爱民) — taken from the 活动类别 when the category
 *   is known, otherwise from the row's 方向 cell.
 * - `unit`: 所在村/单位 of an activity.
 * - `pairType`: 共建对子 类型 (军民共建/帮扶).
 * - `placementType`: 安置类型 (退役士兵/随军家属).
 * - `ledger`: the ledger a year-over-year figure counts (优抚对象, 安置, 共建对子).
 */
export type DimId = 'village' | 'category' | 'activity' | 'direction' | 'unit' | 'pairType' | 'placementType' | 'ledger';

export const DIM_IDS: readonly DimId[] = ['village', 'category', 'activity', 'direction', 'unit', 'pairType', 'placementType', 'ledger'];

/** How a figure's value is shown: whole number, money (元, two decimals) or percentage (one decimal). */
export type StatFormat = 'int' | 'money' | 'percent';

/** A row condition: the field's (canonical) value equals `is` (or one of them). `true` matches a
 *  是 in any of its accepted spellings. All conditions of a rule must hold. */
export interface Condition {
  field: string;
  is: FieldValue | readonly FieldValue[];
}

/** How a figure is computed. Row rules (count/distinct/sum) read one ledger's counted rows;
 *  derived rules combine other figures at the same qualifiers. */
export type StatRule =
  | { kind: 'count'; ledger: LedgerId; where?: Condition[] }
  | { kind: 'distinct'; ledger: LedgerId; field: string; where?: Condition[] }
  | { kind: 'sum'; ledger: LedgerId; field: string; where?: Condition[] }
  | { kind: 'difference'; minuend: string; subtrahend: string }
  | { kind: 'ratio'; numerator: string; denominator: string }
  | { kind: 'plus'; terms: string[] }
  | { kind: 'alias'; of: string; at?: Partial<Record<DimId, string>> }
  /** A figure of a comparison (年度比对, 名单比对): its values are given with the comparison's
   *  result (src/core/compare/stats.ts); "—" when no comparison was run. */
  | { kind: 'given' };

export interface StatDefinition {
  /** The figure's name, as used in placeholders: `{{name}}`, `{{name|qualifier}}`. */
  name: string;
  /** The ledger section it belongs to (for documentation and listing). */
  group: string;
  /** Dimensions it can be qualified by (each placeholder qualifier names a member of one). */
  dims: DimId[];
  format: StatFormat;
  rule: StatRule;
  /** The exact semantics, in Chinese (the documentation of record). */
  semantics: string;
  /** The same in English. */
  semanticsEn: string;
}

/** One figure's value at one set of qualifiers. */
export interface StatValue {
  name: string;
  format: StatFormat;
  /** The number (元 for money; a fraction 0..1 for a percentage), or null for a rate whose
   *  denominator is 0 (shown "—"). */
  value: number | null;
  /** For a rate: the summed counts it was computed from. */
  numerator?: number;
  denominator?: number;
  /** The value as shown: `12`, `1234.50`, `98.5%`, `—`. */
  text: string;
}

export interface IgnoredValues {
  ledger: LedgerId;
  field: string;
  /** Rows whose value in that field was not a number (e.g. "五百") and so was not summed. */
  count: number;
}

export interface LedgerInputSummary {
  ledger: LedgerId;
  tables: number;
  /** Data rows read. */
  records: number;
  /** Rows counted: data rows whose 状态 is 在册/有效/empty (all rows when there is no 状态 column). */
  counted: number;
  /** Rows left out because of their 状态 (暂停, 注销, 终止, or any other value). */
  excludedByStatus: number;
  /** Rows left out because they are a 合计/总计/小计 line that reached the statistics anyway. */
  excludedTotals: number;
  /** Rows with errors that were still counted (statistics are made from the rows as typed). */
  withErrors: number;
}

/**
 * The statistics of a set of ledgers. Plain JSON data (no Map/Set), so it can cross a worker or
 * the task pane boundary. Read values with `getStat` / `statValue`.
 */
export interface Statistics {
  year: number;
  township: string;
  vocabulary: StatsVocabulary;
  /** Members of each dimension, in display order. */
  members: Record<DimId, string[]>;
  definitions: StatDefinition[];
  /** Raw accumulators: key `name\u0001dim=member\u0002dim=member` (dims in the ledger's order) → count, distinct count, or a
   *  sum in hundredths (cents for money) — integers, so sums never drift. */
  raw: Record<string, number>;
  inputs: LedgerInputSummary[];
  ignored: IgnoredValues[];
  /** The comparisons whose figures were given (absent: the figures show "—"). */
  comparison?: {
    /** The police list of the men who must register: the 兵役登记 denominators come from it. */
    roster?: { file: string; listed: number };
    /** Last year's ledgers were compared with this year's. */
    yoy?: { lastYear: number };
  };
  /** Rows whose 优抚类别 / 活动类别 is not in the vocabulary (counted in totals, not in a category
   *  column of the standard forms). */
  unknownCategoryRows: { beneficiary: number; activity: number };
  /** With a village list: the 所在村 spellings not on it and their rows (counted together under
   *  村名待核实, the last village member). Empty without a list. */
  unlistedVillages?: Array<{ name: string; rows: number }>;
}
