/**
 * @jest-environment jsdom
 */
import './setup-dom';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { App } from '../../src/taskpane/App';
import { Shell, type OfficeEnvironment } from '../../src/taskpane/bootstrap';
import { FakeHost } from './fake-host';
import { renderApp } from './render';

jest.setTimeout(30000);

test('导入: a converted file’s line follows the pane’s language of the moment (it kept the language it was picked in)', async () => {
  const host = new FakeHost();
  host.previewStatuses = [{ name: '红旗村.csv', ok: true, ledgers: ['优抚对象'], errors: 0, warnings: 0 }];
  const view = await renderApp(host, 'zh-CN');
  fireEvent.click(screen.getByRole('tab', { name: '导入' }));
  await act(async () => {
    fireEvent.change(screen.getByTestId('import-input'), { target: { files: [new File(['姓名,身份证号\n张三,110105196402140133\n'], '红旗村.csv')] } });
  });
  const row = () => document.querySelector('tr[data-file="红旗村.csv"]') as HTMLTableRowElement;
  await waitFor(() => expect(row().dataset.state).toBe('checked'));
  expect(row().textContent).toContain('CSV 文本，已在本机转换为 .xlsx');
  // Office's display language changes while the pane is open: the same entry, now in English.
  const en: OfficeEnvironment = { host: 'Excel', loadFailed: false, locale: 'en-US', theme: 'light' };
  await act(async () => {
    view.rerender(
      <Shell env={en}>
        <App host={host} env={en} />
      </Shell>,
    );
  });
  expect(row().dataset.state).toBe('checked');
  expect(row().textContent).toContain('converted to .xlsx here');
  expect(row().textContent).not.toContain('已在本机转换');
});
