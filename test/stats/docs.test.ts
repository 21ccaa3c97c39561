import * as fs from 'fs';
import * as path from 'path';
import { STAT_DEFINITIONS } from '../../src/core/stats';

test('docs/stats.md documents every figure name', () => {
  const doc = fs.readFileSync(path.join(__dirname, '../../docs/stats.md'), 'utf8');
  const missing = STAT_DEFINITIONS.map((d) => d.name).filter((n) => !doc.includes('`' + n + '`'));
  expect(missing).toEqual([]);
  for (const n of ['年度', '乡镇', '制表日期']) expect(doc).toContain('`' + n + '`');
});

test('README.md lists every placeholder name', () => {
  const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
  const start = readme.indexOf('自定义模板占位符');
  expect(start).toBeGreaterThan(0);
  const section = readme.slice(start, readme.indexOf('<!-- docs:end -->'));
  const listed = new Set(section.split(/\s·\s|\s+|：|（/).map((s) => s.trim()));
  const missing = STAT_DEFINITIONS.map((d) => d.name).filter((n) => !listed.has(n));
  expect(missing).toEqual([]);
});
