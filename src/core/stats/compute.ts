/**
 * computeStatistics, in three phases: (1) compile the row rules of STAT_DEFINITIONS per ledger;
 * (2) count the counted rows of every table into its finest cells, one per combination of the
 * ledger's dimension members (LEDGER_DIMENSIONS: which dimensions each ledger has and where each
 * member comes from, as data); (3) roll the cells up to every combination of each rule's
 * dimensions (integers only). Derived figures (differences, rates, sums of figures, aliases) are
 * evaluated on demand from those integers (statValue).
 */
import type { FieldValue, LedgerId, LedgerRecord, LedgerTable } from '../ledger';
import type { Settings } from '../settings';
import { STAT_DEFINITIONS } from './definitions';
import { formatStat } from './format';
import type {
  Condition,
  DimId,
  IgnoredValues,
  LedgerInputSummary,
  StatDefinition,
  StatFormat,
  StatValue,
  Statistics,
} from './types';
import { DIM_IDS } from './types';
import { DEFAULT_VOCABULARY, type StatsVocabulary } from './vocabulary';

/** The label of a row whose village / unit / category cell is empty. */
export const UNFILLED = '(未填)';
/** With a village list, the one row under which every village not on it is counted (issue #15
 *  item 4: a misspelt 合平村 must not become a row of the official forms). */
export const UNVERIFIED_VILLAGE = '村名待核实';

export interface StatisticsOptions {
  /** Vocabularies to group by (default: the built-in ones of ledgers.md §4). */
  vocabulary?: Partial<StatsVocabulary>;
  /** Figures to compute (default: STAT_DEFINITIONS). */
  definitions?: readonly StatDefinition[];
}

const YES = new Set(['是', 'y', 'yes', '√', '✓', '✔', '1', 'true', '对']);
const NO = new Set(['否', 'n', 'no', '×', '✗', '✘', '0', 'false']);
const ACTIVE_STATUS = new Set(['在册', '有效']);
const TOTAL_WORDS = new Set(['合计', '总计', '小计', '共计']);
const LABEL_FIELDS = ['序号', '所在村', '所在村/单位', '姓名', '对子编号', '活动名称'];

export function isYes(v: FieldValue | undefined): boolean {
  if (v === true) return true;
  if (typeof v === 'number') return v === 1;
  if (typeof v === 'string') return YES.has(v.trim().toLowerCase());
  return false;
}

function isNo(v: FieldValue | undefined): boolean {
  if (v === false) return true;
  if (typeof v === 'number') return v === 0;
  if (typeof v === 'string') return NO.has(v.trim().toLowerCase());
  return false;
}

function text(v: FieldValue | undefined): string {
  if (v === null || v === undefined) return '';
  return (typeof v === 'string' ? v : String(v)).trim();
}

function label(v: FieldValue | undefined): string {
  const t = text(v);
  return t === '' ? UNFILLED : t;
}

/** Counted iff there is no 状态, or it is empty, 在册 or 有效. */
export function isCountedStatus(v: FieldValue | undefined): boolean {
  const t = text(v);
  return t === '' || ACTIVE_STATUS.has(t);
}

function isTotalLine(rec: LedgerRecord): boolean {
  for (const f of LABEL_FIELDS) {
    const x = rec.v[f];
    if (typeof x === 'string' && x.length <= 12 && x.includes('计') && TOTAL_WORDS.has(x.replace(/\s+/g, ''))) return true;
  }
  return false;
}

function matches(val: FieldValue | undefined, is: Condition['is'], syn: Record<string, string> | undefined): boolean {
  if (Array.isArray(is)) return (is as readonly FieldValue[]).some((x) => matches(val, x, syn));
  if (is === true) return isYes(val);
  if (is === false) return isNo(val);
  if (is === null) return text(val) === '';
  if (typeof is === 'number') return typeof val === 'number' ? val === is : text(val) === String(is);
  const t = text(val);
  return t === is || (syn !== undefined && syn[t] === is);
}

