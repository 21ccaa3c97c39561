/** 边录入边校验 through the in-memory Excel with worksheet change events. */
import { makeId, renderMessage } from '../../src/core';
import type { Problem } from '../../src/core/problem';
import { ERROR_FILL, WARNING_FILL } from '../../src/excel/common';
import { applyFixes } from '../../src/excel/fix';
import { LIVE_UNSUPPORTED, LiveSession, addressRows, loadLiveSetting, saveLiveSetting, type LiveUpdateInfo } from '../../src/excel/live';
import { clearMarks } from '../../src/excel/mark';
import { createExcelHost } from '../../src/excel/host-impl';
import { createExcel, key, type ExcelSim } from '../excel-sim/node';
import { installEvents, type SimEvents } from '../excel-sim/events';
import {
  ACTIVITY_HEADER,
  BENEFICIARY_HEADER,
  CONSCRIPT_HEADER,
  PAIR_HEADER,
  TODAY,
  activityRow,
  beneficiaryRow,
  conscriptRow,
  pairRow,
  settings,
} from '../core/fixtures';
import { snapshot } from './helpers';

let fake: ExcelSim;
let events: SimEvents;
let session: LiveSession | null;
let updates: LiveUpdateInfo[];

afterEach(async () => {
  await session?.stop();
  session = null;
  events?.uninstall();
  fake?.uninstall();
});

const render = (p: Problem) => renderMessage(p);

function install(rows = 20, sets?: Record<string, string>) {
  const ben = [BENEFICIARY_HEADER, ...Array.from({ length: rows }, (_, i) => beneficiaryRow(i + 1))];
  fake = createExcel({
    name: '红旗村.xlsx',
    requirementSets: sets,
    sheets: [
      { name: '优抚对象', rows: ben, numberFormats: { [`F2:F${rows + 50}`]: '@' }, fills: { B3: '#00B050' } },
      { name: '兵役登记', rows: [CONSCRIPT_HEADER, ...Array.from({ length: 5 }, (_, i) => conscriptRow(i + 1))], numberFormats: { 'D2:D60': '@' } },
      { name: '双拥活动', rows: [ACTIVITY_HEADER, ...Array.from({ length: 5 }, (_, i) => activityRow(i + 1))] },
      { name: '共建对子', rows: [PAIR_HEADER, pairRow('GJ-001')] },
    ],
  });
  events = installEvents(fake);
  updates = [];
}

async function start(extra: Partial<ConstructorParameters<typeof LiveSession>[0]> = {}) {
  session = new LiveSession({ settings: settings({ villages: ['红旗村'] }), render, today: TODAY, debounceMs: 40, quietMs: 0, onUpdate: (u) => updates.push(u), ...extra });
  const r = await session.start();
  expect(r.ok).toBe(true);
  return session;
}

async function idle() {
  await events.settled();
  await session!.whenIdle();
}

const fill = (sheet: string, r: number, c: number) => fake.model.sheet(sheet)!.fills.get(key(r, c));
/** The note or comment on a cell (the web profile's client library has no notes API: comments). */
const note = (sheet: string, r: number, c: number) => fake.model.sheet(sheet)!.notes.get(key(r, c))?.content ?? fake.model.sheet(sheet)!.comments.get(key(r, c))?.content;

test('address rows: cells, ranges, rows; a whole column has none', () => {
  expect(addressRows('B5')).toEqual({ r0: 4, r1: 4, c1: 1 });
  expect(addressRows('A2:J1001')).toEqual({ r0: 1, r1: 1000, c1: 9 });
  expect(addressRows('3:4')).toEqual({ r0: 2, r1: 3, c1: 16383 });
  expect(addressRows('B:B')).toBeNull();
});

test('typing a wrong ID marks the cell; fixing it restores the cell exactly', async () => {
  install();
  const before = snapshot(fake);
  await start();
  expect(events.registered.size).toBe(4); // every ledger sheet subscribed
  const good = fake.model.sheet('优抚对象')!.get(4, 5);
  events.edit('优抚对象', 'F5', [['110105198001150010']]);
  await idle();
  expect(updates).toHaveLength(1);
  expect(updates[0].added.map((p) => `${p.code}@${p.cell}`)).toEqual(['id.checksum@F5']);
  expect(updates[0].syncs).toBeLessThanOrEqual(3);
  expect(fill('优抚对象', 4, 5)?.color).toBe(ERROR_FILL);
  events.edit('优抚对象', 'F5', [[good]]);
  await idle();
  expect(updates).toHaveLength(2);
  expect(updates[1].removed.map((p) => p.cell)).toEqual(['F5']);
  expect(fill('优抚对象', 4, 5)).toBeUndefined();
  expect(note('优抚对象', 4, 5)).toBeUndefined();
  await Excel.run((ctx) => clearMarks(ctx));
  expect(snapshot(fake)).toBe(before);
});

