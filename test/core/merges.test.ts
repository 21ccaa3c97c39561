import { fillMergesDown, mergeNote, parseArea } from '../../src/core/cells/merges';

test('parseArea: plain, absolute and sheet-qualified ranges; nothing outside Excel’s grid', () => {
  expect(parseArea('B3:B5')).toEqual({ top: 3, left: 2, bottom: 5, right: 2 });
  expect(parseArea("'村 表'!$B$5:$B$3")).toEqual({ top: 3, left: 2, bottom: 5, right: 2 });
  expect(parseArea('C7')).toEqual({ top: 7, left: 3, bottom: 7, right: 3 });
  expect(parseArea('XFD1:XFD2')).toEqual({ top: 1, left: 16384, bottom: 2, right: 16384 });
  // A hostile file's merges: past column XFD, past the last row, row 0, not a reference.
  expect(parseArea('XFE1:XFE2')).toBeNull();
  expect(parseArea('A1048576:A1048577')).toBeNull();
  expect(parseArea('A0:A3')).toBeNull();
  expect(parseArea('ZZZZ18')).toBeNull();
  expect(parseArea('B3:')).toBeNull();
});

test('fillMergesDown: a village merged down its rows is the value of every row', () => {
  const rows = [
    { r: 2, cells: [{ c: 1, v: '红旗村' }, { c: 2, v: '张三' }] },
    { r: 3, cells: [{ c: 2, v: '李四' }] },
  ];
  const { rows: out, filled } = fillMergesDown(rows as never, [parseArea('A2:A4')!]);
  const village = (r: number) => (out.find((x) => x.r === r) as unknown as { cells: Array<{ c: number; v: unknown }> })?.cells.find((c) => c.c === 1)?.v;
  expect([village(2), village(3), village(4)]).toEqual(['红旗村', '红旗村', '红旗村']);
  expect(filled.length).toBeGreaterThan(0);
});

test('mergeNote: one sentence for every reader, however many cells were filled', () => {
  expect(mergeNote('优抚对象', [])).toBeNull();
  expect(mergeNote('优抚对象', ['A3', 'A4'])).toBe('工作表“优抚对象”有跨行合并的单元格（A3、A4）：已按合并格显示的值逐行读取。');
  const many = Array.from({ length: 60 }, (_, i) => `A${i + 2}`);
  expect(mergeNote('优抚对象', many)).toBe('工作表“优抚对象”有跨行合并的单元格（A2、A3、A4、A5、A6 等 60 处）：已按合并格显示的值逐行读取。');
});
