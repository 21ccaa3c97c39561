/**
 * @jest-environment jsdom
 */
import './setup-dom';
import { act, screen, waitFor } from '@testing-library/react';
import { detectEnvironment, start } from '../../src/taskpane/bootstrap';
import { detectThemeKind, themeFor } from '../../src/taskpane/theme';

const g = globalThis as unknown as { Office?: unknown };

afterEach(() => {
  delete g.Office;
});

describe('detectEnvironment', () => {
  it('outside Office (office.js loaded, host null): no host, browser language', async () => {
    g.Office = { onReady: async () => ({ host: null, platform: null }) };
    const env = await detectEnvironment(1000);
    expect(env).toMatchObject({ host: null, loadFailed: false });
  });

  it('office.js missing: loadFailed', async () => {
    const env = await detectEnvironment(1000);
    expect(env).toMatchObject({ host: null, loadFailed: true });
  });

  it('Office never ready: gives up after the timeout instead of hanging', async () => {
    g.Office = { onReady: () => new Promise(() => undefined) };
    const env = await detectEnvironment(50);
    expect(env.host).toBeNull();
  });

  it('in Excel: the display language and the Office theme decide locale and theme', async () => {
    g.Office = {
      onReady: async () => ({ host: 'Excel' }),
      context: { displayLanguage: 'en-US', officeTheme: { bodyBackgroundColor: '#262626', bodyForegroundColor: '#ffffff' } },
    };
    expect(await detectEnvironment(1000)).toMatchObject({ host: 'Excel', locale: 'en-US', theme: 'dark' });
    g.Office = { onReady: async () => ({ host: 'Excel' }), context: { displayLanguage: 'zh-CN', officeTheme: { bodyBackgroundColor: '#FFFFFF' } } };
    expect(await detectEnvironment(1000)).toMatchObject({ host: 'Excel', locale: 'zh-CN', theme: 'light' });
  });
});

describe('theme', () => {
  it('follows Office, forced colours and an explicit override', () => {
    expect(detectThemeKind(null, false)).toBe('light');
    expect(detectThemeKind({ bodyBackgroundColor: '#FFFFFF' }, false)).toBe('light');
    expect(detectThemeKind({ bodyBackgroundColor: '#1f1f1f' }, false)).toBe('dark');
    expect(detectThemeKind({ isDarkTheme: true, bodyBackgroundColor: '#FFFFFF' }, false)).toBe('dark');
    expect(detectThemeKind({ bodyBackgroundColor: '#FFFFFF' }, true)).toBe('highContrast');
    expect(detectThemeKind(null, false, 'dark')).toBe('dark');
    expect(detectThemeKind(null, false, 'nonsense')).toBe('light');
  });

  it('uses Excel green as the brand and a dark background in dark mode', () => {
    expect(themeFor('light').colorBrandBackground).toBe('#107C41');
    expect(themeFor('dark').colorNeutralBackground1).not.toBe(themeFor('light').colorNeutralBackground1);
    expect(themeFor('highContrast').colorNeutralBackground1).toBeTruthy();
  });
});

describe('start', () => {
  it('outside Office renders 请在 Excel 中打开本加载项 and never loads the pane or the host', async () => {
    g.Office = { onReady: async () => ({ host: null }) };
    const lang = jest.spyOn(navigator, 'language', 'get').mockReturnValue('zh-CN');
    const root = document.createElement('div');
    document.body.appendChild(root);
    const load = jest.fn();
    await act(async () => {
      await start(root, { load });
    });
    await waitFor(() => expect(screen.getByRole('heading', { name: '请在 Excel 中打开本加载项' })).toBeTruthy());
    expect(load).not.toHaveBeenCalled();
    expect(document.documentElement.lang).toBe('zh-CN');
    lang.mockRestore();
  });

  it('in Excel builds the host once and renders the pane', async () => {
    g.Office = { onReady: async () => ({ host: 'Excel' }), context: { displayLanguage: 'zh-CN' } };
    const root = document.createElement('div');
    document.body.appendChild(root);
    const createHost = jest.fn(() => null);
    const { App } = await import('../../src/taskpane/App');
    await act(async () => {
      await start(root, { load: async () => ({ App, createHost }) });
    });
    await waitFor(() => expect(screen.getByRole('tab', { name: '设置' })).toBeTruthy());
    expect(createHost).toHaveBeenCalledTimes(1);
  });
});
