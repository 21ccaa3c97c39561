/**
 * @jest-environment jsdom
 */
// What the manifest schema cannot check: every resid resolves to a resource of the right kind,
// every URL points at a page or file the build produces, every icon exists at its stated size,
// every ExecuteFunction is registered by the commands bundle, and every string has its en-US text.
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');
const DEV = 'https://localhost:3000';
const xml = fs.readFileSync(path.join(root, 'manifest.xml'), 'utf8');
const doc = new DOMParser().parseFromString(xml, 'application/xml');

const all = (name: string) => Array.from(doc.getElementsByTagName('*')).filter((e) => e.localName === name);

interface WebpackLike {
  plugins: Array<{ userOptions?: { filename?: string }; patterns?: Array<{ from: string; to: string; transform?: (c: Buffer) => string | Buffer }> }>;
}
const webpackConfig = require(path.join(root, 'webpack.config.js')) as (env: object, argv: { mode: string }) => WebpackLike;

/** The files the build writes to dist/ besides bundles: HTML pages, copied assets, the manifest. */
function builtFiles(): Set<string> {
  const cfg = webpackConfig({}, { mode: 'production' });
  const out = new Set<string>();
  for (const p of cfg.plugins) {
    if (p.userOptions?.filename) out.add(p.userOptions.filename);
    for (const pat of p.patterns ?? []) {
      const src = path.join(root, pat.from);
      if (fs.statSync(src).isDirectory()) for (const f of fs.readdirSync(src)) out.add(`${pat.to}/${f}`);
      else out.add(pat.to);
    }
  }
  return out;
}

