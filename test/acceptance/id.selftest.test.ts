import { checkChar, makeId, upgrade15, withCheck } from './id';

// The helper itself, against published examples (the standard's sample 11010519491231002X).
test('GB 11643 helper computes the published check characters', () => {
  expect(checkChar('11010519491231002')).toBe('X');
  expect(withCheck('44052418800101001')).toBe('440524188001010014');
  expect(upgrade15('110105491231002')).toBe('11010519491231002X');
  const m = makeId('430121', '20080312', 'M');
  expect(Number(m[16]) % 2).toBe(1);
  const f = makeId('430121', '20080312', 'F', true);
  expect(Number(f[16]) % 2).toBe(0);
  expect(f.endsWith('X')).toBe(true);
});
