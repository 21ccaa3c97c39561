import { render } from '@testing-library/react';
import { App } from '../../src/taskpane/App';
import { Shell, type OfficeEnvironment } from '../../src/taskpane/bootstrap';
import type { HostOps } from '../../src/excel/host';
import type { Locale } from '../../src/core/settings';

export function renderApp(host: HostOps | null, locale: Locale = 'zh-CN') {
  const env: OfficeEnvironment = { host: 'Excel', loadFailed: false, locale, theme: 'light' };
  return render(
    <Shell env={env}>
      <App host={host} env={env} />
    </Shell>,
  );
}
