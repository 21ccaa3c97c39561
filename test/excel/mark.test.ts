import type { Problem } from '../../src/core/problem';
import { clearMarks, markProblems, addressLists } from '../../src/excel/mark';
import { ERROR_FILL, WARNING_FILL, STATE_SHEET } from '../../src/excel/common';
import { createExcel, key, type ExcelSim } from '../excel-sim/node';
import { snapshot } from './helpers';

let fake: ExcelSim;
afterEach(() => fake?.uninstall());

const render = (p: Problem) => `${p.code}@${p.cell}`;

function problem(sheet: string, cell: string, severity: 'error' | 'warning' = 'error', code = 'x.test'): Problem {
  const m = /^([A-Z]+)(\d+)$/.exec(cell)!;
  return { code, severity, sheet, cell, row: Number(m[2]), params: {} };
}

function book(extra: Record<string, unknown> = {}) {
  return createExcel({
    sheets: [
      {
        name: '优抚对象',
        rows: Array.from({ length: 20 }, (_, i) => ['a' + i, 'b' + i, 'c' + i, 'd' + i]),
        fills: { B2: '#00B050', C3: '#FFFF00' },
        notes: { D4: '用户自己的批注' },
      },
      { name: '兵役登记', rows: [['x', 'y']] },
    ],
    ...extra,
  });
}

test('address lists stay short and keep every cell', () => {
  const cells = Array.from({ length: 1000 }, (_, i) => `A${i + 1}`);
  const lists = addressLists(cells, 100);
  expect(lists.every((l) => l.length <= 100)).toBe(true);
  expect(lists.join(',').split(',')).toEqual(cells);
});

test('marks errors and warnings in two fills with threaded comments (the npm Office.js has no Worksheet.notes); clearing restores exactly', async () => {
  fake = book();
  const before = snapshot(fake);
  const problems = [problem('优抚对象', 'A1'), problem('优抚对象', 'B2', 'warning'), problem('优抚对象', 'C3'), problem('优抚对象', 'C3', 'warning', 'y.other'), problem('优抚对象', 'E5', 'warning')];
  const r = await Excel.run((ctx) => markProblems(ctx, problems, { render }));
  expect(r).toMatchObject({ marked: 4, mode: 'comments', protectedSheets: [] });
  const s = fake.model.sheet('优抚对象')!;
  expect(s.fills.get(key(0, 0))?.color).toBe(ERROR_FILL);
  expect(s.fills.get(key(1, 1))?.color).toBe(WARNING_FILL);
  expect(s.fills.get(key(2, 2))?.color).toBe(ERROR_FILL); // error wins over warning
  expect(s.comments.get(key(2, 2))?.content).toBe('x.test@C3\ny.other@C3');
  expect(s.notes.get(key(3, 3))?.content).toBe('用户自己的批注'); // a user's note is never touched
  expect(fake.model.sheet(STATE_SHEET)?.visibility).toBe('VeryHidden');
  expect(snapshot(fake)).not.toBe(before);

  const c = await Excel.run((ctx) => clearMarks(ctx));
  expect(c.cleared).toBe(4);
  expect(snapshot(fake)).toBe(before);
});

test('a cell holding a note takes no comment (Excel refuses): fills and record are written, the rest of the run has no comments, clearing restores exactly', async () => {
  fake = book();
  const before = snapshot(fake);
  // D4 holds the user's note; F6 comes after it in the same request.
  const r = await Excel.run((ctx) => markProblems(ctx, [problem('优抚对象', 'A1'), problem('优抚对象', 'D4'), problem('优抚对象', 'F6')], { render }));
  expect(r.marked).toBe(3);
  expect(r.commentsBlocked).toBe(true);
  const s = fake.model.sheet('优抚对象')!;
  expect(s.fills.get(key(3, 3))?.color).toBe(ERROR_FILL);
  expect(s.notes.get(key(3, 3))?.content).toBe('用户自己的批注');
  expect(s.comments.get(key(0, 0))?.content).toBe('x.test@A1');
  await Excel.run((ctx) => clearMarks(ctx));
  expect(snapshot(fake)).toBe(before);
});

