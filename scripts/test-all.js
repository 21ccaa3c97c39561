#!/usr/bin/env node
'use strict';
// `npm test`: lint, typecheck, build:cli, jest, webpack build, browser tests — in that order,
// stopping at the first failure with a non-zero exit. The last line is the combined count of
// jest's and the browser suite's tests: "N passed, N failed" — the only line of that form: each
// step's own count line is shown as "(unit tests: N ok, N not ok)" so that a reader (and CI,
// which reads the last line) sees one result.
const { spawn } = require('child_process');
const path = require('path');

const root = path.join(__dirname, '..');
const COUNT = /^(\d+) passed, (\d+) failed\s*$/;

const steps = [
  { name: 'lint', cmd: 'npx', args: ['eslint', '.'] },
  { name: 'typecheck', cmd: 'npx', args: ['tsc', '-p', 'tsconfig.json', '--noEmit'] },
  { name: 'build:cli', cmd: 'npx', args: ['tsc', '-p', 'tsconfig.cli.json'] },
  { name: 'unit tests', cmd: 'npx', args: ['jest', '--ci'], counts: true },
  { name: 'build', cmd: 'npx', args: ['webpack', '--mode', 'production'] },
  { name: 'browser tests', cmd: 'node', args: [path.join('scripts', 'e2e.js')], counts: true },
];

/** Runs a step, echoing its output; resolves with its exit code and the last count line seen. */
function run(step) {
  return new Promise((resolve) => {
    const child = spawn(step.cmd, step.args, { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let count = null;
    let pending = '';
    const scan = (chunk) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop();
      const out = [];
      for (const l of lines) {
        const m = COUNT.exec(l.trim());
        if (m) {
          count = { passed: Number(m[1]), failed: Number(m[2]) };
          out.push(`(${step.name}: ${m[1]} ok, ${m[2]} not ok)`);
        } else out.push(l);
      }
      if (out.length) process.stdout.write(`${out.join('\n')}\n`);
    };
    child.stdout.on('data', (d) => scan(d.toString()));
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('error', (e) => {
      console.error(`test: could not start ${step.cmd}: ${e.message}`);
      resolve({ code: 127, count });
    });
    child.on('close', (code) => {
      if (pending) scan('\n');
      resolve({ code: code === null ? 1 : code, count });
    });
  });
}

async function main() {
  let passed = 0;
  let failed = 0;
  for (const step of steps) {
    console.log(`\n=== ${step.name}: ${step.cmd} ${step.args.join(' ')}`);
    const { code, count } = await run(step);
    if (count) {
      passed += count.passed;
      failed += count.failed;
    }
    if (code !== 0 || (step.counts && !count)) {
      console.error(`\ntest: step "${step.name}" failed (exit ${code}${step.counts && !count ? ', no count line' : ''})`);
      if (failed === 0) failed = 1;
      console.log(`${passed} passed, ${failed} failed`);
      process.exit(code || 1);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
}

main();
