#!/usr/bin/env node
'use strict';
// `npm run package -- --url https://HOST/PATH [--offline] [--provider 单位名称] [--out DIR]`
// Builds the add-in for the given HTTPS address and writes one zip for the county's IT:
//   release/shuangyong-ledger-<version>[-offline].zip
//     shuangyong-ledger-<version>[-offline]/
//       addin/            the web site to put at --url: pane, function file, help page, icons,
//                         manifest.xml, Office.js in office-js/, web.config for IIS
//       manifest.xml      the same manifest, for the shared-folder catalog or the admin centre
//       部署说明.md        docs/deploy.md
//       nginx.conf        an nginx server block for addin/ (docs/deploy.md explains it)
// Without --offline the pages load Office.js from Microsoft's CDN and fall back to the bundled
// copy when the CDN fails or does not answer within 5 s; with --offline only the bundled copy is
// used and the pane makes no request to any other host.
// A bad --url (not https, with a query or fragment, or ending in a file name) is one clear line and
// nothing is written. The manifest is checked against the schemas (offline) before the zip is made.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { zipSync } = require('fflate');

const root = path.join(__dirname, '..');
const pkg = require(path.join(root, 'package.json'));

/** The add-in's address from --url, or an error message (one line). */
function checkUrl(raw) {
  if (!raw) return { error: 'package: --url is required, e.g. --url https://addin.example.gov.cn/shuangyong' };
  let u;
  try {
    u = new URL(raw);
  } catch {
    return { error: `package: --url "${raw}" is not a web address (e.g. https://addin.example.gov.cn/shuangyong)` };
  }
  if (u.protocol !== 'https:') return { error: `package: --url must start with https:// (Office loads add-ins only over HTTPS), not "${raw}"` };
  if (u.search || raw.includes('?')) return { error: `package: --url must not have a query (the part after "?"): "${raw}"` };
  if (u.hash || raw.includes('#')) return { error: `package: --url must not have a fragment (the part after "#"): "${raw}"` };
  if (u.username || u.password) return { error: `package: --url must not contain a user name or password: "${raw}"` };
  const last = u.pathname.split('/').filter(Boolean).pop() || '';
  if (/\.[A-Za-z0-9]{1,5}$/.test(last)) {
    return { error: `package: --url names a file ("${last}"); give the folder the add-in is served from, e.g. ${u.origin}${u.pathname.slice(0, u.pathname.length - last.length)}` };
  }
  return { url: `${u.origin}${u.pathname}`.replace(/\/+$/, '') };
}

function parseArgs(argv) {
  const o = { offline: false, url: null, provider: process.env.ADDIN_PROVIDER || '', out: path.join(root, 'release') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const eq = a.indexOf('=');
      if (eq > 0) return a.slice(eq + 1);
      i++;
      return argv[i];
    };
    if (a === '--offline') o.offline = true;
    else if (a === '--url' || a.startsWith('--url=')) o.url = value();
    else if (a === '--provider' || a.startsWith('--provider=')) o.provider = value();
    else if (a === '--out' || a.startsWith('--out=')) o.out = path.resolve(value());
    else return { error: `package: unknown argument "${a}" (usage: npm run package -- --url https://HOST/PATH [--offline] [--provider 单位名称])` };
  }
  return o;
}

function walk(dir, base = dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, base, out);
    else out.push(path.relative(base, p).split(path.sep).join('/'));
  }
  return out.sort();
}

/** The nginx server block shipped beside the site (docs/deploy.md, 2.1). */
function nginxConf(url) {
  const u = new URL(url);
  const loc = u.pathname.replace(/\/?$/, '/');
  return `# 双拥台账助手 — nginx example (docs/deploy.md). Put the zip's addin/ folder at
# /srv/shuangyong-ledger/ and the organisation's certificate files where ssl_certificate says.
server {
    listen 443 ssl;
    server_name ${u.hostname};
    ssl_certificate     /etc/nginx/tls/${u.hostname}.crt;   # the organisation's certificate (with chain)
    ssl_certificate_key /etc/nginx/tls/${u.hostname}.key;
    ssl_protocols TLSv1.2 TLSv1.3;

    location ${loc} {
        alias /srv/shuangyong-ledger/;
        # .js .html .xml .png .css are in nginx's mime.types; these make sure of the rest.
        types {
            text/html html;
            text/javascript js;
            application/xml xml;
            image/png png;
            text/markdown md;
        }
        charset utf-8;
        charset_types text/javascript application/xml text/markdown;
        # Pages, the manifest and Office.js: always revalidated, so an update reaches users at once.
        add_header Cache-Control "no-cache" always;
        add_header X-Content-Type-Options nosniff always;
        # Bundles carry a content hash in their name: cache them for a year.
        location ~ "\\.[0-9a-f]{8}\\.js$" {
            add_header Cache-Control "public, max-age=31536000, immutable" always;
            add_header X-Content-Type-Options nosniff always;
        }
    }
}
`;
}

