import * as fs from 'fs';
import * as path from 'path';
import { listSamples } from '../../src/samples/compare';
import { cli, tmpDir } from './helpers';

jest.setTimeout(180000);
const ROOT = path.join(__dirname, '..', '..');

test('the bundled last-year samples and lists give the documented differences', async () => {
  const dir = tmpDir();
  const d = await cli('diff', '--last', path.join(ROOT, 'samples-2025'), '--this', path.join(ROOT, 'samples'), '--year', '2026', '--json', path.join(dir, 'd.json'), '--quiet');
  expect(d.code).toBe(0);
  const j = JSON.parse(fs.readFileSync(path.join(dir, 'd.json'), 'utf8'));
  const count = (k: string) => j.changes.filter((c: { kind: string }) => c.kind === k).length;
  // Per village: one 新增, two 减少, one 变更 in 优抚对象; a pair gone in 红旗村; one man not verified.
  expect([count('added'), count('removed'), count('changed'), count('not-verified')]).toEqual([4, 9, 4, 1]);
  expect(j.changes.filter((c: { unexplained?: boolean }) => c.unexplained).map((c: { name: string }) => c.name).sort()).toEqual(
    ['光去世', '光迁出', '和去世', '新去世', '红去世', '红旗村村民委员会'].sort(),
  );
  expect(j.changes.filter((c: { kind: string }) => c.kind === 'changed').every((c: { fields: Array<{ column: string }> }) => c.fields.length === 1 && c.fields[0].column === '本年发放金额(元)')).toBe(true);

  const r = await cli('reconcile', path.join(ROOT, 'samples'), '--roster', path.join(ROOT, 'samples-lists', '公安适龄男青年名单.xlsx'),
    '--deceased', path.join(ROOT, 'samples-lists', '死亡人员名单.xlsx'), '--year', '2026', '--json', path.join(dir, 'r.json'), '--quiet');
  expect(r.code).toBe(1);
  const k = JSON.parse(fs.readFileSync(path.join(dir, 'r.json'), 'utf8'));
  const { facts } = listSamples();
  const ids = (kind: string, of: Array<{ kind: string; id: string }>) => of.filter((p) => p.kind === kind).map((p) => p.id).sort();
  expect(ids('unregistered', k.roster.people)).toEqual([...facts.unregistered].sort());
  expect(ids('outside-list', k.roster.people)).toEqual([...facts.outsideList].sort());
  expect(ids('village-mismatch', k.roster.people)).toEqual([...facts.villageMismatch].sort());
  expect([...new Set(ids('deceased-active', k.deceased.people))].sort()).toEqual([...facts.deceasedActive].sort());
  expect([...new Set(k.deceased.people.filter((p: { paidAfterDeath?: boolean }) => p.paidAfterDeath).map((p: { id: string }) => p.id))]).toEqual(facts.paidAfterDeath);
  expect(ids('name-mismatch', k.deceased.people)).toEqual(facts.nameMismatch);
});
