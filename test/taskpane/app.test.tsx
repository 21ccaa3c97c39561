/**
 * @jest-environment jsdom
 */
import './setup-dom';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeHost, checkResult, problem, sheetReport, table } from './fake-host';
import { renderApp } from './render';
import { xlsxLike } from './files';
import type { HostOps } from '../../src/excel/host';

// Fluent UI in jsdom is slow on a small CI machine; these are flows, not timings.
jest.setTimeout(30000);

function manyProblems(n: number) {
  return Array.from({ length: n }, (_, i) => problem({ code: 'id.checksum', row: 4 + i }));
}

/** Disabled, or disabled but focusable (aria-disabled: focus stays on a button while it works). */
function isDisabled(el: HTMLElement): boolean {
  return (el as HTMLButtonElement).disabled || el.getAttribute('aria-disabled') === 'true';
}

/** 一键修正 asks first: the dialog lists the fixes by kind; 修正 N 处 applies them. */
async function confirmFix(label: string | RegExp = /^修正 \d+ 处$/) {
  const dialog = await screen.findByRole('dialog');
  fireEvent.click(within(dialog).getByRole('button', { name: label }));
}

async function runCheck(host: FakeHost) {
  fireEvent.click(screen.getByRole('button', { name: /^校验$/ }));
  await waitFor(() => expect(host.called('check')).toHaveLength(1));
  await screen.findByRole('heading', { name: '校验结果' });
}