/** Key of a raw accumulator. Dimensions appear in the order of the ledger's dimensions (LEDGER_DIMS). */
export function rawKey(name: string, parts: ReadonlyArray<readonly [DimId, string]>): string {
  let k = name + '\u0001';
  for (let i = 0; i < parts.length; i++) k += (i ? '\u0002' : '') + parts[i][0] + '=' + parts[i][1];
  return k;
}

/** All subsets of dims, preserving order (the empty subset first). */
function subsets<T>(xs: readonly T[]): T[][] {
  let out: T[][] = [[]];
  for (const x of xs) out = out.concat(out.map((s) => [...s, x]));
  return out;
}

function resolveVocabulary(v?: Partial<StatsVocabulary>): StatsVocabulary {
  return { ...DEFAULT_VOCABULARY, ...(v ?? {}) };
}

// ─────────────────────────── the dimensions of each ledger, as data ───────────────────────────

/** What a ledger's dimension members and effective value are computed from, for one row. */
interface RowView {
  /** The record's values. */
  readonly v: Readonly<Record<string, FieldValue>>;
  /** The ledger's effective value (its `effective` field), '' when it has none. */
  readonly effective: string;
  /** A field's value, trimmed, with the vocabulary's synonym replaced by its term. */
  canon(field: string): string;
  /** A village cell's row label: the name, (未填), or 村名待核实 for a name not on the list. */
  village(field: string): string;
  /** The direction (拥军/拥政爱民) of an activity category of the vocabulary. */
  direction(category: string): string | undefined;
  /** Is this a beneficiary category of the vocabulary? */
  knownCategory(category: string): boolean;
}

interface LedgerDimensions {
  /** The dimensions of the ledger's rows, in key order, and how a row's member is found. */
  dims: ReadonlyArray<{ dim: DimId; of: (r: RowView) => string }>;
  /** One field whose effective value (canonical term, or a derived state) replaces the cell in
   *  the definitions' conditions. */
  effective?: { field: string; of: (r: RowView) => string };
  /** Rows whose category the vocabulary does not know are counted here (Statistics.unknownCategoryRows). */
  unknown?: { count: keyof Statistics['unknownCategoryRows']; is: (r: RowView) => boolean };
}

const orUnfilled = (t: string): string => (t === '' ? UNFILLED : t);

/** The dimensions each ledger's rows carry (ledgers.md §6), and where each member comes from. */
const LEDGER_DIMENSIONS: Record<LedgerId, LedgerDimensions> = {
  优抚对象: {
    effective: { field: '优抚类别', of: (r) => r.canon('优抚类别') },
    unknown: { count: 'beneficiary', is: (r) => !r.knownCategory(r.effective) },
    dims: [
      { dim: 'village', of: (r) => r.village('所在村') },
      { dim: 'category', of: (r) => orUnfilled(r.effective) },
    ],
  },
  兵役登记: {
    dims: [{ dim: 'village', of: (r) => r.village('所在村') }],
  },
  双拥活动: {
    effective: { field: '活动类别', of: (r) => r.canon('活动类别') },
    unknown: { count: 'activity', is: (r) => r.direction(r.effective) === undefined },
    dims: [
      { dim: 'activity', of: (r) => orUnfilled(r.effective) },
      // The vocabulary's direction of the category; else the row's own 方向.
      { dim: 'direction', of: (r) => r.direction(r.effective) ?? label(r.canon('方向')) },
      { dim: 'unit', of: (r) => label(r.v['所在村/单位']) },
    ],
  },
  共建对子: {
    dims: [{ dim: 'pairType', of: (r) => label(r.canon('类型')) }],
  },
  安置: {
    // An empty 安置状态 is 已安置 when a 安置单位 is filled in, else 待安置.
    effective: {
      field: '安置状态',
      of: (r) => r.canon('安置状态') || (text(r.v['安置单位']) !== '' ? '已安置' : '待安置'),
    },
    dims: [
      { dim: 'village', of: (r) => r.village('所在村') },
      { dim: 'placementType', of: (r) => label(r.canon('安置类型')) },
    ],
  },
};

