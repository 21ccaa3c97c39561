// Issue 20: the CLI as one program. Builds release-style `ledger-linux-x64` (Node SEA, through
// scripts/package-cli.js --only linux) and checks that check, summarize and merge on samples/
// give the same exit codes, output, JSON and workbooks as `node bin/ledger.js` (dist-cli, which
// `npm test` builds before jest). Workbooks are compared part by part, except docProps/core.xml
// (the time they were written).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { unzipSync } from 'fflate';

const root = path.join(__dirname, '..', '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sea-test-'));
const exe = path.join(work, 'ledger-linux-x64');

function ledger(kind: 'node' | 'sea', args: string[]) {
  const [cmd, pre] = kind === 'node' ? [process.execPath, [path.join(root, 'bin', 'ledger.js')]] : [exe, []];
  const r = spawnSync(cmd, [...pre, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function parts(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, data] of Object.entries(unzipSync(new Uint8Array(fs.readFileSync(file))))) {
    if (name !== 'docProps/core.xml') out[name] = Buffer.from(data).toString('utf8');
  }
  return out;
}

beforeAll(() => {
  expect(fs.existsSync(path.join(root, 'dist-cli', 'cli', 'main.js'))).toBe(true);
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'package-cli.js'), '--only', 'linux', '--out', work], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`package:cli failed:\n${r.stdout}\n${r.stderr}`);
}, 900_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

test('the program runs without node_modules or dist-cli beside it', () => {
  const r = spawnSync(exe, ['--help'], { cwd: os.tmpdir(), encoding: 'utf8' });
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('双拥台账助手');
  expect(r.stdout).toMatch(/check[\s\S]*summarize[\s\S]*merge/);
});

test('check: same exit code, terminal output and JSON report as node bin/ledger.js', () => {
  const results = (['node', 'sea'] as const).map((k) => {
    const json = path.join(work, `check-${k}.json`);
    const r = ledger(k, ['check', 'samples', '--json', json, '--quiet']);
    return { ...r, json: JSON.parse(fs.readFileSync(json, 'utf8')) as unknown };
  });
  expect(results[0].code).toBe(1); // the samples have errors on purpose
  expect(results[1].code).toBe(results[0].code);
  expect(results[1].stdout).toBe(results[0].stdout);
  expect(results[1].json).toEqual(results[0].json);
  expect(JSON.stringify(results[0].json)).toContain('id.checksum');
});

test.each([
  ['summarize', 'summary'],
  ['merge', 'merged'],
])('%s: the same workbook as node bin/ledger.js', (command, name) => {
  const out = (['node', 'sea'] as const).map((k) => {
    const file = path.join(work, `${name}-${k}.xlsx`);
    const r = ledger(k, [command, 'samples', '--out', file, '--year', '2026', '--quiet']);
    return { code: r.code, stdout: r.stdout, parts: parts(file) };
  });
  expect(out[1].code).toBe(out[0].code);
  expect(out[1].stdout).toBe(out[0].stdout);
  expect(Object.keys(out[0].parts).filter((p) => p.startsWith('xl/worksheets/')).length).toBeGreaterThan(1);
  expect(out[1].parts).toEqual(out[0].parts);
});

test('legacy files (SheetJS, loaded only when one is met): same report as node bin/ledger.js', () => {
  for (const f of ['红旗村.xls', '红旗村.ods', '红旗村.html']) {
    const results = (['node', 'sea'] as const).map((k) => {
      const json = path.join(work, `legacy-${k}-${f}.json`);
      const r = ledger(k, ['check', path.join('test', 'cli', 'legacy', f), '--json', json, '--quiet', '--year', '2026']);
      return { ...r, json: JSON.parse(fs.readFileSync(json, 'utf8')) as { issues?: unknown[] } };
    });
    expect(results[0].code).toBe(1);
    expect(results[1].code).toBe(results[0].code);
    expect(results[1].stdout).toBe(results[0].stdout);
    expect(results[1].json).toEqual(results[0].json);
  }
});

test('a folder given alone is checked (drag and drop onto the program)', () => {
  const r = spawnSync(exe, [path.join(root, 'samples')], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const n = ledger('node', ['check', path.join(root, 'samples')]);
  expect(r.status).toBe(n.code);
  expect(r.stdout).toBe(n.stdout);
});
