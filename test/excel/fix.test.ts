import { createExcelHost } from '../../src/excel/host-impl';
import { applyFixes, undoFixes, excelInput, wouldCoerce } from '../../src/excel/fix';
import { createExcel, key, parseLocal, type ExcelSim } from '../excel-sim/node';
import { installSample, settings, snapshot } from './helpers';
import type { Problem } from '../../src/core/problem';

let fake: ExcelSim;
afterEach(() => fake?.uninstall());

const p = (sheet: string, cell: string, fix: Problem['fix'], value?: string): Problem => ({ code: 'fix.test', severity: 'warning', sheet, cell, params: {}, fix, value });

test('text that Excel would convert is written with a quote prefix', () => {
  expect(wouldCoerce('110105194912310023')).toBe(true);
  expect(wouldCoerce('TRUE')).toBe(true);
  expect(wouldCoerce('残疾军人')).toBe(false);
  expect(excelInput('0012', 'General')).toBe("'0012");
  expect(excelInput('0012', '@')).toBe('0012');
  expect(excelInput(12, 'General')).toBe(12);
});

test('fixes apply in bulk; undo restores values and number formats exactly, even in a later session', async () => {
  fake = createExcel({
    sheets: [
      {
        name: 'S',
        rows: [
          ['１１０１０５１９４９１２３１００２３', '伤残军人', ' 张三 ', { v: '2023.5.1', f: '@' }, 'keep'],
          [{ v: 45000, f: 'yyyy/m/d' }, '', 7, 'x', 'y'],
        ],
      },
    ],
  });
  const before = snapshot(fake);
  const fixes = [
    p('S', 'A1', '110105194912310023', '１１０１０５１９４９１２３１００２３'),
    p('S', 'B1', '残疾军人', '伤残军人'),
    p('S', 'C1', '张三', ' 张三 '),
    p('S', 'D1', new Date(Date.UTC(2023, 4, 1)), '2023.5.1'),
    p('S', 'E1', 'changed', 'not what the cell holds'), // stale: left alone
  ];
  const r = await Excel.run((ctx) => applyFixes(ctx, fixes));
  expect(r).toMatchObject({ changed: 4, skipped: 1 });
  const s = fake.model.sheet('S')!;
  expect(s.get(0, 0)).toBe('110105194912310023'); // stays text, all 18 digits
  expect(s.get(0, 1)).toBe('残疾军人');
  expect(s.get(0, 2)).toBe('张三');
  expect(s.get(0, 3)).toBe(45047);
  expect(s.formats.get(key(0, 3))).toBe('yyyy-mm-dd');
  expect(s.get(0, 4)).toBe('keep');

  const model = fake.model;
  fake.uninstall();
  fake = createExcel(model); // a new session
  const u = await Excel.run((ctx) => undoFixes(ctx));
  expect(u.changed).toBe(4);
  expect(snapshot(fake)).toBe(before);
  // nothing left to undo
  expect((await Excel.run((ctx) => undoFixes(ctx))).changed).toBe(0);
});

test('undo leaves a cell the user edited after the fix', async () => {
  fake = createExcel({ sheets: [{ name: 'S', rows: [['伤残军人', '烈属']] }] });
  await Excel.run((ctx) => applyFixes(ctx, [p('S', 'A1', '残疾军人'), p('S', 'B1', '烈士遗属')]));
  fake.model.sheet('S')!.set(0, 1, '用户改过');
  const u = await Excel.run((ctx) => undoFixes(ctx));
  expect(u).toMatchObject({ changed: 1, skipped: 1 });
  expect(fake.model.sheet('S')!.get(0, 0)).toBe('伤残军人');
  expect(fake.model.sheet('S')!.get(0, 1)).toBe('用户改过');
});

test('two fix runs undo to the original value', async () => {
  fake = createExcel({ sheets: [{ name: 'S', rows: [['a']] }] });
  await Excel.run((ctx) => applyFixes(ctx, [p('S', 'A1', 'b')]));
  await Excel.run((ctx) => applyFixes(ctx, [p('S', 'A1', 'c')]));
  expect(fake.model.sheet('S')!.get(0, 0)).toBe('c');
  await Excel.run((ctx) => undoFixes(ctx));
  expect(fake.model.sheet('S')!.get(0, 0)).toBe('a');
});

test('a protected sheet: a clear message and nothing written', async () => {
  fake = createExcel({ sheets: [{ name: 'A', rows: [['伤残军人']] }, { name: 'B', rows: [['烈属']], protected: true }] });
  const before = snapshot(fake);
  await expect(Excel.run((ctx) => applyFixes(ctx, [p('A', 'A1', '残疾军人'), p('B', 'A1', '烈士遗属')]))).rejects.toMatchObject({
    kind: 'protected',
    message: expect.stringContaining('B'),
  });
  expect(snapshot(fake)).toBe(before);
});