describe('task pane: main view and results', () => {
  it('lays out the main actions in Chinese and checks the whole workbook by default', async () => {
    const host = new FakeHost();
    host.result = checkResult(manyProblems(3));
    await renderApp(host);
    for (const name of ['统计汇总', '一键修正', '清除标记', '插入空白台账']) expect(screen.getByRole('button', { name })).toBeTruthy();
    expect(screen.getByText('还没有校验。点击“校验”检查当前工作簿。')).toBeTruthy();
    await runCheck(host);
    expect(host.called('check')[0][1]).toBe('workbook');
    expect((host.called('check')[0][2] as { locale: string }).locale).toBe('zh-CN');
  });

  it('checks only the current sheet when that scope is chosen', async () => {
    const host = new FakeHost();
    await renderApp(host);
    fireEvent.click(screen.getByRole('radio', { name: '当前工作表' }));
    fireEvent.click(screen.getByRole('button', { name: /^校验$/ }));
    await waitFor(() => expect(host.called('check')).toHaveLength(1));
    expect(host.called('check')[0][1]).toBe('activeSheet');
  });

  it('groups problems by rule with counts, lists 20 at a time with 再显示, and a click goes to the cell', async () => {
    const host = new FakeHost();
    const ps = [...manyProblems(23), problem({ code: 'phone.invalid', row: 9, severity: 'warning', column: '联系电话', cell: 'N9', params: {} })];
    host.result = checkResult(ps);
    await renderApp(host);
    await runCheck(host);
    expect(screen.getByText('23 个错误')).toBeTruthy();
    expect(screen.getByText('1 个警告')).toBeTruthy();
    // The error group comes first and is open, with its count.
    const first = document.querySelector('[data-rule="id.checksum"]')!;
    expect(first.textContent).toContain('23');
    let items = document.querySelectorAll('[data-problem]');
    expect(items).toHaveLength(20);
    fireEvent.click(screen.getByRole('button', { name: '再显示 3 条（还有 3 条）' }));
    items = document.querySelectorAll('[data-problem]');
    expect(items).toHaveLength(23);
    expect(screen.queryByRole('button', { name: /^再显示/ })).toBeNull();
    // The newly shown entries take the focus (the button is gone).
    await waitFor(() => expect(document.activeElement?.getAttribute('data-problem')).toBe('优抚对象!F24'));
    fireEvent.click(screen.getByRole('button', { name: /^优抚对象!F7 · 身份证号 / }));
    await waitFor(() => expect(host.called('goTo')).toHaveLength(1));
    expect((host.called('goTo')[0][1] as { cell: string }).cell).toBe('F7');
  });

  it('renders messages from the core catalogue and shows fixable values', async () => {
    const host = new FakeHost();
    host.result = checkResult([
      problem({ code: 'id.checksum', row: 7 }),
      problem({ code: 'vocab.synonym', row: 8, severity: 'warning', column: '优抚类别', cell: 'H8', value: '烈属', fix: '烈士遗属', params: { term: '烈士遗属' } }),
    ]);
    await renderApp(host);
    await runCheck(host);
    expect(screen.getAllByText('身份证号校验码错误：应为 X，实为 3').length).toBeGreaterThan(0);
    // Open the warning group.
    fireEvent.click(document.querySelector('[data-rule="vocab.synonym"]')!);
    expect(await screen.findByText('建议改为：烈士遗属')).toBeTruthy();
    expect(screen.getByText('当前值：烈属')).toBeTruthy();
    expect(screen.getByText('怎么改：改为标准名称“烈士遗属”（可一键修正）。')).toBeTruthy();
    expect(screen.getByText('可修正 1')).toBeTruthy();
  });

  it('filters by village, sheet and severity', async () => {
    const host = new FakeHost();
    host.result = checkResult(
      [
        problem({ code: 'id.checksum', row: 4 }),
        problem({ code: 'id.checksum', row: 5 }),
        problem({ code: 'phone.invalid', row: 6, severity: 'warning', cell: 'N6', params: {} }),
        problem({ code: 'id.checksum', row: 4, sheet: '兵役登记', cell: 'D4' }),
      ],
      { tables: [table({ 4: '红旗村', 5: '光明村', 6: '红旗村' }), table({ 4: '光明村' }, '兵役登记')] },
    );
    await renderApp(host);
    await runCheck(host);
    const village = screen.getByRole('combobox', { name: '村' });
    expect(within(village).getAllByRole('option').map((o) => o.textContent)).toEqual(['全部', '光明村', '红旗村']);
    fireEvent.change(village, { target: { value: '红旗村' } });
    expect(document.querySelectorAll('[data-problem]')).toHaveLength(1); // the open error group: row 4 of 优抚对象
    expect(document.querySelector('[data-rule="phone.invalid"]')).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: '级别' }), { target: { value: 'warning' } });
    expect(document.querySelector('[data-rule="id.checksum"]')).toBeNull();
    fireEvent.change(screen.getByRole('combobox', { name: '级别' }), { target: { value: 'error' } });
    fireEvent.change(village, { target: { value: '' } });
    fireEvent.change(screen.getByRole('combobox', { name: '工作表' }), { target: { value: '兵役登记' } });
    expect([...document.querySelectorAll('[data-problem]')].map((e) => e.getAttribute('data-problem'))).toEqual(['兵役登记!D4']);
    fireEvent.change(village, { target: { value: '红旗村' } });
    expect(screen.getByText('没有符合筛选条件的问题。')).toBeTruthy();
  });

  it('says what to do when no ledger is found or nothing is wrong', async () => {
    const host = new FakeHost();
    host.result = checkResult([], { sheets: [sheetReport({ ledger: null, dataRows: 0 })] });
    const view = await renderApp(host);
    await waitFor(() => expect(host.called('loadSettings')).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: /^校验$/ }));
    expect(await screen.findByText(/^没有找到台账/)).toBeTruthy();
    view.unmount();

    const clean = new FakeHost();
    clean.result = checkResult([], { sheets: [sheetReport({ dataRows: 41 }), sheetReport({ sheet: '兵役登记', dataRows: 9 })] });
    await renderApp(clean);
    fireEvent.click(screen.getByRole('button', { name: /^校验$/ }));
    expect(await screen.findByText('未发现问题：2 张台账、50 行数据全部通过校验。可以点击“统计汇总”。')).toBeTruthy();
  });
});