/** The dimensions of each ledger, in key order (rawKey). */
const LEDGER_DIMS = Object.fromEntries(
  Object.entries(LEDGER_DIMENSIONS).map(([id, d]) => [id, d.dims.map((x) => x.dim)]),
) as Record<LedgerId, DimId[]>;

// ─────────────────────────── phase 1: compile the row rules ───────────────────────────

interface RowRule {
  def: StatDefinition;
  kind: 'count' | 'distinct' | 'sum';
  field?: string;
  where?: Condition[];
  /** Indexes into the ledger's subset list, of the subsets of the def's dims. */
  subsetIdx: number[];
}

interface CompiledRules {
  /** Per ledger: every subset of its dimensions (the keys a cell is rolled up to). */
  subsets: Partial<Record<LedgerId, DimId[][]>>;
  /** Per ledger: the count, distinct and sum definitions over its rows. */
  rules: Partial<Record<LedgerId, RowRule[]>>;
}

function compileRules(definitions: readonly StatDefinition[]): CompiledRules {
  const out: CompiledRules = { subsets: {}, rules: {} };
  for (const def of definitions) {
    const r = def.rule;
    if (r.kind !== 'count' && r.kind !== 'distinct' && r.kind !== 'sum') continue;
    const ldims = LEDGER_DIMS[r.ledger];
    for (const d of def.dims) {
      if (!ldims.includes(d)) throw new Error(`statistic ${def.name}: ledger ${r.ledger} has no dimension ${d}`);
    }
    const subs = (out.subsets[r.ledger] ??= subsets(ldims));
    // The subsets of the def's dims, as the ledger orders its dims (keys always use that order).
    const subsetIdx = subs.map((sub, i) => (sub.every((d) => def.dims.includes(d)) ? i : -1)).filter((i) => i >= 0);
    (out.rules[r.ledger] ??= []).push({
      def,
      kind: r.kind,
      field: r.kind === 'count' ? undefined : r.field,
      where: r.where,
      subsetIdx,
    });
  }
  return out;
}

/** The members of each dimension, seeded with the vocabulary's and the village list's order. */
class Members {
  readonly members: Record<DimId, string[]>;
  private readonly seen = {} as Record<DimId, Set<string>>;
  constructor(vocabulary: StatsVocabulary, villages: readonly string[]) {
    this.members = {
      village: [],
      category: [...vocabulary.beneficiaryCategories],
      activity: vocabulary.activityGroups.flatMap((g) => g.categories),
      direction: vocabulary.activityGroups.map((g) => g.direction),
      unit: [],
      pairType: [...vocabulary.pairTypes],
      placementType: [...vocabulary.placementTypes],
      ledger: ['优抚对象', '安置', '共建对子'],
    };
    for (const d of DIM_IDS) this.seen[d] = new Set(this.members[d]);
    for (const v of villages) {
      const t = v.trim();
      if (t) this.note('village', t);
    }
  }
  /** A member found in the rows, appended in first-appearance order. */
  note(d: DimId, m: string): void {
    if (!this.seen[d].has(m)) {
      this.seen[d].add(m);
      this.members[d].push(m);
    }
  }
}

// ─────────────────────────── phase 2: count rows into cells ───────────────────────────

/** The finest cell of a ledger: one combination of members of all its dimensions. */
interface Cell {
  coords: string[];
  /** Per rule: the count, or the sum in hundredths. */
  n: number[];
  /** Per distinct rule: the identities seen. */
  sets: Array<Set<string> | undefined>;
}

/** What the counting keeps across tables besides the cells. */
interface Tally {
  inputs: Map<LedgerId, LedgerInputSummary>;
  ignored: Map<string, IgnoredValues>;
  unknownCategoryRows: Statistics['unknownCategoryRows'];
  unlisted: Map<string, number>;
}

