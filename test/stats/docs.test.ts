import * as fs from 'fs';
import * as path from 'path';
import { STAT_DEFINITIONS } from '../../src/core/stats';

test('docs/stats.md documents every figure name', () => {
  const doc = fs.readFileSync(path.join(__dirname, '../../docs/stats.md'), 'utf8');
  const missing = STAT_DEFINITIONS.map((d) => d.name).filter((n) => !doc.includes('`' + n + '`'));
  expect(missing).toEqual([]);
  for (const n of ['年度', '乡镇', '制表日期']) expect(doc).toContain('`' + n + '`');
});