describe('task pane: fix, undo, clear, summarize, insert', () => {
  it('fixes only fixable problems, hides them, and undo brings them back', async () => {
    const host = new FakeHost();
    host.result = checkResult([
      problem({ code: 'id.checksum', row: 4 }),
      problem({ code: 'text.normalized', row: 5, severity: 'warning', cell: 'C5', value: '张　三', fix: '张三', params: {} }),
      problem({ code: 'text.normalized', row: 6, severity: 'warning', cell: 'C6', value: '李 四 ', fix: '李四', params: {} }),
    ]);
    await renderApp(host);
    await runCheck(host);
    fireEvent.click(screen.getByRole('button', { name: '一键修正' }));
    await confirmFix('修正 2 处');
    await screen.findByText('已修正 2 个单元格。');
    const fixed = host.called('applyFixes')[0][1] as Array<{ cell: string }>;
    expect(fixed.map((p) => p.cell)).toEqual(['C5', 'C6']);
    expect(document.querySelector('[data-rule="text.normalized"]')).toBeNull();
    expect(screen.getByText('0 个警告')).toBeTruthy();
    const undo = screen.getAllByRole('button', { name: '撤销修正' });
    fireEvent.click(undo[0]);
    await screen.findByText('已撤销修正，恢复 2 个单元格。');
    expect(host.called('undoFixes')).toHaveLength(1);
    expect(document.querySelector('[data-rule="text.normalized"]')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '撤销修正' })).toBeNull();
  });

  it('一键修正 and 清除标记 wait for a check; with nothing fixable it says so', async () => {
    const host = new FakeHost();
    host.result = checkResult([problem({ code: 'id.checksum', row: 4 })]);
    await renderApp(host);
    expect(isDisabled(screen.getByRole('button', { name: '一键修正' }))).toBe(true);
    expect(isDisabled(screen.getByRole('button', { name: '清除标记' }))).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: '一键修正' }));
    expect(host.called('check')).toHaveLength(0);
    await runCheck(host);
    expect(isDisabled(screen.getByRole('button', { name: '一键修正' }))).toBe(false);
    expect(isDisabled(screen.getByRole('button', { name: '清除标记' }))).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: '一键修正' }));
    expect(await screen.findByText('没有可自动修正的问题。')).toBeTruthy();
    expect(host.called('applyFixes')).toHaveLength(0);
  });

  it('规范本表 enables 清除标记 (which undoes it) before any check; 一键修正 still waits', async () => {
    const host = new FakeHost();
    (host as unknown as HostOps).conform = async () => ({ sheets: ['优抚对象'], columns: 3, skipped: [], protectedSheets: [] });
    await renderApp(host);
    expect(isDisabled(screen.getByRole('button', { name: '清除标记' }))).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: '规范本表' }));
    await waitFor(() => expect(isDisabled(screen.getByRole('button', { name: '清除标记' }))).toBe(false));
    expect(isDisabled(screen.getByRole('button', { name: '一键修正' }))).toBe(true);
  });

  it('runs 统计汇总, 清除标记 and 插入空白台账 and reports what they did', async () => {
    const host = new FakeHost();
    await renderApp(host);
    fireEvent.click(screen.getByRole('button', { name: '统计汇总' }));
    expect(await screen.findByText('已生成 2 张表：兵役登记统计表、优抚对象统计表')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /^校验$/ }));
    await screen.findByText(/^未发现问题/);
    fireEvent.click(screen.getByRole('button', { name: '清除标记' }));
    expect(await screen.findByText('已清除 7 处标记。')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '插入空白台账' }));
    expect(await screen.findByText('已插入 2 张空白台账：优抚对象、兵役登记')).toBeTruthy();
  });

  it('shows progress with the current sheet and 取消 stops the work', async () => {
    const host = new FakeHost();
    host.gate = new Promise(() => undefined); // never finishes by itself
    await renderApp(host);
    fireEvent.click(screen.getByRole('button', { name: /^校验$/ }));
    expect(await screen.findByText('正在处理：优抚对象')).toBeTruthy();
    expect(screen.getByText('1 / 3')).toBeTruthy();
    expect(isDisabled(screen.getByRole('button', { name: '统计汇总' }))).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: '取消' }));
    expect(await screen.findByText('已取消，未做任何更改。')).toBeTruthy();
    expect(screen.queryByTestId('progress')).toBeNull();
    expect(isDisabled(screen.getByRole('button', { name: '统计汇总' }))).toBe(false);
    // The 取消 button is gone: focus is on the notice that says what happened, not on the page.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('notice')));
  });

  it('shows a host failure as a message, not a crash', async () => {
    const host = new FakeHost();
    host.summarize = async () => {
      throw new Error('工作表“优抚对象”受保护，无法写入');
    };
    await renderApp(host);
    fireEvent.click(screen.getByRole('button', { name: '统计汇总' }));
    expect(await screen.findByText('操作失败：工作表“优抚对象”受保护，无法写入')).toBeTruthy();
  });

  it('without a host the actions are disabled and it says why', async () => {
    await renderApp(null);
    expect(screen.getByText('暂时无法连接工作簿，请关闭面板后重新打开。')).toBeTruthy();
    expect(isDisabled(screen.getByRole('button', { name: /^校验$/ }))).toBe(true);
  });
});

