#!/usr/bin/env node
'use strict';
// Runs the browser suite under test/e2e/ (playwright-core + Debian's Chromium) against the built
// pane in dist/. Builds first when dist/ is missing. Prints "N passed, N failed" as its last line.
// Without Chromium the suite is skipped with install instructions, except under CI=true.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
if (!fs.existsSync(path.join(root, 'dist', 'taskpane.html'))) {
  console.log('e2e: dist/ not built yet; running `npm run build`');
  const b = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status || 1);
}
const r = spawnSync('npx', ['tsx', path.join('test', 'e2e', 'run.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(r.status === null ? 1 : r.status);
