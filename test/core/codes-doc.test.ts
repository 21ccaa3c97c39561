import { readFileSync } from 'fs';
import { join } from 'path';
import { codesMarkdown } from '../../scripts/gen-codes';

test('docs/codes.md is generated from the current codes (run npx tsx scripts/gen-codes.ts)', () => {
  const onDisk = readFileSync(join(__dirname, '..', '..', 'docs', 'codes.md'), 'utf8');
  expect(onDisk).toBe(codesMarkdown());
});
