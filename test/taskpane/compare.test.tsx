/**
 * @jest-environment jsdom
 */
import './setup-dom';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import type { ImportFile, RunOptions } from '../../src/excel/host';
import type { Settings } from '../../src/core/settings';
import { FakeHost } from './fake-host';
import { renderApp } from './render';
import { xlsxLike } from './files';

jest.setTimeout(30000);

class CompareHost extends FakeHost {
  async compareYears(files: ImportFile[], settings: Settings, opts?: RunOptions) {
    this.calls.push(['compareYears', files, settings, opts]);
    return { sheets: ['比对_变更汇总', '比对_新增', '比对_减少', '比对_变更', '比对_未核验'], figures: { added: 1, removed: 3, unexplained: 2, changed: 4, notVerified: 1 } };
  }
  async compareLists(lists: { roster?: ImportFile; deceased?: ImportFile }, settings: Settings, opts?: RunOptions) {
    this.calls.push(['compareLists', lists, settings, opts]);
    return { sheets: ['比对_名单汇总', '比对_死亡人员'], figures: { listed: 13, unregistered: 3, outsideList: 1, villageMismatch: 1, deceasedActive: 4, paidAfterDeath: 2 } };
  }
}

const pick = async (testId: string, names: string[]) => {
  const input = screen.getByTestId(testId) as HTMLInputElement;
  await act(async () => {
    fireEvent.change(input, { target: { files: names.map((n, i) => new File([xlsxLike(i)], n)) } });
  });
};

it('年度比对: picks last year\'s workbooks, runs, shows the counts', async () => {
  const host = new CompareHost();
  await renderApp(host);
  fireEvent.click(screen.getByRole('tab', { name: '比对' }));
  expect(screen.getByRole('heading', { name: '年度比对' })).toBeTruthy();
  await pick('compare-years-input', ['红旗村.xlsx', '光明村.xlsx']);
  fireEvent.click(await screen.findByRole('button', { name: '比对 2 个文件' }));
  await waitFor(() => expect(host.called('compareYears')).toHaveLength(1));
  const sent = host.called('compareYears')[0][1] as ImportFile[];
  expect(sent.map((f) => f.name)).toEqual(['红旗村.xlsx', '光明村.xlsx']);
  expect(await screen.findByText('新增 1，减少 3（其中未说明 2），变更 4，未核验 1；已写出 5 张工作表。')).toBeTruthy();
});

it('名单比对: police list and death list, either is enough', async () => {
  const host = new CompareHost();
  await renderApp(host);
  fireEvent.click(screen.getByRole('tab', { name: '比对' }));
  const run = screen.getByRole('button', { name: '开始比对' }) as HTMLButtonElement;
  expect(run.disabled).toBe(true);
  await pick('compare-deceased-input', ['死亡人员名单.xlsx']);
  await waitFor(() => expect((screen.getByRole('button', { name: '开始比对' }) as HTMLButtonElement).disabled).toBe(false));
  fireEvent.click(screen.getByRole('button', { name: '开始比对' }));
  await waitFor(() => expect(host.called('compareLists')).toHaveLength(1));
  const lists = host.called('compareLists')[0][1] as { roster?: ImportFile; deceased?: ImportFile };
  expect(lists.roster).toBeUndefined();
  expect(lists.deceased?.name).toBe('死亡人员名单.xlsx');
  expect(await screen.findByText(/死亡后仍在册 4 行，死亡后仍发放 2 行（已注销的也计入）/)).toBeTruthy();
});