/** The row view of one ledger's rows (one instance per table, reused row by row). */
class RowReader implements RowView {
  v: Readonly<Record<string, FieldValue>> = {};
  effective = '';
  constructor(
    private readonly vocabulary: StatsVocabulary,
    private readonly directions: ReadonlyMap<string, string>,
    private readonly knownCategories: ReadonlySet<string>,
    private readonly listed: ReadonlySet<string>,
    private readonly unlisted: Map<string, number>,
  ) {}
  canon(field: string): string {
    const t = text(this.v[field]);
    return this.vocabulary.synonyms[field]?.[t] ?? t;
  }
  village(field: string): string {
    const t = label(this.v[field]);
    // With a village list, rows come from the list only; any other spelling goes under 村名待核实.
    if (this.listed.size === 0 || this.listed.has(t)) return t;
    this.unlisted.set(t, (this.unlisted.get(t) ?? 0) + 1);
    return UNVERIFIED_VILLAGE;
  }
  direction(category: string): string | undefined {
    return this.directions.get(category);
  }
  knownCategory(category: string): boolean {
    return this.knownCategories.has(category);
  }
}

function countTable(
  table: LedgerTable,
  tIndex: number,
  rules: readonly RowRule[],
  reader: RowReader,
  members: Members,
  tally: Tally,
  synonyms: StatsVocabulary['synonyms'],
): Map<string, Cell> {
  const ledger = table.ledger;
  const spec = LEDGER_DIMENSIONS[ledger];
  let summary = tally.inputs.get(ledger);
  if (!summary) {
    summary = { ledger, tables: 0, records: 0, counted: 0, excludedByStatus: 0, excludedTotals: 0, withErrors: 0 };
    tally.inputs.set(ledger, summary);
  }
  summary.tables++;
  const cube = new Map<string, Cell>();
  for (const rec of table.records) {
    summary.records++;
    if (isTotalLine(rec)) {
      summary.excludedTotals++;
      continue;
    }
    reader.v = rec.v;
    reader.effective = '';
    if (!isCountedStatus(reader.canon('状态'))) {
      summary.excludedByStatus++;
      continue;
    }
    summary.counted++;
    if (rec.hasError) summary.withErrors++;

    // Effective values (one field at most is replaced by its effective value) and coordinates.
    const v = rec.v;
    const ovField = spec.effective?.field ?? '';
    const ovValue: FieldValue = spec.effective ? spec.effective.of(reader) : null;
    reader.effective = ovValue ?? '';
    const coords: string[] = spec.dims.map((d) => d.of(reader));
    if (spec.unknown?.is(reader)) tally.unknownCategoryRows[spec.unknown.count]++;

    const cellKey = coords.length === 1 ? coords[0] : coords.join('\u0002');
    let cell = cube.get(cellKey);
    if (!cell) {
      for (let i = 0; i < spec.dims.length; i++) members.note(spec.dims[i].dim, coords[i]);
      cell = { coords, n: new Array<number>(rules.length).fill(0), sets: new Array<Set<string> | undefined>(rules.length) };
      cube.set(cellKey, cell);
    }
    const val = (f: string): FieldValue | undefined => (f === ovField ? ovValue : v[f]);

    for (let ri = 0; ri < rules.length; ri++) {
      const rule = rules[ri];
      const where = rule.where;
      if (where) {
        let ok = true;
        for (let c = 0; c < where.length && ok; c++) ok = matches(val(where[c].field), where[c].is, synonyms[where[c].field]);
        if (!ok) continue;
      }
      if (rule.kind === 'count') {
        cell.n[ri]++;
      } else if (rule.kind === 'sum') {
        const x = val(rule.field as string);
        if (typeof x === 'number' && Number.isFinite(x)) cell.n[ri] += Math.round(x * 100);
        else if (!(x === null || x === undefined || (typeof x === 'string' && x.trim() === ''))) {
          const k = ledger + '\u0001' + rule.field;
          const ig = tally.ignored.get(k);
          if (ig) ig.count++;
          else tally.ignored.set(k, { ledger, field: rule.field as string, count: 1 });
        }
      } else {
        const x = val(rule.field as string);
        let id = typeof x === 'string' ? x.trim().toUpperCase() : x === null || x === undefined ? '' : 'n:' + String(x);
        if (id === '') id = `\u0000row:${tIndex}:${rec.row}`;
        (cell.sets[ri] ??= new Set()).add(id);
      }
    }
  }
  return cube;
}

