import { act, render, type RenderResult } from '@testing-library/react';
import { App } from '../../src/taskpane/App';
import { Shell, type OfficeEnvironment } from '../../src/taskpane/bootstrap';
import type { HostOps } from '../../src/excel/host';
import type { Locale } from '../../src/core/settings';

/** Renders the pane and lets its start-up requests (settings) settle inside act(). */
export async function renderApp(host: HostOps | null, locale: Locale = 'zh-CN'): Promise<RenderResult> {
  const env: OfficeEnvironment = { host: 'Excel', loadFailed: false, locale, theme: 'light' };
  let view: RenderResult | undefined;
  await act(async () => {
    view = render(
    <Shell env={env}>
      <App host={host} env={env} />
    </Shell>,
    );
  });
  return view!;
}
