#!/usr/bin/env node
'use strict';
// Runs every bench/*.bench.ts with `npx tsx`, one after another in separate processes, and passes
// their output through. Benchmarks report (metric: value, target); they never fail the run.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const dir = path.join(root, 'bench');
const files = fs.existsSync(dir)
  ? fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.bench.ts'))
      .sort()
  : [];
if (files.length === 0) console.log('bench: no bench/*.bench.ts yet');
for (const f of files) {
  console.log(`\n# ${f}`);
  const r = spawnSync('npx', ['tsx', path.join('bench', f)], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) console.log(`bench: ${f} exited with ${r.status === null ? r.signal : r.status}`);
}
process.exit(0);