// ─────────────────────────── phase 3: roll cells up ───────────────────────────

/** Roll the finest cells of one table up to every subset of each rule's dimensions. */
function rollUp(
  ledger: LedgerId,
  cube: ReadonlyMap<string, Cell>,
  rules: readonly RowRule[],
  subs: readonly DimId[][],
  raw: Record<string, number>,
  distinct: Map<string, Set<string>>,
): void {
  const dims = LEDGER_DIMS[ledger];
  for (const cell of cube.values()) {
    const subsetKeys = subs.map((sub) => {
      let k = '';
      for (let i = 0; i < sub.length; i++) k += (i ? '\u0002' : '') + sub[i] + '=' + cell.coords[dims.indexOf(sub[i])];
      return k;
    });
    for (let ri = 0; ri < rules.length; ri++) {
      const rule = rules[ri];
      const name = rule.def.name + '\u0001';
      for (const si of rule.subsetIdx) {
        const key = name + subsetKeys[si];
        if (rule.kind === 'distinct') {
          const from = cell.sets[ri];
          if (!from) continue;
          let to = distinct.get(key);
          if (!to) distinct.set(key, (to = new Set()));
          for (const id of from) to.add(id);
        } else if (cell.n[ri] !== 0 || raw[key] === undefined) {
          raw[key] = (raw[key] ?? 0) + cell.n[ri];
        }
      }
    }
  }
}

/**
 * The statistics of the ledgers' rows, in three phases: (1) compile the row rules of the
 * definitions per ledger; (2) count each table's counted rows into its finest cells (one per
 * combination of the ledger's dimension members, LEDGER_DIMENSIONS); (3) roll the cells up to
 * every subset of each rule's dimensions. Derived figures are evaluated on demand (statValue).
 */
export function computeStatistics(tables: LedgerTable[], settings: Settings, opts: StatisticsOptions = {}): Statistics {
  const vocabulary = resolveVocabulary(opts.vocabulary);
  const definitions = [...(opts.definitions ?? STAT_DEFINITIONS)];
  // Phase 1.
  const compiled = compileRules(definitions);
  const members = new Members(vocabulary, settings.villages);
  const directions = new Map<string, string>();
  for (const g of vocabulary.activityGroups) for (const c of g.categories) directions.set(c, g.direction);
  const tally: Tally = { inputs: new Map(), ignored: new Map(), unknownCategoryRows: { beneficiary: 0, activity: 0 }, unlisted: new Map() };
  const listed = new Set(settings.villages.map((v) => v.trim()).filter(Boolean));
  const reader = new RowReader(vocabulary, directions, new Set(vocabulary.beneficiaryCategories), listed, tally.unlisted);

  const raw: Record<string, number> = {};
  const distinct = new Map<string, Set<string>>();
  tables.forEach((table, tIndex) => {
    const rules = compiled.rules[table.ledger] ?? [];
    // Phase 2.
    const cube = countTable(table, tIndex, rules, reader, members, tally, vocabulary.synonyms);
    // Phase 3.
    rollUp(table.ledger, cube, rules, compiled.subsets[table.ledger] ?? [], raw, distinct);
  });
  for (const [k, set] of distinct) raw[k] = set.size;

  return {
    year: settings.year,
    township: settings.township,
    vocabulary,
    members: members.members,
    definitions,
    raw,
    inputs: [...tally.inputs.values()],
    ignored: [...tally.ignored.values()],
    unknownCategoryRows: tally.unknownCategoryRows,
    unlistedVillages: [...tally.unlisted].map(([name, rows]) => ({ name, rows })),
  };
}

