// The lint rules that keep the architecture of DEVELOPERS.md: src/core/ is pure and only
// src/excel/ calls Excel.run. Runs ESLint with the project's config on small snippets.
import { spawnSync } from 'child_process';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');

interface Case {
  file: string;
  code: string;
}

/** Lints each snippet as if it were the given file; returns the rule ids reported per case. */
function lint(cases: Case[]): string[][] {
  const script = `
    const { ESLint } = require('eslint');
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const cases = JSON.parse(process.argv[1]);
      const out = [];
      for (const c of cases) {
        const [r] = await eslint.lintText(c.code, { filePath: c.file });
        out.push(r.messages.map((m) => m.ruleId || 'fatal:' + m.message));
      }
      process.stdout.write(JSON.stringify(out));
    })().catch((e) => { console.error(e); process.exit(1); });`;
  const r = spawnSync(process.execPath, ['-e', script, JSON.stringify(cases)], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as string[][];
}

describe('architecture lint rules', () => {
  it('reject Office, DOM, React and Node in src/core/ and Excel.run outside src/excel/', () => {
    const results = lint([
      { file: 'src/core/zz-lint-probe.ts', code: "import { readFileSync } from 'fs';\nexport const f = readFileSync;\n" },
      { file: 'src/core/zz-lint-probe.ts', code: "import { join } from 'node:path';\nexport const j = join;\n" },
      { file: 'src/core/zz-lint-probe.ts', code: "import { useState } from 'react';\nexport const u = useState;\n" },
      { file: 'src/core/zz-lint-probe.ts', code: "import ExcelJS from 'exceljs';\nexport const x = ExcelJS;\n" },
      { file: 'src/core/zz-lint-probe.ts', code: 'export const title = () => document.title;\n' },
      { file: 'src/core/zz-lint-probe.ts', code: 'export const w = () => window.innerWidth;\n' },
      { file: 'src/core/zz-lint-probe.ts', code: 'export const ready = () => Office.onReady();\n' },
      { file: 'src/taskpane/zz-lint-probe.ts', code: 'export const go = () => Excel.run(async () => undefined);\n' },
      { file: 'src/commands/zz-lint-probe.ts', code: 'export const go = () => Excel.run(async () => undefined);\n' },
      // Allowed:
      { file: 'src/excel/zz-lint-probe.ts', code: 'export const go = () => Excel.run(async () => undefined);\n' },
      { file: 'src/core/zz-lint-probe.ts', code: "import type { Settings } from './settings';\nexport const s = (x: Settings) => x.year;\n" },
      { file: 'src/cli/zz-lint-probe.ts', code: "import { readFileSync } from 'fs';\nexport const f = readFileSync;\n" },
    ]);
    const restricted = (ids: string[]) => ids.some((id) => id.startsWith('no-restricted-'));
    expect(results.slice(0, 9).map(restricted)).toEqual(Array(9).fill(true));
    expect(results.slice(9)).toEqual([[], [], []]);
  }, 60000);
});

describe('layouts and operations (src/core/layout, src/core/ops) stay free of exceljs and Office.js', () => {
  it('reject exceljs, the file readers and Office.js — values and types — there; the port and the same code in a host pass', () => {
    const results = lint([
      { file: 'src/core/ops/zz-lint-probe.ts', code: "import ExcelJS from 'exceljs';\nexport const x = ExcelJS;\n" },
      { file: 'src/core/layout/zz-lint-probe.ts', code: "import type { Worksheet } from 'exceljs';\nexport const w = (s: Worksheet) => s.name;\n" },
      { file: 'src/core/ops/zz-lint-probe.ts', code: "import { read } from '@e965/xlsx';\nexport const r = read;\n" },
      { file: 'src/core/ops/zz-lint-probe.ts', code: 'export const f = (r: Excel.Range) => r;\n' },
      { file: 'src/core/layout/zz-lint-probe.ts', code: 'export const f = (c: Excel.RequestContext) => c.sync();\n' },
      { file: 'src/core/ops/zz-lint-probe.ts', code: 'export const go = () => Excel.run(async () => undefined);\n' },
      { file: 'src/core/ops/zz-lint-probe.ts', code: 'export const f = (c: OfficeExtension.ClientResult<number>) => c;\n' },
      { file: 'src/core/ops/zz-lint-probe.ts', code: 'export const f = (s?: AbortSignal) => s?.aborted;\n' },
      // Allowed:
      { file: 'src/core/ops/zz-lint-probe.ts', code: "import type { SheetPort } from './port';\nexport const r = (p: SheetPort) => p.readSheets();\n" },
      { file: 'src/excel/zz-lint-probe.ts', code: 'export const f = (r: Excel.Range) => r;\n' },
      { file: 'src/cli/zz-lint-probe.ts', code: "import type { Worksheet } from 'exceljs';\nexport const w = (s: Worksheet) => s.name;\n" },
    ]);
    const restricted = (ids: string[]) => ids.some((id) => id.startsWith('no-restricted-'));
    expect(results.slice(0, 8).map(restricted)).toEqual(Array(8).fill(true));
    expect(results.slice(8)).toEqual([[], [], []]);
  }, 60000);
});
