#!/usr/bin/env node
'use strict';
// Schema check of manifest.xml (or the file given): ../shared/tools/validate-manifest when the
// shared tools are beside the project, else xmllint against the schemas found there; in a user's
// clone without either it says so clearly.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const manifest = process.argv[2] || 'manifest.xml';
const shared = path.join(root, '..', 'shared');
const tool = path.join(shared, 'tools', 'validate-manifest');

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.error) {
    console.error(`validate: could not run ${cmd}: ${r.error.message}`);
    return 2;
  }
  return r.status === null ? 1 : r.status;
}

function hasXmllint() {
  const r = spawnSync('xmllint', ['--version'], { stdio: 'ignore' });
  return !r.error && r.status === 0;
}

let code;
if (fs.existsSync(tool)) {
  code = run(tool, [manifest]);
} else if (!hasXmllint()) {
  console.error('validate: xmllint not found. Install it with: apt-get install -y libxml2-utils');
  code = 2;
} else {
  // Without the schemas only well-formedness can be checked here.
  console.log('validate: ../shared/tools/validate-manifest not found; checking that the manifest is well-formed XML only.');
  code = run('xmllint', ['--noout', '--nonet', manifest]);
}
if (code === 0) console.log(`validate: ${manifest} OK`);
process.exit(code);