// ─────────────────────────── reading values ───────────────────────────

export type StatAt = Partial<Record<DimId, string>>;

export function findDefinition(stats: Statistics, name: string): StatDefinition | undefined {
  return stats.definitions.find((d) => d.name === name);
}

/** Exact value in hundredths (sums) or ×100 (counts) — integers; or a rate's parts. */
interface Exact {
  x: number;
  num?: number;
  den?: number;
}

function evalExact(stats: Statistics, def: StatDefinition, at: StatAt, depth: number): Exact {
  if (depth > 20) throw new Error(`statistic ${def.name}: definition cycle`);
  const r = def.rule;
  const get = (n: string, a: StatAt = at): Exact => {
    const d = findDefinition(stats, n);
    if (!d) throw new Error(`statistic ${def.name}: unknown operand ${n}`);
    return evalExact(stats, d, a, depth + 1);
  };
  switch (r.kind) {
    case 'count':
    case 'distinct':
    case 'sum': {
      const parts: Array<[DimId, string]> = [];
      for (const d of LEDGER_DIMS[r.ledger]) if (at[d] !== undefined && def.dims.includes(d)) parts.push([d, at[d] as string]);
      const n = stats.raw[rawKey(def.name, parts)] ?? 0;
      return { x: r.kind === 'sum' ? n : n * 100 };
    }
    case 'difference':
      return { x: get(r.minuend).x - get(r.subtrahend).x };
    case 'plus':
      return { x: r.terms.reduce((s, t) => s + get(t).x, 0) };
    case 'ratio': {
      const num = get(r.numerator).x / 100;
      const den = get(r.denominator).x / 100;
      return { x: den === 0 ? NaN : num / den, num, den };
    }
    case 'alias':
      return get(r.of, { ...at, ...(r.at ?? {}) });
    case 'given': {
      // Keys use the definition's own dimension order; no key at all: the comparison did not run.
      if (!(givenKey(def.name, []) in stats.raw)) return { x: NaN };
      const parts: Array<[DimId, string]> = [];
      for (const d of def.dims) if (at[d] !== undefined) parts.push([d, at[d] as string]);
      return { x: (stats.raw[givenKey(def.name, parts)] ?? 0) * 100 };
    }
  }
}

/**
 * The value of a figure at the given qualifiers (omitted dimensions = all). Throws on an unknown
 * name or a dimension the figure does not have; an unknown member simply has no rows (0).
 */
export function statValue(stats: Statistics, name: string, at: StatAt = {}): StatValue {
  const def = findDefinition(stats, name);
  if (!def) throw new Error(`unknown statistic: ${name}`);
  for (const d of Object.keys(at) as DimId[]) {
    if (at[d] !== undefined && !def.dims.includes(d)) throw new Error(`statistic ${name} has no dimension ${d}`);
  }
  const e = evalExact(stats, def, at, 0);
  return makeValue(name, def.format, e, stats);
}

/** Key of a given figure's value (dimensions in the definition's order). */
export function givenKey(name: string, parts: ReadonlyArray<readonly [DimId, string]>): string {
  return rawKey(name, parts);
}

function makeValue(name: string, format: StatFormat, e: Exact, _stats: Statistics): StatValue {
  if (Number.isNaN(e.x) && e.den === undefined && format !== 'percent') return { name, format, value: null, text: formatStat(null, format) };
  if (format === 'percent') {
    const value = e.den === undefined ? e.x / 100 : e.den === 0 ? null : (e.num as number) / e.den;
    return { name, format, value, numerator: e.num, denominator: e.den, text: formatStat(value, format, e.num, e.den) };
  }
  const value = e.x / 100;
  return { name, format, value, text: formatStat(value, format) };
}

/** Shorthand: the number (or null for "—"). */
export function getStat(stats: Statistics, name: string, at: StatAt = {}): number | null {
  return statValue(stats, name, at).value;
}
