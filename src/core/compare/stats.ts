/**
 * The comparison figures as named statistics (docs/stats.md): the year-over-year counts (新增人数,
 * 减少人数, 未说明减少人数, 变更人数 by ledger and village; 未核验人数 by village) and the police-list
 * figures (名单人数, 名单外人数, 村不一致人数). With a police list, 应登记人数 is the list's count and
 * 已登记人数 counts listed men only (ledgers.md §7), so 未登记人数 and 登记率 follow.
 */
import type { DimId, Statistics } from '../stats/types';
import { givenKey, rawKey } from '../stats/compute';
import type { YoyResult } from './diff';
import { type RosterFigures, type YoyTally, yoyTally } from './saved';

type Parts = Array<[DimId, string]>;

function bump(raw: Record<string, number>, name: string, parts: Parts, n: number): void {
  const k = givenKey(name, parts);
  raw[k] = (raw[k] ?? 0) + n;
}

/** Adds n to a figure at every combination of the given qualifiers (and the total). */
function addAll(raw: Record<string, number>, name: string, quals: Parts, n: number): void {
  let subsets: Parts[] = [[]];
  for (const q of quals) subsets = subsets.concat(subsets.map((s) => [...s, q]));
  for (const s of subsets) bump(raw, name, s, n);
}

function addMember(stats: Statistics, dim: DimId, m: string): void {
  if (!stats.members[dim].includes(m)) stats.members[dim].push(m);
}

/** A copy of the statistics with the comparison figures given: from a comparison just run (`yoy`,
 *  `roster`) or from its figures kept since (`yoy` as a tally, see saved.ts). */
export function withComparison(stats: Statistics, c: { yoy?: YoyResult | YoyTally; roster?: RosterFigures; lastYear?: number }): Statistics {
  const out: Statistics = {
    ...stats,
    raw: { ...stats.raw },
    members: Object.fromEntries(Object.entries(stats.members).map(([k, v]) => [k, [...v]])) as Statistics['members'],
    comparison: { ...(stats.comparison ?? {}) },
  };
  const raw = out.raw;
  if (c.yoy) {
    const tally = 'changes' in c.yoy ? yoyTally(c.yoy, c.lastYear) : c.yoy;
    out.comparison!.yoy = { lastYear: c.lastYear ?? tally.lastYear };
    for (const n of ['新增人数', '减少人数', '未说明减少人数', '变更人数', '未核验人数']) raw[givenKey(n, [])] = 0;
    for (const ch of tally.counts) {
      addMember(out, 'village', ch.village);
      if (ch.kind === 'not-verified') {
        addAll(raw, '未核验人数', [['village', ch.village]], ch.n);
        continue;
      }
      const q: Parts = [['ledger', ch.ledger], ['village', ch.village]];
      if (ch.kind === 'added') addAll(raw, '新增人数', q, ch.n);
      else if (ch.kind === 'changed') addAll(raw, '变更人数', q, ch.n);
      else {
        addAll(raw, '减少人数', q, ch.n);
        if (ch.unexplained) addAll(raw, '未说明减少人数', q, ch.n);
      }
    }
  }
  if (c.roster) {
    out.comparison!.roster = { file: c.roster.file, listed: c.roster.listed };
    for (const k of Object.keys(raw)) if (k.startsWith('应登记人数\u0001') || k.startsWith('已登记人数\u0001')) delete raw[k];
    for (const n of ['名单人数', '名单外人数', '村不一致人数']) raw[givenKey(n, [])] = 0;
    raw[rawKey('应登记人数', [])] = 0;
    raw[rawKey('已登记人数', [])] = 0;
    for (const v of c.roster.villages) {
      addMember(out, 'village', v.village);
      const at: Parts = [['village', v.village]];
      raw[rawKey('应登记人数', [])] += v.listed;
      raw[rawKey('已登记人数', [])] += v.registered;
      raw[rawKey('应登记人数', at)] = v.listed;
      raw[rawKey('已登记人数', at)] = v.registered;
      addAll(raw, '名单人数', at, v.listed);
      addAll(raw, '名单外人数', at, v.outsideList);
      addAll(raw, '村不一致人数', at, v.villageMismatch);
    }
  }
  return out;
}