function pngSize(file: string): { width: number; height: number } {
  const b = fs.readFileSync(file);
  expect(b.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(b.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function resources(kind: string): Map<string, Element> {
  const m = new Map<string, Element>();
  for (const group of all(kind)) {
    for (const el of Array.from(group.children)) m.set(el.getAttribute('id') ?? '', el);
  }
  return m;
}

describe('manifest.xml', () => {
  it('is well-formed', () => {
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(doc.documentElement.localName).toBe('OfficeApp');
  });

  it('is an Excel task pane add-in with ReadWriteDocument, zh-CN default and en-US overrides', () => {
    expect(doc.documentElement.getAttribute('xsi:type')).toBe('TaskPaneApp');
    expect(all('Permissions')[0].textContent).toBe('ReadWriteDocument');
    expect(all('DefaultLocale')[0].textContent).toBe('zh-CN');
    expect(all('Host').filter((h) => h.getAttribute('Name') === 'Workbook')).toHaveLength(1);
    const set = all('Set').find((s) => s.getAttribute('Name') === 'ExcelApi');
    expect(set?.getAttribute('MinVersion')).toMatch(/^1\.\d+$/);
  });

  it('resolves every resid to a resource of the right kind', () => {
    const images = resources('Images');
    const urls = resources('Urls');
    const short = resources('ShortStrings');
    const long = resources('LongStrings');
    const refs = Array.from(doc.getElementsByTagName('*')).filter((e) => e.hasAttribute('resid'));
    expect(refs.length).toBeGreaterThan(10);
    const unresolved: string[] = [];
    for (const el of refs) {
      const id = el.getAttribute('resid') ?? '';
      const parent = el.parentElement?.localName;
      let pool: Map<string, Element>;
      if (el.localName === 'Image') pool = images;
      else if (['SourceLocation', 'FunctionFile', 'LearnMoreUrl'].includes(el.localName)) pool = urls;
      else if (el.localName === 'Description') pool = long;
      else if (el.localName === 'Label' || el.localName === 'Title') pool = short;
      else throw new Error(`unexpected resid on <${el.localName}> in <${parent}>`);
      if (!pool.has(id)) unresolved.push(`<${el.localName} resid="${id}"> in <${parent}>`);
    }
    expect(unresolved).toEqual([]);
    // Resid values are at most 32 characters (the schema's ShortString id limit).
    for (const el of refs) expect((el.getAttribute('resid') ?? '').length).toBeLessThanOrEqual(32);
  });

  it('has the ribbon group 双拥台账 with 打开面板, 校验 and 统计汇总', () => {
    const short = resources('ShortStrings');
    const label = (el: Element) => short.get(el.getAttribute('resid') ?? '')?.getAttribute('DefaultValue');
    const group = all('Group')[0];
    expect(label(Array.from(group.children).find((c) => c.localName === 'Label')!)).toBe('双拥台账');
    const controls = all('Control').map((c) => {
      const action = Array.from(c.children).find((x) => x.localName === 'Action')!;
      const l = Array.from(c.children).find((x) => x.localName === 'Label')!;
      const fn = Array.from(action.children).find((x) => x.localName === 'FunctionName')?.textContent ?? null;
      return [label(l), action.getAttribute('xsi:type'), fn];
    });
    expect(controls).toEqual([
      ['打开面板', 'ShowTaskpane', null],
      ['校验', 'ExecuteFunction', 'runCheck'],
      ['统计汇总', 'ExecuteFunction', 'runSummarize'],
    ]);
  });

  it('registers every ExecuteFunction in src/commands/', () => {
    const src = fs.readFileSync(path.join(root, 'src', 'commands', 'commands.ts'), 'utf8');
    for (const fn of all('FunctionName').map((f) => f.textContent ?? '')) {
      expect(src).toContain(`associate('${fn}'`);
    }
  });

  it('gives every string and the display name an en-US override', () => {
    const strings = [...resources('ShortStrings').values(), ...resources('LongStrings').values()];
    strings.push(all('DisplayName')[0], all('Description').find((d) => d.parentElement === doc.documentElement)!);
    const missing = strings
      .filter((s) => !Array.from(s.children).some((o) => o.getAttribute('Locale') === 'en-US' && o.getAttribute('Value')))
      .map((s) => s.getAttribute('id') ?? s.localName);
    expect(missing).toEqual([]);
  });

  it('points every URL at a file the build produces', () => {
    const built = builtFiles();
    expect(built.has('taskpane.html')).toBe(true);
    expect(built.has('commands.html')).toBe(true);
    const urls: string[] = [];
    for (const el of Array.from(doc.getElementsByTagName('*'))) {
      for (const attr of ['DefaultValue', 'Value']) {
        const v = el.getAttribute(attr);
        if (v && /^https?:/.test(v)) urls.push(v);
      }
      if (el.localName === 'AppDomain') urls.push(el.textContent ?? '');
    }
    expect(urls.length).toBeGreaterThan(10);
    const bad: string[] = [];
    for (const u of urls) {
      if (!u.startsWith(DEV)) bad.push(`${u}: not on ${DEV}`);
      const rel = u.slice(DEV.length).replace(/^\//, '').split(/[?#]/)[0];
      if (rel && !built.has(rel)) bad.push(`${u}: the build does not produce ${rel}`);
    }
    expect(bad).toEqual([]);
  });

  it('has every icon at its stated size', () => {
    const images = resources('Images');
    const checks: Array<[string, number]> = [];
    for (const img of all('Image').filter((e) => e.hasAttribute('resid'))) {
      const url = images.get(img.getAttribute('resid') ?? '')?.getAttribute('DefaultValue') ?? '';
      checks.push([url, Number(img.getAttribute('size'))]);
    }
    checks.push([all('IconUrl')[0].getAttribute('DefaultValue') ?? '', 32]);
    checks.push([all('HighResolutionIconUrl')[0].getAttribute('DefaultValue') ?? '', 64]);
    expect(checks.length).toBeGreaterThan(9);
    for (const [url, size] of checks) {
      const file = path.join(root, url.slice(DEV.length + 1));
      expect(fs.existsSync(file)).toBe(true);
      expect([path.basename(file), pngSize(file)]).toEqual([path.basename(file), { width: size, height: size }]);
    }
  });

  it('is copied to dist/ with ADDIN_PUBLIC_URL in place of the development URL', () => {
    const saved = process.env.ADDIN_PUBLIC_URL;
    try {
      process.env.ADDIN_PUBLIC_URL = 'https://addin.example.gov.cn/ledger/';
      const cfg = webpackConfig({}, { mode: 'production' });
      const pattern = cfg.plugins.flatMap((p) => p.patterns ?? []).find((p) => p.to === 'manifest.xml');
      const out = String(pattern!.transform!(Buffer.from(xml)));
      expect(out).not.toContain(DEV);
      expect(out).toContain('https://addin.example.gov.cn/ledger/taskpane.html');
      expect(out).toContain('https://addin.example.gov.cn/ledger/assets/icon-80.png');
      delete process.env.ADDIN_PUBLIC_URL;
      const dev = webpackConfig({}, { mode: 'production' });
      const devPattern = dev.plugins.flatMap((p) => p.patterns ?? []).find((p) => p.to === 'manifest.xml');
      expect(String(devPattern!.transform!(Buffer.from(xml)))).toBe(xml);
    } finally {
      if (saved === undefined) delete process.env.ADDIN_PUBLIC_URL;
      else process.env.ADDIN_PUBLIC_URL = saved;
    }
  });
});
