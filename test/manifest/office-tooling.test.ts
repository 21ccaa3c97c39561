// Issue 11 item 5 and issue 20: the manifest as Office tooling reads it (office-addin-manifest's
// own reader), the publisher configurable at build, the help page behind SupportUrl, the high-DPI
// ribbon icons, and the Content Security Policy every page declares.
import * as fs from 'fs';
import * as path from 'path';
import { execFileSync } from 'child_process';
import type { ManifestInfo } from 'office-addin-manifest';

const root = path.join(__dirname, '..', '..');

/**
 * office-addin-manifest's own reader (OfficeAddinManifest.readManifestFile). It runs in a child
 * Node: the package pulls in ESM-only modules (uuid 14, node-fetch 3) that Node 20 loads with
 * require() but jest's module system cannot.
 */
function readManifestFile(file: string): ManifestInfo {
  const code =
    "require('office-addin-manifest').OfficeAddinManifest.readManifestFile(process.argv[1])" +
    '.then((i) => process.stdout.write(JSON.stringify(i)), (e) => { console.error(String(e)); process.exit(1); })';
  return JSON.parse(execFileSync(process.execPath, ['-e', code, file], { cwd: root, encoding: 'utf8' })) as ManifestInfo;
}
const DEV = 'https://localhost:3000';
const xml = fs.readFileSync(path.join(root, 'manifest.xml'), 'utf8');

interface Plugin {
  userOptions?: { filename?: string; template?: string; templateParameters?: unknown };
  patterns?: Array<{ from: string; to: string; transform?: (c: Buffer) => string | Buffer }>;
}
type Config = (env: object, argv: { mode: string }) => { plugins: Plugin[] };
const webpackConfig = require(path.join(root, 'webpack.config.js')) as Config & {
  OFFICE_JS_FILES: string[];
  contentSecurityPolicy: (source: string) => string;
};

function withEnv<T>(vars: Record<string, string | undefined>, body: () => T): T {
  const saved: Record<string, string | undefined> = {};
  for (const k of Object.keys(vars)) {
    saved[k] = process.env[k];
    if (vars[k] === undefined) delete process.env[k];
    else process.env[k] = vars[k];
  }
  try {
    return body();
  } finally {
    for (const k of Object.keys(saved)) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  }
}

/** The manifest the build would write to dist/, under the given environment. */
function builtManifest(vars: Record<string, string | undefined>): string {
  return withEnv(vars, () => {
    const cfg = webpackConfig({}, { mode: 'production' });
    const p = cfg.plugins.flatMap((x) => x.patterns ?? []).find((x) => x.to === 'manifest.xml')!;
    return String(p.transform!(Buffer.from(xml)));
  });
}

/** The template parameters a page gets in a build with the given Office.js source. */
function pageParams(source: string, filename: string): Record<string, string> {
  return withEnv({ OFFICE_JS_SOURCE: source }, () => {
    const cfg = webpackConfig({}, { mode: 'production' });
    const page = cfg.plugins.find((p) => p.userOptions?.filename === filename)!;
    const fn = page.userOptions!.templateParameters as (c: unknown, a: { js: string[] }) => Record<string, string>;
    return fn({}, { js: ['react.1.js', 'taskpane.2.js'] });
  });
}