test('No Fill is told from a white fill by tintAndShade (Excel reports both as #FFFFFF): 清除标记 keeps the user\'s white fill', async () => {
  // Before the fix the pattern decided "no fill": Excel reports pattern null for both, so a
  // user's white fill was recorded as No Fill and erased by 清除标记.
  fake = createExcel({ sheets: [{ name: 'S', rows: [['a', 'b', 'c']], fills: { A1: '#FFFFFF', C1: '#FF0000' } }] });
  const before = snapshot(fake);
  await Excel.run((ctx) => markProblems(ctx, [problem('S', 'A1'), problem('S', 'B1'), problem('S', 'C1')], { render }));
  const s = fake.model.sheet('S')!;
  expect(s.fills.get(key(0, 0))?.color).toBe(ERROR_FILL);
  await Excel.run((ctx) => clearMarks(ctx));
  expect(s.fills.get(key(0, 0))).toMatchObject({ color: '#FFFFFF', pattern: 'Solid' }); // the user's white fill
  expect(s.fills.has(key(0, 1))).toBe(false); // No Fill again
  expect(s.fills.get(key(0, 2))).toMatchObject({ color: '#FF0000', pattern: 'Solid' });
  expect(snapshot(fake)).toBe(before);
});

test('Office 2021 (ExcelApi 1.14, no notes): clearing marks recorded with notes on a newer Excel does not fail; the notes stay recorded', async () => {
  fake = book();
  await Excel.run((ctx) => markProblems(ctx, [problem('优抚对象', 'A1')], { render }));
  // What a Microsoft 365 session (notes mode) would have recorded: a note of ours on B2.
  const model = fake.model;
  const s = model.sheet('优抚对象')!;
  s.notes.set(key(4, 4), { content: 'x.test@E5', author: 'Add-in' });
  await Excel.run(async (ctx) => {
    const { loadState, queueStateWrite } = await import('../../src/excel/state');
    const st = await loadState(ctx);
    st.state.marks[0].notes.push('E5');
    st.state.marks[0].fills[0].cells.push('E5');
    queueStateWrite(ctx, st.state, st.existed);
    await ctx.sync();
  });
  fake.uninstall();
  fake = createExcel(model, { profile: 'office2021' });
  const c = await Excel.run((ctx) => clearMarks(ctx));
  expect(c.cleared).toBe(2);
  expect(s.fills.size).toBe(2); // the user's own fills only
  expect(s.notes.get(key(4, 4))?.content).toBe('x.test@E5'); // cannot be removed here
  const { loadState } = await import('../../src/excel/state');
  const st = await Excel.run((ctx) => loadState(ctx));
  expect(st.state.marks.flatMap((m) => m.notes)).toEqual(['E5']); // a later Microsoft 365 session removes it
});

test('the record travels with the workbook: a later session clears what an earlier one marked', async () => {
  fake = book();
  const before = snapshot(fake);
  await Excel.run((ctx) => markProblems(ctx, [problem('优抚对象', 'B2'), problem('兵役登记', 'A1', 'warning')], { render }));
  // A new session: a new context and nothing kept in memory; only the workbook.
  const model = fake.model;
  fake.uninstall();
  fake = createExcel(model);
  await Excel.run((ctx) => clearMarks(ctx));
  expect(snapshot(fake)).toBe(before);
});

test('a second check replaces the marks of the first (previous fills are the user\'s, not ours)', async () => {
  fake = book();
  const before = snapshot(fake);
  await Excel.run((ctx) => markProblems(ctx, [problem('优抚对象', 'B2'), problem('优抚对象', 'A5')], { render }));
  await Excel.run((ctx) => markProblems(ctx, [problem('优抚对象', 'B2', 'warning'), problem('优抚对象', 'A6')], { render }));
  const s = fake.model.sheet('优抚对象')!;
  expect(s.fills.get(key(4, 0))).toBeUndefined();
  expect(s.fills.get(key(1, 1))?.color).toBe(WARNING_FILL);
  await Excel.run((ctx) => clearMarks(ctx));
  expect(snapshot(fake)).toBe(before);
  expect(s.fills.get(key(1, 1))?.color).toBe('#00B050');
});