/** web.config for IIS, placed in the site folder (docs/deploy.md, 2.2). */
function webConfig() {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- 双拥台账助手 — IIS settings for this folder (docs/deploy.md). -->
<configuration>
  <system.webServer>
    <staticContent>
      <remove fileExtension=".js" />
      <mimeMap fileExtension=".js" mimeType="text/javascript; charset=utf-8" />
      <remove fileExtension=".xml" />
      <mimeMap fileExtension=".xml" mimeType="application/xml; charset=utf-8" />
      <remove fileExtension=".md" />
      <mimeMap fileExtension=".md" mimeType="text/markdown; charset=utf-8" />
      <clientCache cacheControlMode="DisableCache" />
    </staticContent>
    <httpProtocol>
      <customHeaders>
        <add name="X-Content-Type-Options" value="nosniff" />
      </customHeaders>
    </httpProtocol>
  </system.webServer>
</configuration>
`;
}

function humanSize(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}

function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.error) return fail(o.error);
  const checked = checkUrl(o.url);
  if (checked.error) return fail(checked.error);
  const url = checked.url;
  const name = `shuangyong-ledger-${pkg.version}${o.offline ? '-offline' : ''}`;
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-package-'));
  try {
    const site = path.join(stage, 'addin');
    console.log(`package: building the add-in for ${url} (Office.js: ${o.offline ? 'bundled only' : 'CDN, then bundled'})`);
    const env = {
      ...process.env,
      ADDIN_PUBLIC_URL: url,
      ADDIN_PROVIDER: o.provider,
      OFFICE_JS_SOURCE: o.offline ? 'local' : 'fallback',
      ADDIN_OUT_DIR: site,
    };
    const cli = require.resolve('webpack-cli/bin/cli.js', { paths: [root] });
    const b = spawnSync(process.execPath, [cli, '--mode', 'production'], { cwd: root, env, encoding: 'utf8' });
    if (b.status !== 0) {
      process.stderr.write(`${b.stdout || ''}${b.stderr || ''}`);
      return fail('package: the webpack build failed (output above); nothing written');
    }
    const manifest = path.join(site, 'manifest.xml');
    const text = fs.readFileSync(manifest, 'utf8');
    if (text.includes('https://localhost:3000') || !text.includes(`${url}/taskpane.html`) || !text.includes(`<SupportUrl DefaultValue="${url}/help.html"/>`)) {
      return fail(`package: the built manifest does not point at ${url}; nothing written`);
    }
    const { schemaCheck } = require('./validate-manifest');
    if (schemaCheck(manifest, true) !== 0) return fail('package: the built manifest does not validate (above); nothing written');
    fs.writeFileSync(path.join(site, 'web.config'), webConfig());

    const files = {};
    const add = (rel, data) => {
      files[`${name}/${rel}`] = [new Uint8Array(data), { level: 9, mtime: new Date('2026-01-01T00:00:00Z') }];
    };
    for (const rel of walk(site)) add(`addin/${rel}`, fs.readFileSync(path.join(site, rel)));
    add('manifest.xml', fs.readFileSync(manifest));
    add('部署说明.md', fs.readFileSync(path.join(root, 'docs', 'deploy.md')));
    add('nginx.conf', Buffer.from(nginxConf(url)));
    const zip = zipSync(files);
    fs.mkdirSync(o.out, { recursive: true });
    const out = path.join(o.out, `${name}.zip`);
    fs.writeFileSync(out, zip);
    const count = Object.keys(files).length;
    console.log(`package: wrote ${path.relative(process.cwd(), out) || out} (${humanSize(zip.length)}, ${count} files)`);
    console.log(`package: manifest ${url}/manifest.xml validates; SupportUrl ${url}/help.html`);
    return 0;
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

function fail(message) {
  console.error(message);
  return 2;
}

if (require.main === module) process.exit(main());

module.exports = { checkUrl, nginxConf, webConfig };
