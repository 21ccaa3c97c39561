/**
 * @jest-environment jsdom
 */
import './setup-dom';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { FakeHost, checkResult, problem } from './fake-host';
import { renderApp } from './render';
import type { HostOps, LiveOps, LiveUpdate } from '../../src/excel/host';

class LiveFakeHost extends FakeHost {
  live?: LiveOps;
  conform?: HostOps['conform'];
}

jest.setTimeout(30000);

/** A host with 边录入边校验 and 规范本表. */
function liveHost(on = false) {
  const host = new LiveFakeHost();
  const calls: string[] = [];
  let push: ((u: LiveUpdate) => void) | null = null;
  host.live = {
    isOn: async () => on,
    start: async (_s: unknown, onUpdate: (u: LiveUpdate) => void) => {
      calls.push('start');
      push = onUpdate;
      on = true;
      return { ok: true as const, result: checkResult([]) };
    },
    stop: async () => {
      calls.push('stop');
      on = false;
    },
  };
  host.conform = async () => {
    calls.push('conform');
    return { sheets: ['优抚对象'], columns: 12, skipped: [{ sheet: '优抚对象', field: '性别', reason: 'own-validation' as const }], protectedSheets: [] };
  };
  return { host, calls, push: (u: LiveUpdate) => push!(u) };
}

describe('task pane: 边录入边校验 and 规范本表', () => {
  it('is off by default; turning it on starts it, updates replace the list, turning it off stops it', async () => {
    const { host, calls, push } = liveHost();
    await renderApp(host);
    const toggle = screen.getByRole('switch', { name: '边录入边校验' }) as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    fireEvent.click(toggle);
    await waitFor(() => expect(calls).toEqual(['start']));
    await screen.findByText(/边录入边校验已打开/);
    act(() => push({ result: checkResult([problem({ code: 'id.checksum', row: 5 })]), added: 1, removed: 0 }));
    await screen.findByRole('heading', { name: '校验结果' });
    expect(screen.getAllByText(/身份证号校验码错误/).length).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole('switch', { name: '边录入边校验' }));
    await waitFor(() => expect(calls).toEqual(['start', 'stop']));
  });

  it('starts again when the pane opens on a workbook where it was on', async () => {
    const { host, calls } = liveHost(true);
    await renderApp(host);
    await waitFor(() => expect(calls).toEqual(['start']));
    await waitFor(() => expect((screen.getByRole('switch', { name: '边录入边校验' }) as HTMLInputElement).checked).toBe(true));
  });

  it('规范本表 reports what it did', async () => {
    const { host, calls } = liveHost();
    await renderApp(host);
    const clear = () => screen.getByRole('button', { name: '清除标记' }).getAttribute('aria-disabled');
    expect(clear()).toBe('true'); // nothing to clear before a check…
    fireEvent.click(screen.getByRole('button', { name: '规范本表' }));
    await waitFor(() => expect(calls).toEqual(['conform']));
    await screen.findByText(/已在 1 张台账的 12 列加上下拉列表/);
    await waitFor(() => expect(clear()).not.toBe('true')); // …but 规范本表 can be undone by it
  });

  it('shows the host message where the live check is not supported', async () => {
    const { host } = liveHost();
    host.live!.start = async () => ({ ok: false as const, message: '当前 Excel 版本不支持边录入边校验' });
    await renderApp(host);
    fireEvent.click(screen.getByRole('switch', { name: '边录入边校验' }));
    await screen.findByText('当前 Excel 版本不支持边录入边校验');
    expect((screen.getByRole('switch', { name: '边录入边校验' }) as HTMLInputElement).checked).toBe(false);
  });
});
