#!/usr/bin/env node
'use strict';
// Entry of `npx ledger`: runs the CLI compiled by `npm run build:cli` (done by `prepare` on install).
const path = require('path');
const fs = require('fs');
const main = path.join(__dirname, '..', 'dist-cli', 'cli', 'main.js');
if (!fs.existsSync(main)) {
  process.stderr.write('ledger: the CLI is not built yet; run `npm run build:cli` (npm install does it).\n');
  process.exit(2);
}
require(main).run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`ledger: ${err && err.message ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
