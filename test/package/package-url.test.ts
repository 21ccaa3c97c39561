/**
 * `npm run package -- --url …` with a bad address: one clear line, exit code not 0, nothing written
 * (issue 20, "Bad input"). The script is run for real, with --out in a fresh folder.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const script = path.join(__dirname, '..', '..', 'scripts', 'package.js');
const { checkUrl } = require(script) as { checkUrl: (raw: string | null) => { url?: string; error?: string } };

test.each([
  ['http://addin.example.gov.cn/shuangyong', /https:\/\//],
  ['https://addin.example.gov.cn/shuangyong?v=2', /query/],
  ['https://addin.example.gov.cn/shuangyong#top', /fragment/],
  ['https://addin.example.gov.cn/shuangyong/taskpane.html', /names a file/],
  ['addin.example.gov.cn/shuangyong', /not a web address|https/],
])('--url %s is refused with one line naming the problem, nothing written', (url, why) => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-pkg-url-'));
  try {
    const r = spawnSync(process.execPath, [script, '--url', url, '--out', out], { encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    const lines = `${r.stdout}${r.stderr}`.trim().split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(why);
    expect(fs.readdirSync(out)).toEqual([]);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test('a good --url is kept as its folder, without a trailing slash', () => {
  expect(checkUrl('https://addin.example.gov.cn/shuangyong/')).toEqual({ url: 'https://addin.example.gov.cn/shuangyong' });
  expect(checkUrl(null).error).toMatch(/--url is required/);
});
