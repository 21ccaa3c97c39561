#!/usr/bin/env node
'use strict';
// `npm run validate [-- FILE] [--offline]`: checks manifest.xml (or FILE).
//   1. The offline schema check, always: ../shared/tools/validate-manifest (xmllint against the
//      published schemas) when the shared tools are found beside the project (SHARED_DIR, ../shared
//      or ../../shared), else xmllint's well-formedness check, saying so.
//   2. When online (Microsoft's validation service answers within 5 s) and not --offline:
//      office-addin-manifest's validate, which sends the manifest (not any ledger data) to
//      https://validationgateway.omex.office.net and prints its verdict. Offline this step says
//      it was skipped; the result is the schema check's.
// Exit 0 when every check that ran passed. Also used by scripts/package.js (with --offline).
const { spawnSync } = require('child_process');
const fs = require('fs');
const https = require('https');
const path = require('path');

const root = path.join(__dirname, '..');
const SERVICE = 'https://validationgateway.omex.office.net/package/api/check';

function sharedTool() {
  const dirs = [process.env.SHARED_DIR, path.join(root, '..', 'shared'), path.join(root, '..', '..', 'shared')].filter(Boolean);
  for (const d of dirs) {
    const tool = path.join(d, 'tools', 'validate-manifest');
    if (fs.existsSync(tool)) return tool;
  }
  return null;
}

function run(cmd, args, quiet) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8' });
  if (r.error) return { code: 2, out: `could not run ${cmd}: ${r.error.message}` };
  const out = `${r.stdout || ''}${r.stderr || ''}`.trim();
  if (!quiet && out) console.log(out);
  return { code: r.status === null ? 1 : r.status, out };
}

function hasXmllint() {
  const r = spawnSync('xmllint', ['--version'], { stdio: 'ignore' });
  return !r.error && r.status === 0;
}

/** The offline check; returns an exit code. */
function schemaCheck(manifest, quiet) {
  const tool = sharedTool();
  if (tool) {
    const r = run(tool, [manifest], quiet);
    if (r.code !== 0 && quiet) console.error(r.out);
    return r.code;
  }
  if (!hasXmllint()) {
    console.error('validate: xmllint not found. Install it with: apt-get install -y libxml2-utils');
    return 2;
  }
  console.log('validate: the shared schema tool (../shared/tools/validate-manifest) was not found; checking well-formedness only.');
  return run('xmllint', ['--noout', '--nonet', manifest], quiet).code;
}

/** Resolves true when Microsoft's validation service answers at all within the time limit. */
function online(timeoutMs = 5000) {
  return new Promise((resolve) => {
    const req = https.request(SERVICE, { method: 'HEAD', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.on('error', () => resolve(false));
    req.end();
  });
}

async function officeValidate(manifest) {
  let validateManifest;
  try {
    ({ validateManifest } = require('office-addin-manifest'));
  } catch (e) {
    console.log(`validate: office-addin-manifest is not installed (${e.message.split('\n')[0]}); online validation skipped.`);
    return 0;
  }
  const v = await validateManifest(path.resolve(root, manifest));
  const errors = (v.report && v.report.errors) || [];
  const warnings = (v.report && v.report.warnings) || [];
  for (const e of errors) console.log(`  error: ${e.title || ''} ${e.content || ''}`.trimEnd());
  for (const w of warnings) console.log(`  warning: ${w.title || ''} ${w.content || ''}`.trimEnd());
  if (v.isValid) {
    console.log('validate: office-addin-manifest validate (Microsoft validation service): valid');
    return 0;
  }
  console.log(`validate: office-addin-manifest validate: NOT valid${v.status ? ` (HTTP ${v.status} ${v.statusText || ''})` : ''}`);
  return 1;
}

async function main() {
  const args = process.argv.slice(2);
  const offlineOnly = args.includes('--offline') || process.env.LEDGER_VALIDATE_OFFLINE === '1';
  const quiet = args.includes('--quiet');
  const manifest = args.find((a) => !a.startsWith('--')) || 'manifest.xml';
  if (!fs.existsSync(path.resolve(root, manifest))) {
    console.error(`validate: ${manifest} not found`);
    return 2;
  }
  let code = schemaCheck(manifest, quiet);
  if (!offlineOnly) {
    if (await online()) code = (await officeValidate(manifest)) || code;
    else console.log('validate: offline (validationgateway.omex.office.net did not answer): schema check only.');
  }
  if (code === 0 && !quiet) console.log(`validate: ${manifest} OK`);
  return code;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(`validate: ${e.message}`);
      process.exit(2);
    },
  );
}

module.exports = { schemaCheck };
