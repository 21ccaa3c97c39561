import { readFileSync } from 'fs';
import { join } from 'path';
import { codesMarkdown, readmeCodesProblems } from '../../scripts/gen-codes';
import { countyCodesSource } from '../../scripts/gen-county-codes';
import { isKnownCounty, makeId, validateId } from '../../src/core/values/id';

test('docs/codes.md is generated from the current codes (run npx tsx scripts/gen-codes.ts)', () => {
  const onDisk = readFileSync(join(__dirname, '..', '..', 'docs', 'codes.md'), 'utf8');
  expect(onDisk).toBe(codesMarkdown());
});

test('README.md links docs/codes.md and carries no copy of the codes table', () => {
  const onDisk = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  expect(readmeCodesProblems(onDisk)).toEqual([]);
  // The check itself finds a table row and a missing link.
  expect(readmeCodesProblems('| `id.checksum` | 错误 error | x | y |')).toHaveLength(2);
});

test('the county table is generated from the data package (run npx tsx scripts/gen-county-codes.ts)', () => {
  const onDisk = readFileSync(join(__dirname, '..', '..', 'src', 'core', 'values', 'county-codes.ts'), 'utf8');
  expect(onDisk).toBe(countyCodesSource());
});

test('county table: current codes known, abolished and invented ones unknown', () => {
  expect(isKnownCounty('110105')).toBe(true); // 朝阳区
  expect(isKnownCounty('441900')).toBe(true); // 东莞市 (no counties)
  expect(isKnownCounty('429004')).toBe(true); // 仙桃市
  expect(isKnownCounty('110103')).toBe(false); // 崇文区, abolished 2010 (valid on old cards: see id-cells.test)
  expect(isKnownCounty('430199')).toBe(false);
  expect(validateId(makeId('430199', '19700108', 11), 20261231)).toBe('county');
  expect(validateId(makeId('110103', '19700108', 11), 20261231)).toBe('county-abolished');
  expect(validateId(makeId('810000', '19700108', 11), 20261231)).toBe('ok');
});
