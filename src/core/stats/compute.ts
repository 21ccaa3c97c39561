/**
 * computeStatistics: one pass over the counted rows of every ledger, accumulating each row rule
 * of STAT_DEFINITIONS at every combination of its dimensions (integers only), then derived
 * figures (differences, rates, sums of figures, aliases) evaluated on demand from those integers.
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

/** The dimensions each ledger's rows carry. */
const LEDGER_DIMS: Record<LedgerId, DimId[]> = {
  优抚对象: ['village', 'category'],
  兵役登记: ['village'],
  双拥活动: ['activity', 'direction', 'unit'],
  共建对子: ['pairType'],
  安置: ['village', 'placementType'],
};

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

interface RowRule {
  def: StatDefinition;
  kind: 'count' | 'distinct' | 'sum';
  field?: string;
  where?: Condition[];
  /** Indexes into the ledger's subset list, of the subsets of the def's dims. */
  subsetIdx: number[];
}

export function computeStatistics(tables: LedgerTable[], settings: Settings, opts: StatisticsOptions = {}): Statistics {
  const vocabulary = resolveVocabulary(opts.vocabulary);
  const definitions = [...(opts.definitions ?? STAT_DEFINITIONS)];
  const activityDirection = new Map<string, string>();
  for (const g of vocabulary.activityGroups) for (const c of g.categories) activityDirection.set(c, g.direction);
  const knownBeneficiary = new Set(vocabulary.beneficiaryCategories);
  const synonyms = vocabulary.synonyms;
  const canon = (field: string, v: FieldValue | undefined): string => {
    const t = text(v);
    return synonyms[field]?.[t] ?? t;
  };

  // Members found, in first-appearance order (seeded with the vocabulary / settings order).
  const members: Record<DimId, string[]> = {
    village: [],
    category: [...vocabulary.beneficiaryCategories],
    activity: vocabulary.activityGroups.flatMap((g) => g.categories),
    direction: vocabulary.activityGroups.map((g) => g.direction),
    unit: [],
    pairType: [...vocabulary.pairTypes],
    placementType: [...vocabulary.placementTypes],
    ledger: ['优抚对象', '安置', '共建对子'],
  };
  const seen: Record<DimId, Set<string>> = {} as Record<DimId, Set<string>>;
  for (const d of DIM_IDS) seen[d] = new Set(members[d]);
  for (const v of settings.villages) {
    const t = v.trim();
    if (t && !seen.village.has(t)) {
      seen.village.add(t);
      members.village.push(t);
    }
  }

  // Row rules per ledger.
  const ledgerSubsets: Record<string, DimId[][]> = {};
  const rowRules: Partial<Record<LedgerId, RowRule[]>> = {};
  for (const def of definitions) {
    const r = def.rule;
    if (r.kind !== 'count' && r.kind !== 'distinct' && r.kind !== 'sum') continue;
    const ldims = LEDGER_DIMS[r.ledger];
    for (const d of def.dims) {
      if (!ldims.includes(d)) throw new Error(`statistic ${def.name}: ledger ${r.ledger} has no dimension ${d}`);
    }
    if (!ledgerSubsets[r.ledger]) {
      ledgerSubsets[r.ledger] = subsets(ldims);
    }
    // The subsets of the def's dims, as the ledger orders its dims (keys always use that order).
    const subsetIdx = ledgerSubsets[r.ledger]
      .map((sub, i) => (sub.every((d) => def.dims.includes(d)) ? i : -1))
      .filter((i) => i >= 0);
    (rowRules[r.ledger] ??= []).push({
      def,
      kind: r.kind,
      field: r.kind === 'count' ? undefined : r.field,
      where: r.where,
      subsetIdx,
    });
  }

  const raw: Record<string, number> = {};
  const distinct = new Map<string, Set<string>>();
  const inputs = new Map<LedgerId, LedgerInputSummary>();
  const ignored = new Map<string, IgnoredValues>();
  const unknownCategoryRows = { beneficiary: 0, activity: 0 };
  // With a village list, rows come from the list only; any other spelling goes under 村名待核实.
  const listed = new Set(settings.villages.map((v) => v.trim()).filter(Boolean));
  const unlisted = new Map<string, number>();
  const village = (v: FieldValue | undefined): string => {
    const t = label(v);
    if (listed.size === 0 || listed.has(t)) return t;
    unlisted.set(t, (unlisted.get(t) ?? 0) + 1);
    return UNVERIFIED_VILLAGE;
  };

  const note = (d: DimId, m: string) => {
    if (!seen[d].has(m)) {
      seen[d].add(m);
      members[d].push(m);
    }
  };

  tables.forEach((table, tIndex) => {
    const ledger = table.ledger;
    let summary = inputs.get(ledger);
    if (!summary) {
      summary = { ledger, tables: 0, records: 0, counted: 0, excludedByStatus: 0, excludedTotals: 0, withErrors: 0 };
      inputs.set(ledger, summary);
    }
    summary.tables++;
    const rules = rowRules[ledger] ?? [];
    const cube = new Map<string, { coords: string[]; n: number[]; sets: Array<Set<string> | undefined> }>();
    for (const rec of table.records) {
      summary.records++;
      if (isTotalLine(rec)) {
        summary.excludedTotals++;
        continue;
      }
      if (!isCountedStatus(canon('状态', rec.v['状态']))) {
        summary.excludedByStatus++;
        continue;
      }
      summary.counted++;
      if (rec.hasError) summary.withErrors++;

      // Effective values (one field at most is replaced by its canonical form) and coordinates.
      const v = rec.v;
      let ovField = '';
      let ovValue: FieldValue = null;
      const coords: string[] = [];
      switch (ledger) {
        case '优抚对象': {
          const cat = canon('优抚类别', v['优抚类别']);
          ovField = '优抚类别';
          ovValue = cat;
          coords.push(village(v['所在村']), cat === '' ? UNFILLED : cat);
          if (!knownBeneficiary.has(cat)) unknownCategoryRows.beneficiary++;
          break;
        }
        case '兵役登记':
          coords.push(village(v['所在村']));
          break;
        case '双拥活动': {
          const cat = canon('活动类别', v['活动类别']);
          ovField = '活动类别';
          ovValue = cat;
          const dir = activityDirection.get(cat);
          if (dir === undefined) unknownCategoryRows.activity++;
          coords.push(cat === '' ? UNFILLED : cat, dir ?? label(canon('方向', v['方向'])), label(v['所在村/单位']));
          break;
        }
        case '共建对子':
          coords.push(label(canon('类型', v['类型'])));
          break;
        case '安置': {
          let st = canon('安置状态', v['安置状态']);
          if (st === '') st = text(v['安置单位']) !== '' ? '已安置' : '待安置';
          ovField = '安置状态';
          ovValue = st;
          coords.push(village(v['所在村']), label(canon('安置类型', v['安置类型'])));
          break;
        }
      }
      const cellKey = coords.length === 1 ? coords[0] : coords.join('\u0002');
      let cell = cube.get(cellKey);
      if (!cell) {
        const dims = LEDGER_DIMS[ledger];
        for (let i = 0; i < dims.length; i++) note(dims[i], coords[i]);
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
            const ig = ignored.get(k);
            if (ig) ig.count++;
            else ignored.set(k, { ledger, field: rule.field as string, count: 1 });
          }
        } else {
          const x = val(rule.field as string);
          let id = typeof x === 'string' ? x.trim().toUpperCase() : x === null || x === undefined ? '' : 'n:' + String(x);
          if (id === '') id = `\u0000row:${tIndex}:${rec.row}`;
          (cell.sets[ri] ??= new Set()).add(id);
        }
      }
    }
    // Roll the finest cells up to every subset of each rule's dimensions.
    const subs = ledgerSubsets[ledger] ?? [];
    for (const cell of cube.values()) {
      const dims = LEDGER_DIMS[ledger];
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
  });
  for (const [k, set] of distinct) raw[k] = set.size;

  return {
    year: settings.year,
    township: settings.township,
    vocabulary,
    members,
    definitions,
    raw,
    inputs: [...inputs.values()],
    ignored: [...ignored.values()],
    unknownCategoryRows,
    unlistedVillages: [...unlisted].map(([name, rows]) => ({ name, rows })),
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