test('a woman in a 初次 roster, a duplicate person and a category of the wrong 方向 are marked', async () => {
  install();
  await start();
  const woman = makeId('110105', '20080315', 22); // born 2008 (初次 in 2026), female
  events.edit('兵役登记', 'D3', [[woman, '女']]);
  const id = fake.model.sheet('优抚对象')!.get(2, 5) as string; // row 3's ID
  events.edit('优抚对象', 'F9', [[id]]); // row 9 now repeats row 3 (same category)
  events.edit('双拥活动', 'D4', [['拥政爱民']]); // 文化进军营 belongs to 拥军优属
  await idle();
  expect(updates).toHaveLength(1); // three edits, one re-check
  const added = updates[0].added.map((p) => `${p.sheet}!${p.cell}:${p.code}`);
  expect(added).toEqual(expect.arrayContaining(['优抚对象!F9:person.duplicate']));
  const sex = updates[0].added.find((p) => p.sheet === '兵役登记' && p.code === 'conscript.sex')!;
  expect(sex).toBeDefined();
  const wrongGroup = updates[0].added.find((p) => p.sheet === '双拥活动' && p.row === 4)!;
  expect(wrongGroup).toBeDefined();
  expect(fill('兵役登记', sex.row! - 1, sex.col! - 1)?.color).toBe(ERROR_FILL);
  expect(fill('优抚对象', 8, 5)?.color).toBe(ERROR_FILL);
  expect(fill('双拥活动', 3, wrongGroup.col! - 1)?.color).toBe(wrongGroup.severity === 'error' ? ERROR_FILL : WARNING_FILL);
  // Fixing each removes its mark.
  events.edit('兵役登记', 'D3', [[conscriptRow(2)[3], '男']]);
  events.edit('优抚对象', 'F9', [[beneficiaryRow(8)[5]]]);
  events.edit('双拥活动', 'D4', [['拥军优属']]);
  await idle();
  expect(fill('兵役登记', sex.row! - 1, sex.col! - 1)).toBeUndefined();
  expect(note('兵役登记', sex.row! - 1, sex.col! - 1)).toBeUndefined();
  expect(fill('优抚对象', 8, 5)).toBeUndefined();
  expect(fill('双拥活动', 3, wrongGroup.col! - 1)).toBeUndefined();
});

test('a problem marked when the live check started (fill and comment) is unmarked when it is fixed', async () => {
  install();
  const good = fake.model.sheet('优抚对象')!.get(6, 5);
  fake.model.sheet('优抚对象')!.set(6, 5, '110105198001150010');
  await start();
  expect(fill('优抚对象', 6, 5)?.color).toBe(ERROR_FILL);
  expect(note('优抚对象', 6, 5)).toBeDefined();
  events.edit('优抚对象', 'F7', [[good]]);
  await idle();
  expect(fill('优抚对象', 6, 5)).toBeUndefined();
  expect(note('优抚对象', 6, 5)).toBeUndefined();
});

test('a cell with a fill of its own gets it back when its problem is fixed', async () => {
  install();
  await start();
  events.edit('优抚对象', 'B3', [['不存在村']]);
  await idle();
  expect(fill('优抚对象', 2, 1)?.color).toBe(ERROR_FILL);
  events.edit('优抚对象', 'B3', [['红旗村']]);
  await idle();
  expect(fill('优抚对象', 2, 1)).toMatchObject({ color: '#00B050', pattern: 'Solid' });
});

test('a paste of 10,000 cells is one re-check of at most 3 syncs', async () => {
  install(20);
  await start();
  const rows = Array.from({ length: 625 }, (_, i) => beneficiaryRow(100 + i, i === 300 ? { 性别: '不详' } : {}));
  events.edit('优抚对象', 'A22', rows); // 625 rows × 16 columns = 10,000 cells
  await idle();
  expect(updates).toHaveLength(1);
  expect(updates[0].syncs).toBeLessThanOrEqual(3);
  expect(updates[0].added.some((p) => p.row === 22 + 300)).toBe(true);
});

test("the add-in's own writes never trigger a re-check (with and without triggerSource)", async () => {
  for (const sets of [{ ExcelApi: '1.18' }, { ExcelApi: '1.13' }]) {
    install(20, sets);
    await start({ quietMs: 500 });
    events.edit('优抚对象', 'C4', [['张　三']]); // a full-width space: a fixable warning
    await idle();
    expect(updates).toHaveLength(1);
    const fixable = updates[0].added.filter((p) => p.fix !== undefined);
    expect(fixable.length).toBeGreaterThan(0);
    const firedBefore = events.fired.length;
    await session!.own(() => Excel.run((ctx) => applyFixes(ctx, fixable)));
    await idle();
    expect(events.fired.length).toBeGreaterThan(firedBefore); // Excel did fire an event for the fix
    expect(updates).toHaveLength(1); // …and it was not re-checked
    expect(session!.ignored).toBeGreaterThan(0);
    await session!.stop();
    session = null;
    events.uninstall();
    fake.uninstall();
  }
});

test('a triggerSource of ThisLocalAddin is ignored even outside own()', async () => {
  install(20, { ExcelApi: '1.18' });
  await start();
  await Excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem('优抚对象').getRange('D5').values = [['女']];
    await ctx.sync();
  });
  await idle();
  expect(events.fired.at(-1)?.triggerSource).toBe('ThisLocalAddin');
  expect(updates).toHaveLength(0);
});