describe('manifest.xml read by office-addin-manifest', () => {
  it('gives the id, provider, locale, hosts, permissions and the help page as support URL', () => {
    const info = readManifestFile(path.join(root, 'manifest.xml'));
    expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(info.providerName).toBe('双拥台账助手');
    expect(info.defaultLocale).toBe('zh-CN');
    expect(info.hosts).toEqual(['Workbook']);
    expect(info.permissions).toBe('ReadWriteDocument');
    expect(info.supportUrl).toBe(`${DEV}/help.html`);
    expect(info.defaultSettings?.sourceLocation).toBe(`${DEV}/taskpane.html`);
    expect(info.version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  it('reads the built manifest with the production URL and the publisher given at build', () => {
    const out = builtManifest({ ADDIN_PUBLIC_URL: 'https://zwnw.example.gov.cn/shuangyong', ADDIN_PROVIDER: '某某县民政局 & 人武部' });
    const tmp = fs.mkdtempSync(path.join(require('os').tmpdir(), 'manifest-'));
    const file = path.join(tmp, 'manifest.xml');
    fs.writeFileSync(file, out);
    const info = readManifestFile(file);
    expect(info.providerName).toBe('某某县民政局 & 人武部');
    expect(info.supportUrl).toBe('https://zwnw.example.gov.cn/shuangyong/help.html');
    expect(info.appDomains).toEqual(['https://zwnw.example.gov.cn/shuangyong']);
    expect(out).not.toContain(DEV);
    fs.rmSync(tmp, { recursive: true });
  });

  it('keeps the publisher when ADDIN_PROVIDER is unset or blank', () => {
    expect(builtManifest({ ADDIN_PUBLIC_URL: undefined, ADDIN_PROVIDER: undefined })).toBe(xml);
    expect(builtManifest({ ADDIN_PUBLIC_URL: undefined, ADDIN_PROVIDER: '  ' })).toBe(xml);
  });
});

describe('manifest version', () => {
  it('is package.json\'s version plus .0, so that an update changes both (docs/deploy.md, 4)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    expect(readManifestFile(path.join(root, 'manifest.xml')).version).toBe(`${pkg.version}.0`);
  });
});

describe('ribbon icons', () => {
  it('offer 16/32/80 and the high-DPI 20/24/40/48/64 for the group and every button', () => {
    const icons = [...xml.matchAll(/<Icon>([\s\S]*?)<\/Icon>/g)].map((m) => [...m[1].matchAll(/size="(\d+)"/g)].map((s) => Number(s[1])));
    expect(icons).toHaveLength(4);
    for (const sizes of icons) expect(sizes).toEqual([16, 20, 24, 32, 40, 48, 64, 80]);
  });
});

describe('help page (SupportUrl)', () => {
  const html = fs.readFileSync(path.join(root, 'src', 'help', 'help.html'), 'utf8');
  it('is built into dist/ as help.html and named by SupportUrl and GetStarted', () => {
    const cfg = withEnv({ OFFICE_JS_SOURCE: undefined }, () => webpackConfig({}, { mode: 'production' }));
    expect(cfg.plugins.some((p) => p.userOptions?.filename === 'help.html')).toBe(true);
    expect(xml).toContain(`<SupportUrl DefaultValue="${DEV}/help.html"/>`);
    expect(xml).toMatch(/<LearnMoreUrl resid="Help.Url"\/>/);
    expect(xml).toContain(`<bt:Url id="Help.Url" DefaultValue="${DEV}/help.html"/>`);
  });
  it('is Chinese first, says what to do without the ribbon group, and has no script', () => {
    expect(html).toMatch(/<html lang="zh-CN">/);
    expect(html.indexOf('怎么用')).toBeGreaterThan(0);
    expect(html.indexOf('怎么用')).toBeLessThan(html.indexOf('How to use it'));
    expect(html).toContain('Excel 2016 和 Excel 2019 不能使用');
    expect(html).toContain('ledger-win-x64.exe');
    expect(html).not.toMatch(/<script/i);
  });
});

describe('Content Security Policy', () => {
  it('allows scripts from self only (plus the CDN in the CDN builds), never eval', () => {
    const local = webpackConfig.contentSecurityPolicy('local');
    expect(local).toMatch(/(^|; )script-src 'self'(;|$)/);
    for (const source of ['cdn', 'fallback']) {
      expect(webpackConfig.contentSecurityPolicy(source)).toMatch(/(^|; )script-src 'self' https:\/\/appsforoffice\.microsoft\.com(;|$)/);
    }
    for (const source of ['cdn', 'fallback', 'local']) {
      const csp = webpackConfig.contentSecurityPolicy(source);
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toMatch(/frame-src 'self'/);
      expect(csp).toMatch(/object-src 'none'/);
    }
  });

  it('is declared first in the head of the pane and the function file, for every build', () => {
    for (const [file, template] of [
      ['taskpane.html', 'src/taskpane/taskpane.html'],
      ['commands.html', 'src/commands/commands.html'],
    ]) {
      const src = fs.readFileSync(path.join(root, template), 'utf8');
      expect(src).toMatch(/<head>\s*<meta charset="utf-8" \/>\s*<meta http-equiv="Content-Security-Policy" content="<%= csp %>" \/>/);
      for (const source of ['cdn', 'fallback', 'local']) {
        const params = pageParams(source, file);
        expect(params.csp).toBe(webpackConfig.contentSecurityPolicy(source));
      }
    }
  });

  it('loads Office.js from the CDN, the CDN with the bundled fallback, or only the bundled copy', () => {
    expect(pageParams('cdn', 'taskpane.html').officeJsTags).toBe(
      '<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js" type="text/javascript"></script>',
    );
    expect(pageParams('local', 'taskpane.html').officeJsTags).toBe('<script src="office-js/office.js" type="text/javascript"></script>');
    const fb = pageParams('fallback', 'taskpane.html').officeJsTags;
    expect(fb).toContain('src="office-loader.js"');
    expect(fb).toContain('data-local="office-js/office.js"');
    expect(fb).toContain('data-bundles="react.1.js taskpane.2.js"');
    expect(() => withEnv({ OFFICE_JS_SOURCE: 'intranet' }, () => webpackConfig({}, { mode: 'production' }))).toThrow(/cdn, fallback or local/);
  });

  it('bundles every Office.js file Excel loads, from @microsoft/office-js', () => {
    const dist = path.join(root, 'node_modules', '@microsoft', 'office-js', 'dist');
    for (const f of webpackConfig.OFFICE_JS_FILES) expect([f, fs.existsSync(path.join(dist, f))]).toEqual([f, true]);
    for (const host of ['win32', 'mac', 'web']) expect(webpackConfig.OFFICE_JS_FILES.some((f) => f.startsWith(`excel-${host}-`))).toBe(true);
    expect(webpackConfig.OFFICE_JS_FILES).toEqual(expect.arrayContaining(['office.js', 'zh-cn/office_strings.js', 'en-us/office_strings.js']));
  });
});