test('comments where notes are not supported (ExcelApi 1.10–1.17), only fills below', async () => {
  fake = book({ requirementSets: { ExcelApi: '1.12' } });
  const before = snapshot(fake);
  const r = await Excel.run((ctx) => markProblems(ctx, [problem('优抚对象', 'A1'), problem('优抚对象', 'A2')], { render }));
  expect(r.mode).toBe('comments');
  expect(fake.model.sheet('优抚对象')!.comments.get(key(0, 0))?.content).toBe('x.test@A1');
  await Excel.run((ctx) => clearMarks(ctx));
  expect(snapshot(fake)).toBe(before);
  fake.uninstall();

  fake = book({ requirementSets: { ExcelApi: '1.9' } });
  const before2 = snapshot(fake);
  const r2 = await Excel.run((ctx) => markProblems(ctx, [problem('优抚对象', 'A1')], { render }));
  expect(r2.mode).toBe('none');
  const s = fake.model.sheet('优抚对象')!;
  expect(s.fills.get(key(0, 0))?.color).toBe(ERROR_FILL);
  expect(s.notes.size + s.comments.size).toBe(1); // only the user's note
  await Excel.run((ctx) => clearMarks(ctx));
  expect(snapshot(fake)).toBe(before2);
});

test('pattern fills are restored exactly too', async () => {
  fake = book();
  const s = fake.model.sheet('优抚对象')!;
  s.fills.set(key(5, 1), { color: '#FF0000', pattern: 'Gray50', patternColor: '#0000FF', tintAndShade: 0 });
  const before = snapshot(fake);
  await Excel.run((ctx) => markProblems(ctx, [problem('优抚对象', 'B6')], { render }));
  expect(s.fills.get(key(5, 1))).toMatchObject({ color: ERROR_FILL, pattern: 'Solid' });
  await Excel.run((ctx) => clearMarks(ctx));
  expect(snapshot(fake)).toBe(before);
});

test('a protected sheet is not marked and is listed; clearing marks on a protected sheet writes nothing', async () => {
  fake = book();
  fake.model.sheet('兵役登记')!.protected = true;
  const r = await Excel.run((ctx) => markProblems(ctx, [problem('优抚对象', 'A1'), problem('兵役登记', 'A1')], { render }));
  expect(r.protectedSheets).toEqual(['兵役登记']);
  expect(r.marked).toBe(1);
  expect(fake.model.sheet('兵役登记')!.fills.size).toBe(0);

  fake.model.sheet('兵役登记')!.protected = false;
  await Excel.run((ctx) => markProblems(ctx, [problem('优抚对象', 'A1'), problem('兵役登记', 'A1')], { render }));
  fake.model.sheet('兵役登记')!.protected = true;
  const marked = snapshot(fake);
  await expect(Excel.run((ctx) => clearMarks(ctx))).rejects.toMatchObject({ kind: 'protected', message: expect.stringContaining('兵役登记') });
  expect(snapshot(fake)).toBe(marked);
});

test('cancelling midway leaves nothing half-marked', async () => {
  fake = createExcel({ sheets: [{ name: 'S', rows: Array.from({ length: 3000 }, (_, i) => [i, i]) }] });
  const before = snapshot(fake);
  const ac = new AbortController();
  const problems = Array.from({ length: 3000 }, (_, i) => problem('S', `B${i + 1}`));
  await expect(
    Excel.run((ctx) =>
      markProblems(ctx, problems, {
        render,
        batchSize: 500,
        signal: ac.signal,
        onProgress: (p) => {
          if (p.done >= 1000) ac.abort();
        },
      }),
    ),
  ).rejects.toMatchObject({ name: 'AbortError' });
  expect(snapshot(fake)).toBe(before);
  // and the record says there is nothing to clear
  const c = await Excel.run((ctx) => clearMarks(ctx));
  expect(c.cleared).toBe(0);
});