test('a change by another user (source Remote) is re-checked like a local one', async () => {
  install();
  await start();
  const args = events.edit('优抚对象', 'F6', [['110105198001150010']], 'Remote');
  expect(args.source).toBe('Remote');
  await idle();
  expect(updates).toHaveLength(1);
  expect(fill('优抚对象', 5, 5)?.color).toBe(ERROR_FILL);
});

test('a header edit re-recognises the sheet; inserted rows re-read it', async () => {
  install();
  await start();
  events.edit('优抚对象', 'F1', [['证件']]);
  await idle();
  expect(updates[0].full).toBe(true);
  expect(updates[0].added.some((p) => p.code === 'header.missing-column')).toBe(true);
  events.edit('优抚对象', 'F1', [['身份证号']]);
  await idle();
  events.insertRows('优抚对象', 5);
  await idle();
  expect(updates.at(-1)!.full).toBe(true);
  expect(updates.at(-1)!.problems.some((p) => p.sheet === '优抚对象' && p.row === 5)).toBe(false); // the new blank row is no problem
});

test('without ExcelApi 1.7 there is a clear message and nothing is subscribed', async () => {
  install(5, { ExcelApi: '1.6' });
  session = new LiveSession({ settings: settings(), render });
  expect(await session.start()).toEqual({ ok: false, message: LIVE_UNSUPPORTED });
  expect(events.registered.size).toBe(0);
});

test('the toggle is remembered per workbook', async () => {
  install();
  expect(await Excel.run((ctx) => loadLiveSetting(ctx))).toBe(false);
  await Excel.run((ctx) => saveLiveSetting(ctx, true));
  expect(await Excel.run((ctx) => loadLiveSetting(ctx))).toBe(true);
  expect(fake.model.settings.get('shuangyong.live')).toBe(true);
});

test('stop unsubscribes: later edits are not re-checked', async () => {
  install();
  await start();
  await session!.stop();
  expect(events.registered.size).toBe(0);
  events.edit('优抚对象', 'F5', [['110105198001150010']]);
  await events.settled();
  expect(updates).toHaveLength(0);
});

test('through the host: the toggle starts, is remembered, lists updates and stops', async () => {
  install();
  const host = createExcelHost();
  expect(await host.live!.isOn()).toBe(false);
  const seen: number[] = [];
  const r = await host.live!.start(settings({ villages: ['红旗村'] }), (u) => seen.push(u.result.problems.length), () => undefined);
  expect(r.ok).toBe(true);
  expect(await host.live!.isOn()).toBe(true);
  events.edit('优抚对象', 'F5', [['110105198001150010']]);
  await events.settled();
  await new Promise((res) => setTimeout(res, 400)); // the debounce
  expect(seen.length).toBe(1);
  expect(fill('优抚对象', 4, 5)?.color).toBe(ERROR_FILL);
  // 清除标记 through the host is the add-in's own write: not re-checked.
  await host.clearMarks();
  await events.settled();
  await host.live!.stop();
  expect(await host.live!.isOn()).toBe(false);
  expect(seen.length).toBe(1);
});

test('the live check reads the workbook’s 列名 and 规则 sheets as 校验 does (a mapped ID header, a rule turned off)', async () => {
  // The ID column is headed 证件编号, which only the 列名 sheet maps; 规则 turns phone.invalid off.
  const header = BENEFICIARY_HEADER.map((h) => (h === '身份证号' ? '证件编号' : h));
  const rows = [header, beneficiaryRow(1), beneficiaryRow(2, { 联系电话: '123' }), beneficiaryRow(3)];
  fake = createExcel({
    name: '红旗村.xlsx',
    sheets: [
      { name: '优抚对象', rows, numberFormats: { 'F2:F60': '@' } },
      { name: '列名', rows: [['台账', '标准列名', '别名'], ['优抚对象', '身份证号', '证件编号']] },
      { name: '规则', rows: [['代码', '级别'], ['phone.invalid', '关闭']] },
    ],
  });
  events = installEvents(fake);
  updates = [];
  const started = await start();
  const cur = started.current().problems;
  expect(cur.filter((p) => p.code.startsWith('header.')).map((p) => p.code)).toEqual([]);
  expect(cur.filter((p) => p.code === 'phone.invalid')).toEqual([]);
  // The mapped column is checked: a wrong ID typed into it is marked.
  events.edit('优抚对象', 'F3', [['110105198001150010']]);
  await idle();
  expect(updates.at(-1)!.added.map((p) => `${p.code}@${p.cell}`)).toEqual(['id.checksum@F3']);
  // 校验 finds the same problems.
  const checked = await createExcelHost().check('workbook', settings({ villages: ['红旗村'] }));
  const key = (p: Problem) => `${p.code}@${p.sheet}!${p.cell ?? ''}`;
  expect(session!.current().problems.map(key).sort()).toEqual(checked.problems.map(key).sort());
});
