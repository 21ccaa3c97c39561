/**
 * Starts the pane: waits for Office once (never inside handlers), picks language and theme, and
 * renders either the pane or, outside Office, the 请在 Excel 中打开本加载项 page.
 */
import { createRoot } from 'react-dom/client';
import { FluentProvider } from '@fluentui/react-components';
import type { ComponentType, ReactNode } from 'react';
import { createTranslator, pickLocale } from './i18n';
import { I18nContext } from './context';
import { detectThemeKind, themeFor, type OfficeThemeLike, type ThemeKind } from './theme';
import { OutsideOffice } from './OutsideOffice';
import type { Locale } from '../core/settings';
import type { HostOps } from '../excel/host';

export interface OfficeEnvironment {
  /** The Office host (e.g. "Excel"), or null outside Office. */
  host: string | null;
  /** office.js is missing (blocked or offline). */
  loadFailed: boolean;
  locale: Locale;
  theme: ThemeKind;
}

/** How long to wait for Office.onReady before treating the page as outside Office. */
export const OFFICE_READY_TIMEOUT_MS = 10000;

interface OfficeLike {
  onReady?: (cb?: unknown) => Promise<{ host: unknown } | undefined>;
  context?: { displayLanguage?: string; officeTheme?: OfficeThemeLike };
}

function officeGlobal(): OfficeLike | undefined {
  return (globalThis as { Office?: OfficeLike }).Office;
}

function forcedColors(): boolean {
  try {
    return typeof window !== 'undefined' && !!window.matchMedia?.('(forced-colors: active)').matches;
  } catch {
    return false;
  }
}

function themeOverride(): string | null {
  try {
    return new URLSearchParams(window.location.search).get('theme');
  } catch {
    return null;
  }
}

/** Resolves once: with the host when Office is ready, or host null outside Office / on timeout. */
export async function detectEnvironment(timeoutMs = OFFICE_READY_TIMEOUT_MS): Promise<OfficeEnvironment> {
  const office = officeGlobal();
  const browserLanguage = typeof navigator !== 'undefined' ? navigator.language : undefined;
  if (!office || typeof office.onReady !== 'function') {
    return { host: null, loadFailed: true, locale: pickLocale(browserLanguage), theme: detectThemeKind(null, forcedColors(), themeOverride()) };
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const info = await Promise.race([
    office.onReady().then(
      (i) => i,
      () => undefined,
    ),
    new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), timeoutMs);
    }),
  ]);
  if (timer) clearTimeout(timer);
  const host = info && info.host ? String(info.host) : null;
  let language: string | undefined;
  let officeTheme: OfficeThemeLike | undefined;
  if (host) {
    try {
      language = office.context?.displayLanguage;
      officeTheme = office.context?.officeTheme;
    } catch {
      // Older hosts throw on these: fall back to defaults.
    }
  }
  return {
    host,
    loadFailed: false,
    locale: pickLocale(language ?? browserLanguage),
    theme: detectThemeKind(officeTheme, forcedColors(), themeOverride()),
  };
}

export function Shell({ env, children }: { env: Pick<OfficeEnvironment, 'locale' | 'theme'>; children: ReactNode }) {
  return (
    <I18nContext.Provider value={{ locale: env.locale, t: createTranslator(env.locale) }}>
      <FluentProvider theme={themeFor(env.theme)} lang={env.locale} style={{ minHeight: '100vh' }}>
        {children}
      </FluentProvider>
    </I18nContext.Provider>
  );
}

export interface AppProps {
  /** null when the host operations could not be created: the pane says so instead of failing. */
  host: HostOps | null;
  env: OfficeEnvironment;
}

export interface PaneModule {
  App: ComponentType<AppProps>;
  /** Builds the host operations once Excel is ready. */
  createHost: () => HostOps | null;
}

export interface StartOptions {
  /** The pane proper and the Excel host layer, loaded on demand so the outside-Office page stays light. */
  load: () => Promise<PaneModule>;
}

/** Shown (plain DOM, Chinese first) when this webview cannot run the pane, instead of 正在加载… forever. */
export const UNSUPPORTED_WEBVIEW =
  '此 Excel 的内置浏览器无法运行双拥台账助手。请使用 Microsoft 365 或 Office 2021 及以上版本的 Excel（Windows 需安装 Microsoft Edge WebView2），或在网页版 Excel 中打开；也可使用命令行 npx ledger。' +
  ' (This Excel webview cannot run the add-in: use Microsoft 365 or Office 2021+ (on Windows with Microsoft Edge WebView2), Excel on the web, or the npx ledger command line.)';

function showUnsupported(container: HTMLElement, e: unknown): void {
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.style.cssText = 'margin: 16px; line-height: 1.6;';
  p.textContent = UNSUPPORTED_WEBVIEW;
  const detail = document.createElement('p');
  detail.style.cssText = 'margin: 16px; color: #605e5c; font-size: 12px;';
  detail.textContent = e instanceof Error ? e.message : String(e);
  container.replaceChildren(p, detail);
}

export async function start(container: HTMLElement, opts: StartOptions): Promise<void> {
  try {
    await startPane(container, opts);
  } catch (e) {
    // The pane could not start here (an old webview, a script that failed to load): say so.
    showUnsupported(container, e);
  }
}

async function startPane(container: HTMLElement, opts: StartOptions): Promise<void> {
  const root = createRoot(container);
  const env = await detectEnvironment();
  document.documentElement.lang = env.locale;
  if (env.host !== 'Excel' && env.host !== 'Workbook') {
    root.render(
      <Shell env={env}>
        <OutsideOffice loadFailed={env.loadFailed} />
      </Shell>,
    );
    return;
  }
  performance.mark('pane:office-ready');
  const { App, createHost } = await opts.load();
  let host: HostOps | null = null;
  try {
    host = createHost();
  } catch (e) {
    console.warn('The Excel host layer could not start:', e instanceof Error ? e.message : e);
  }
  root.render(
    <Shell env={env}>
      <App host={host} env={env} />
    </Shell>,
  );
}