test('10k scattered problem cells: at most 10 syncs, every request under 5 MB', async () => {
  const rows = Array.from({ length: 20000 }, (_, i) => Array.from({ length: 12 }, (_, j) => `${i}-${j}`));
  fake = createExcel({ sheets: [{ name: 'S', rows }] });
  const problems: Problem[] = [];
  for (let k = 0; k < 10000; k++) problems.push(problem('S', `${String.fromCharCode(65 + ((k * 7) % 12))}${1 + ((k * 7919) % 20000)}`, k % 3 ? 'warning' : 'error'));
  fake.model.resetStats();
  const r = await Excel.run((ctx) => markProblems(ctx, problems, { render }));
  expect(r.marked).toBe(new Set(problems.map((p) => p.cell)).size);
  expect(fake.model.stats.syncs).toBeLessThanOrEqual(10);
  expect(fake.model.stats.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);
  expect(fake.model.stats.maxResponseBytes).toBeLessThan(5 * 1024 * 1024);
});

test('a sheet renamed after marking (and fixing) is still found by its id', async () => {
  fake = book();
  const before = snapshot(fake);
  await Excel.run((ctx) => markProblems(ctx, [problem('优抚对象', 'A1'), problem('优抚对象', 'B2')], { render }));
  fake.model.sheet('优抚对象')!.name = '优抚对象（改名）';
  const c = await Excel.run((ctx) => clearMarks(ctx));
  expect(c.cleared).toBe(2);
  expect(snapshot(fake).replace('优抚对象（改名）', '优抚对象')).toBe(before);
});

test('clearing 18k marks goes in batches: every request under 5 MB, exact restore', async () => {
  const rows = Array.from({ length: 6000 }, (_, i) => [i, i, i]);
  fake = createExcel({ sheets: [{ name: 'S', rows, fills: { 'B1:B500': '#00B0F0' } }] });
  const before = snapshot(fake);
  const problems: Problem[] = [];
  for (let r = 1; r <= 6000; r++) for (const c of ['A', 'B', 'C']) problems.push(problem('S', `${c}${r}`, r % 2 ? 'error' : 'warning'));
  await Excel.run((ctx) => markProblems(ctx, problems, { render }));
  expect(fake.model.sheet('S')!.comments.size).toBe(18000);
  fake.model.resetStats();
  const c = await Excel.run((ctx) => clearMarks(ctx));
  expect(c.cleared).toBe(18000);
  expect(fake.model.stats.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);
  expect(fake.model.stats.syncs).toBeGreaterThan(6); // several batches, not one giant request
  expect(snapshot(fake)).toBe(before);
});

test('splitMarks keeps every cell once with its previous fill and its note', async () => {
  const { splitMarks } = await import('../../src/excel/mark');
  const m = { sheet: 'S', fills: [{ prev: { pattern: 'None' }, cells: ['A1', 'A2', 'A3'] }, { prev: { pattern: 'Solid', color: '#FF0000' }, cells: ['B1', 'B2'] }], notes: ['A2', 'B2'], comments: [] };
  const b = splitMarks([m], 2);
  expect(b).toHaveLength(3);
  expect(b.flat().flatMap((x) => x.fills.flatMap((g) => g.cells))).toEqual(['A1', 'A2', 'A3', 'B1', 'B2']);
  expect(b.flat().flatMap((x) => x.notes)).toEqual(['A2', 'B2']);
  expect(b[1][0].fills[0]).toEqual({ prev: { pattern: 'None' }, cells: ['A3'] });
  expect(b[1][0].fills[1]).toEqual({ prev: { pattern: 'Solid', color: '#FF0000' }, cells: ['B1'] });
});
