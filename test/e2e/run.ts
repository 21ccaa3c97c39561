/**
 * Runs the browser suite (every test/e2e/*.e2e.ts) against dist/, one test after another in one
 * Chromium. Prints each result and ends with "N passed, N failed". Without Chromium: skipped with
 * install instructions, except under CI=true where that is a failure.
 * Usage: npx tsx test/e2e/run.ts [name filter]
 */
import * as fs from 'fs';
import * as path from 'path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath, dist, serveDist, type E2ETest } from './harness';

async function main(): Promise<number> {
  const filter = process.argv[2];
  const exe = chromiumPath();
  if (!exe) {
    const how = 'Chromium not found: install it with `apt-get install -y chromium` (or set CHROMIUM_PATH).';
    if (process.env.CI === 'true') {
      console.error(`e2e: ${how} Under CI=true the browser tests cannot be skipped.`);
      console.log('0 passed, 1 failed');
      return 1;
    }
    console.log(`e2e: SKIPPED — ${how}`);
    console.log('0 passed, 0 failed');
    return 0;
  }
  if (!fs.existsSync(path.join(dist, 'taskpane.html'))) {
    console.error('e2e: dist/taskpane.html is missing: run `npm run build` first.');
    console.log('0 passed, 1 failed');
    return 1;
  }
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.e2e.ts'))
    .sort();
  const tests: E2ETest[] = [];
  for (const f of files) {
    const mod = (await import(path.join(__dirname, f))) as { tests: E2ETest[] };
    tests.push(...mod.tests.filter((t) => !filter || t.name.includes(filter)));
  }
  const server = await serveDist();
  const browser = await chromium.launch({ executablePath: exe, headless: true, args: CHROMIUM_ARGS });
  let passed = 0;
  let failed = 0;
  try {
    for (const t of tests) {
      const started = Date.now();
      try {
        await t.run({ browser, baseUrl: server.url });
        passed++;
        console.log(`  ✓ ${t.name} (${Date.now() - started} ms)`);
      } catch (e) {
        failed++;
        console.log(`  ✗ ${t.name}\n      ${e instanceof Error ? (e.stack ?? e.message).split('\n').slice(0, 6).join('\n      ') : String(e)}`);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`\n${passed} passed, ${failed} failed`);
  return failed === 0 && tests.length > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