test('host: fix the fixable problems of a sample check, then undo restores the workbook exactly', async () => {
  fake = installSample(2);
  const host = createExcelHost();
  const r = await host.check('workbook', settings());
  const fixable = r.problems.filter((x) => x.fix !== undefined && x.cell);
  expect(fixable.length).toBeGreaterThan(0);
  await host.clearMarks();
  const before = snapshot(fake, ['校验结果']);
  const n = await host.applyFixes(fixable);
  expect(n).toBeGreaterThan(0);
  const first = fixable.find((x) => typeof x.fix === 'string')!;
  const rc = parseLocal(first.cell!)!;
  expect(fake.model.sheet(first.sheet!)!.get(rc.r0, rc.c0)).toBe(first.fix);
  // fixed problems are gone on the next check
  const again = await host.check('workbook', settings());
  expect(again.problems.filter((x) => x.fix !== undefined && x.cell).length).toBeLessThan(fixable.length);
  await host.clearMarks();
  expect(await host.undoFixes()).toBe(n);
  expect(snapshot(fake, ['校验结果'])).toBe(before);
});

test('undo finds a renamed sheet by its id', async () => {
  fake = createExcel({ sheets: [{ name: 'S', rows: [['伤残军人']] }] });
  await Excel.run((ctx) => applyFixes(ctx, [p('S', 'A1', '残疾军人')]));
  fake.model.sheet('S')!.name = 'S2';
  expect((await Excel.run((ctx) => undoFixes(ctx))).changed).toBe(1);
  expect(fake.model.sheet('S2')!.get(0, 0)).toBe('伤残军人');
});

test('the record is stored compactly and reads back the same', async () => {
  const { encodeState, decodeState } = await import('../../src/excel/state');
  const state = {
    version: 1 as const,
    marks: [{ sheet: 'S', sheetId: '{id}', fills: [{ prev: { pattern: 'None' }, cells: ['A1'] }], notes: ['A1'], comments: [] }],
    fixes: [
      {
        at: '2026-11-29T00:00:00.000Z',
        cells: [
          { sheet: 'S', sheetId: '{id}', cell: 'A1', value: '伤残军人', type: 'String', numberFormat: 'General', wrote: '残疾军人', wroteFormat: 'General' },
          { sheet: 'T', cell: 'B2', value: 45000, type: 'Double', numberFormat: 'yyyy/m/d', wrote: 45001, wroteFormat: 'yyyy/m/d' },
        ],
      },
    ],
  };
  const text = encodeState(state);
  expect(decodeState(text)).toEqual(state);
  expect(text.length).toBeLessThan(JSON.stringify(state).length);
  expect(decodeState('{broken')).toEqual({ version: 1, marks: [], fixes: [] });
});

test('a fix marked fixNeedsChoice (性别 from the ID) is never applied in bulk', async () => {
  fake = createExcel({ sheets: [{ name: "S", rows: [["女", " 张三 "]] }] });
  const choice: Problem = { ...p('S', 'A1', '男', '女'), code: 'sex.mismatch-id', fixNeedsChoice: true };
  const r = await Excel.run((ctx) => applyFixes(ctx, [choice, p('S', 'B1', '张三', ' 张三 ')]));
  expect(r.changed).toBe(1);
  const s = fake.model.sheet('S')!;
  expect(s.get(0, 0)).toBe('女');
  expect(s.get(0, 1)).toBe('张三');
});

test('fixes that must stay text stay text through Range.values: +86 phone numbers, -/=/ISO dates (Excel would make them formulas or dates)', async () => {
  // Before the fix, '+86 138…' became a formula (#NAME?) and '2023-05-01' a date serial.
  fake = createExcel({ sheets: [{ name: 'S', rows: [['a', 'b', 'c', 'd', 'e']] }] });
  const fixes = [p('S', 'A1', '+86 138 0013 8000', 'a'), p('S', 'B1', '2023-05-01', 'b'), p('S', 'C1', '=备注', 'c'), p('S', 'D1', '-', 'd'), p('S', 'E1', '2023/5/1', 'e')];
  await Excel.run((ctx) => applyFixes(ctx, fixes));
  const s = fake.model.sheet('S')!;
  expect([0, 1, 2, 3, 4].map((c) => s.get(0, c))).toEqual(['+86 138 0013 8000', '2023-05-01', '=备注', '-', '2023/5/1']);
  await Excel.run((ctx) => undoFixes(ctx));
  expect([0, 1, 2, 3, 4].map((c) => s.get(0, c))).toEqual(['a', 'b', 'c', 'd', 'e']);
});
