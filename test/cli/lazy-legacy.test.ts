/**
 * SheetJS CE (with its code pages) is loaded only when a legacy file (.xls, .ods, HTML) is met:
 * an .xlsx-only run never loads it (src/cli/read.ts imports src/cli/legacy.ts dynamically). Each
 * run is a child process with a module-load hook that records every request for `@e965/xlsx`.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tmpDir } from './helpers';

const ROOT = path.join(__dirname, '..', '..');
const HOOK = `
const Module = require('module');
const seen = [];
const orig = Module._load;
Module._load = function (request) { if (/@e965\\/xlsx/.test(request)) seen.push(request); return orig.apply(this, arguments); };
const { runWith } = require(process.argv[2]);
runWith(process.argv.slice(3), { out: () => {}, err: () => {} }).then((code) => {
  const cached = Object.keys(require.cache).filter((k) => k.includes('@e965')).length;
  process.stdout.write(JSON.stringify({ code, seen, cached }) + '\\n');
});
`;

function run(args: string[]): { code: number; seen: string[]; cached: number } {
  const script = path.join(tmpDir(), 'hook.js');
  fs.writeFileSync(script, HOOK);
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, path.join(ROOT, 'src', 'cli', 'main.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (!line.startsWith('{')) throw new Error(`child failed: ${r.stderr}`);
  return JSON.parse(line);
}

test('an .xlsx-only check does not load SheetJS; an .xls in the inputs does', () => {
  const xlsx = run(['check', path.join(ROOT, 'test', 'cli', 'legacy', '红旗村.xlsx'), '--quiet', '--year', '2026']);
  expect(xlsx.code).toBe(1); // the sample has deliberate errors: it was read and checked
  expect(xlsx.seen).toEqual([]);
  expect(xlsx.cached).toBe(0);
  const xls = run(['check', path.join(ROOT, 'test', 'cli', 'legacy', '红旗村.xls'), '--quiet', '--year', '2026']);
  expect(xls.code).toBe(1);
  expect(xls.seen).toContain('@e965/xlsx');
  expect(xls.cached).toBeGreaterThan(0);
}, 60_000);

test('diff and reconcile on .xlsx do not load SheetJS', () => {
  const dir = path.join(ROOT, 'test', 'cli', 'legacy');
  const d = run(['diff', '--last', path.join(dir, '红旗村.xlsx'), '--this', path.join(dir, '红旗村.xlsx'), '--quiet', '--year', '2026']);
  expect(d.code).toBe(0);
  expect(d.seen).toEqual([]);
  const lists = path.join(ROOT, 'samples-lists');
  const r = run(['reconcile', path.join(ROOT, 'samples'), '--roster', path.join(lists, '公安适龄男青年名单.xlsx'), '--deceased', path.join(lists, '死亡人员名单.xlsx'), '--quiet', '--year', '2026']);
  expect(r.code).toBe(1); // the sample lists name unregistered men and deceased people on purpose
  expect(r.seen).toEqual([]);
}, 60_000);