describe('task pane: import', () => {
  const pickFiles = async () => {
    const input = screen.getByTestId('import-input') as HTMLInputElement;
    // Workbooks by their bytes (a zip with xl/workbook.xml; the host decides whether it reads),
    // and a PDF the pane refuses itself.
    const files = [
      new File([xlsxLike(1)], '红旗村.xlsx'),
      new File([xlsxLike(2)], '光明村.xlsx'),
      new File([xlsxLike(3)], '坏文件.xlsx'),
      new File(['%PDF-1.4 名单'], '名单.xlsx'),
    ];
    await act(async () => {
      fireEvent.change(input, { target: { files } });
    });
  };
  const statuses = () => [
    { name: '红旗村.xlsx', ok: true, ledgers: ['优抚对象', '兵役登记'], errors: 3, warnings: 1 },
    { name: '光明村.xlsx', ok: true, ledgers: ['安置'], errors: 0, warnings: 2 },
    { name: '坏文件.xlsx', ok: false, ledgers: [], errors: 0, warnings: 0, message: '不是有效的 .xlsx 工作簿' },
  ];
  const rowOf = (name: string) => document.querySelector(`tr[data-file="${name}"]`) as HTMLTableRowElement;

  it('picks several files, checks them together first (per-file status table), then 合并 merges the readable ones', async () => {
    const host = new FakeHost();
    host.previewStatuses = statuses();
    host.importStatuses = statuses().slice(0, 2);
    await renderApp(host);
    fireEvent.click(screen.getByRole('tab', { name: '导入' }));
    expect(screen.getByText('还没有选择文件。')).toBeTruthy();
    await pickFiles();
    const merge = await screen.findByRole('button', { name: '合并 2 个文件' });
    // preview: every .xlsx sent, nothing imported yet
    const sent = host.called('previewImport')[0][1] as Array<{ name: string; base64: string }>;
    expect(sent.map((f) => f.name)).toEqual(['红旗村.xlsx', '光明村.xlsx', '坏文件.xlsx']);
    expect(Buffer.from(sent[0].base64, 'base64')).toEqual(Buffer.from(xlsxLike(1)));
    expect(host.called('importWorkbooks')).toHaveLength(0);
    const table = screen.getByRole('table', { name: '各文件的检查结果' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['文件', '识别的台账', '错误', '警告']);
    const red = rowOf('红旗村.xlsx');
    expect(red.dataset.state).toBe('checked');
    expect(within(red).getAllByRole('cell').map((c) => c.textContent)).toEqual(['红旗村.xlsx已检查，待合并合并此文件', '优抚对象、兵役登记', '3', '1']);
    expect(rowOf('坏文件.xlsx').textContent).toBe('坏文件.xlsx不是有效的 .xlsx 工作簿');
    expect(rowOf('名单.xlsx').dataset.state).toBe('skipped');
    expect(rowOf('名单.xlsx').textContent).toContain('这是 PDF 文件，不是表格');
    expect(screen.getByText(/已把 3 个文件放在一起校验/)).toBeTruthy();

    fireEvent.click(merge);
    await waitFor(() => expect(rowOf('红旗村.xlsx').dataset.state).toBe('done'));
    const merged = host.called('importWorkbooks')[0][1] as Array<{ name: string }>;
    expect(merged.map((f) => f.name)).toEqual(['红旗村.xlsx', '光明村.xlsx']);
    expect(rowOf('红旗村.xlsx').textContent).toContain('已合并');
    expect(rowOf('坏文件.xlsx').dataset.state).toBe('done');
    expect(rowOf('坏文件.xlsx').textContent).toContain('未导入：不是有效的 .xlsx 工作簿');
    expect(screen.queryByRole('button', { name: /^合并 \d+ 个文件$/ })).toBeNull();
    expect(screen.getByText('已导入 2 个文件，2 个未导入。')).toBeTruthy();
    expect(screen.queryByText('没有可合并的文件。')).toBeNull();
    // The end says where to look: the 合并_ sheets and 校验结果, each a link that opens the sheet;
    // focus is on it (the 合并 button is gone).
    const done = screen.getByTestId('import-done');
    await waitFor(() => expect(document.activeElement).toBe(done));
    const links = within(done).getAllByRole('button').map((b) => b.textContent);
    expect(links).toEqual(['合并_优抚对象', '合并_兵役登记', '合并_安置', '校验结果']);
    fireEvent.click(within(done).getByRole('button', { name: '合并_兵役登记' }));
    await waitFor(() => expect(host.called('goTo')).toHaveLength(1));
    expect(host.called('goTo')[0][1]).toMatchObject({ sheet: '合并_兵役登记', cell: 'A1' });
  });

  it('a file can be left out of the merge (issue 15 item 7)', async () => {
    const host = new FakeHost();
    host.previewStatuses = statuses();
    host.importStatuses = statuses().slice(1, 2);
    await renderApp(host);
    fireEvent.click(screen.getByRole('tab', { name: '导入' }));
    await pickFiles();
    await screen.findByRole('button', { name: '合并 2 个文件' });
    fireEvent.click(within(rowOf('红旗村.xlsx')).getByRole('checkbox', { name: '合并此文件' }));
    fireEvent.click(screen.getByRole('button', { name: '合并 1 个文件' }));
    await waitFor(() => expect(host.called('importWorkbooks')).toHaveLength(1));
    expect((host.called('importWorkbooks')[0][1] as Array<{ name: string }>).map((f) => f.name)).toEqual(['光明村.xlsx']);
    await waitFor(() => expect(rowOf('红旗村.xlsx').dataset.state).toBe('done'));
    expect(rowOf('红旗村.xlsx').textContent).toContain('未导入：已选择不合并此文件');
  });

  it('clearing the list after the preview imports nothing', async () => {
    const host = new FakeHost();
    host.previewStatuses = statuses();
    await renderApp(host);
    fireEvent.click(screen.getByRole('tab', { name: '导入' }));
    await pickFiles();
    await screen.findByRole('button', { name: '合并 2 个文件' });
    fireEvent.click(screen.getByRole('button', { name: '清空列表' }));
    expect(screen.getByText('还没有选择文件。')).toBeTruthy();
    expect(host.called('importWorkbooks')).toHaveLength(0);
  });

  it('in English: headers, statuses and the Merge button', async () => {
    const host = new FakeHost();
    host.previewStatuses = statuses();
    await renderApp(host, 'en-US');
    fireEvent.click(screen.getByRole('tab', { name: 'Import' }));
    await pickFiles();
    await screen.findByRole('button', { name: 'Merge 2 files' });
    const table = screen.getByRole('table', { name: 'Check result of each file' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['File', 'Ledgers found', 'Errors', 'Warnings']);
    expect(rowOf('红旗村.xlsx').textContent).toContain('Checked, ready to merge');
    expect(rowOf('坏文件.xlsx').querySelector('td[colspan="3"]')?.textContent).toBe('不是有效的 .xlsx 工作簿');
    expect((host.called('previewImport')[0][3] as { locale: string }).locale).toBe('en-US');
  });

  it('a host without previewImport imports in one step', async () => {
    const host = new FakeHost();
    (host as HostOps).previewImport = undefined;
    host.importStatuses = statuses();
    await renderApp(host);
    fireEvent.click(screen.getByRole('tab', { name: '导入' }));
    await pickFiles();
    fireEvent.click(await screen.findByRole('button', { name: '导入并合并 3 个文件' }));
    await screen.findByText(/已导入 2 个文件/);
    expect(rowOf('坏文件.xlsx').textContent).toContain('未导入：不是有效的 .xlsx 工作簿');
    expect(rowOf('光明村.xlsx').textContent).toContain('已合并');
  });
});

describe('task pane: progress labels follow the locale', () => {
  it('passes the pane locale to every host operation', async () => {
    for (const locale of ['zh-CN', 'en-US'] as const) {
      const host = new FakeHost();
      host.result = checkResult([problem({ code: 'id.checksum', row: 7, fix: 'x' })]);
      const r = await renderApp(host, locale);
      fireEvent.click(screen.getByRole('button', { name: locale === 'zh-CN' ? /^校验$/ : /^Check$/ }));
      await waitFor(() => expect(host.called('check')).toHaveLength(1));
      await screen.findByRole('heading', { name: locale === 'zh-CN' ? '校验结果' : 'Results' });
      fireEvent.click(screen.getByRole('button', { name: locale === 'zh-CN' ? '一键修正' : 'Fix all' }));
      await confirmFix(locale === 'zh-CN' ? '修正 1 处' : 'Fix 1 cell');
      await waitFor(() => expect(host.called('applyFixes')).toHaveLength(1));
      expect((host.called('check')[0][3] as { locale: string }).locale).toBe(locale);
      expect((host.called('applyFixes')[0][2] as { locale: string }).locale).toBe(locale);
      r.unmount();
    }
  });
});

describe('task pane: settings', () => {
  it('shows the stored settings, takes villages from a column and saves to the workbook', async () => {
    const host = new FakeHost();
    host.stored = { year: 2025, township: '红旗镇', villages: ['和平村'], maskIds: false };
    await renderApp(host);
    await screen.findByText(/红旗镇 · 2025 年度/);
    fireEvent.click(screen.getByRole('tab', { name: '设置' }));
    expect((screen.getByRole('spinbutton', { name: /年度/ }) as HTMLInputElement).value).toBe('2025');
    expect((screen.getByRole('textbox', { name: /村名单/ }) as HTMLTextAreaElement).value).toBe('和平村');
    await screen.findByRole('option', { name: '村名单' }, { timeout: 10000 });
    fireEvent.change(screen.getByRole('combobox', { name: '工作表' }), { target: { value: '村名单' } });
    fireEvent.click(screen.getByRole('button', { name: '读取' }));
    await screen.findByText('已读取 2 个村名');
    expect(host.called('readColumn')[0]).toEqual(['readColumn', '村名单', 'A']);
    expect((screen.getByRole('textbox', { name: /村名单/ }) as HTMLTextAreaElement).value).toBe('红旗村\n光明村');
    fireEvent.change(screen.getByRole('spinbutton', { name: /年度/ }), { target: { value: '2026' } });
    fireEvent.change(screen.getByRole('spinbutton', { name: '月' }), { target: { value: '9' } });
    fireEvent.change(screen.getByRole('spinbutton', { name: '日' }), { target: { value: '30' } });
    fireEvent.click(screen.getByRole('switch', { name: '导出时隐藏身份证号' }));
    fireEvent.click(screen.getByRole('button', { name: '保存设置' }));
    await screen.findByText('设置已保存到工作簿。');
    const saved = host.called('saveSettings')[0][1];
    expect(saved).toMatchObject({ year: 2026, township: '红旗镇', villages: ['红旗村', '光明村'], deadline: { month: 9, day: 30 }, maskIds: true, locale: 'zh-CN' });
    expect(screen.getByText(/红旗镇 · 2026 年度/)).toBeTruthy();
  });

  it('refuses an impossible year or date', async () => {
    const host = new FakeHost();
    await renderApp(host);
    fireEvent.click(screen.getByRole('tab', { name: '设置' }));
    await screen.findByRole('option', { name: '村名单' }, { timeout: 10000 });
    fireEvent.change(screen.getByRole('spinbutton', { name: /年度/ }), { target: { value: '26' } });
    expect(screen.getByText('年度应为 2000–2100 之间的整数')).toBeTruthy();
    expect((screen.getByRole('button', { name: '保存设置' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByRole('spinbutton', { name: /年度/ }), { target: { value: '2026' } });
    fireEvent.change(screen.getByRole('spinbutton', { name: '月' }), { target: { value: '2' } });
    fireEvent.change(screen.getByRole('spinbutton', { name: '日' }), { target: { value: '30' } });
    expect(screen.getByText('不是有效的日期')).toBeTruthy();
    expect((screen.getByRole('button', { name: '保存设置' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('task pane: English', () => {
  it('shows every label in English for en-US and renders problems in English', async () => {
    const host = new FakeHost();
    host.result = checkResult([problem({ code: 'id.checksum', row: 7 })]);
    await renderApp(host, 'en-US');
    for (const name of ['Summarize', 'Fix all', 'Clear marks', 'Insert blank ledgers']) expect(screen.getByRole('button', { name })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /^Check$/ }));
    await screen.findByRole('heading', { name: 'Results' });
    expect(screen.getByText('1 error')).toBeTruthy();
    // The entry's name starts with its visible text; the Chinese sheet name carries lang="zh-CN".
    const entry = screen.getByRole('button', { name: /^优抚对象!F7 · 身份证号 Wrong ID check character/ });
    expect(entry.querySelector('[lang="zh-CN"]')?.textContent).toBe('优抚对象!F7 · 身份证号');
    expect(document.body.textContent).not.toMatch(/校验结果|错误|警告/);
    expect((host.called('check')[0][2] as { locale: string }).locale).toBe('en-US');
  });
});
