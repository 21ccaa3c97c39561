import {
  Body1,
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Tab,
  TabList,
  tokens,
} from '@fluentui/react-components';
import { Dismiss16Regular } from '@fluentui/react-icons';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CheckResult } from '../core/check-api';
import type { Problem } from '../core/problem';
import { resolveSettings, type Settings } from '../core/settings';
import type { HostOps, ImportFile } from '../excel/host';
import type { AppProps } from './bootstrap';
import { useI18n } from './context';
import { Header } from './components/Header';
import { MainActions, type ActionId, type Scope } from './components/MainActions';
import { LiveControls } from './components/LiveControls';
import { ProgressPanel } from './components/ProgressPanel';
import { Results } from './components/Results';
import { ImportView } from './components/ImportView';
import { SettingsView } from './components/SettingsView';
import { errorMessage, useOperation, type Outcome } from './useOperation';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground1 },
  tabs: { paddingLeft: tokens.spacingHorizontalXS, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM },
  empty: { color: tokens.colorNeutralForeground3 },
});

type TabId = 'check' | 'import' | 'settings';

interface Notice {
  intent: 'success' | 'info' | 'warning' | 'error';
  text: string;
  undo?: boolean;
}

export function App({ host, env }: AppProps) {
  const { t, locale } = useI18n();
  const s = useStyles();
  const [tab, setTab] = useState<TabId>('check');
  const [settings, setSettings] = useState<Settings>(() => resolveSettings({ locale }));
  const [settingsKey, setSettingsKey] = useState(0);
  const [scope, setScope] = useState<Scope>('workbook');
  const [result, setResult] = useState<CheckResult | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [canUndo, setCanUndo] = useState(false);
  const beforeFix = useRef<CheckResult | null>(null);
  const { busy, run, cancel } = useOperation(locale);

  useEffect(() => {
    requestAnimationFrame(() => performance.mark('pane:painted'));
  }, []);

  useEffect(() => {
    if (!host) return;
    let live = true;
    host.loadSettings().then(
      (loaded) => {
        if (!live) return;
        setSettings(resolveSettings(loaded, { locale }));
        setSettingsKey((k) => k + 1);
      },
      (e) => live && setNotice({ intent: 'warning', text: t('settings.loadFailed', { message: errorMessage(e) }) }),
    );
    return () => {
      live = false;
    };
  }, [host, locale, t]);

  /** Shows the outcome of an operation that did not succeed; returns the value when it did. */
  const settle = useCallback(
    <T,>(o: Outcome<T>): T | undefined => {
      if (o.ok) return o.value;
      if (o.cancelled) setNotice({ intent: 'info', text: t('status.cancelled') });
      else if (o.message !== 'busy') setNotice({ intent: 'error', text: t('status.failed', { message: o.message }) });
      return undefined;
    },
    [t],
  );

  const check = useCallback(
    async (h: HostOps): Promise<CheckResult | undefined> => {
      const r = settle(await run('check', (opts) => h.check(scope, settings, opts)));
      if (r) {
        setResult(r);
        setCanUndo(false);
        beforeFix.current = null;
      }
      return r;
    },
    [run, scope, settings, settle],
  );

  const onAction = useCallback(
    async (a: ActionId) => {
      if (!host) return;
      setNotice(null);
      switch (a) {
        case 'check':
          await check(host);
          break;
        case 'summarize': {
          const names = settle(await run(a, (opts) => host.summarize(settings, opts)));
          if (names) setNotice({ intent: 'success', text: t('status.summarized', { count: names.length, sheets: names.join('、') }) });
          break;
        }
        case 'fix': {
          const current = result ?? (await check(host));
          if (!current) break;
          const fixable = current.problems.filter((p) => p.fix !== undefined);
          if (fixable.length === 0) {
            setNotice({ intent: 'info', text: t('status.nothingToFix') });
            break;
          }
          const n = settle(await run(a, (opts) => host.applyFixes(fixable, opts)));
          if (n === undefined) break;
          beforeFix.current = current;
          setResult({ ...current, problems: current.problems.filter((p) => p.fix === undefined) });
          setCanUndo(true);
          setNotice({ intent: 'success', text: t('status.fixed', { count: n }), undo: true });
          break;
        }
        case 'undoFix': {
          const n = settle(await run(a, () => host.undoFixes()));
          if (n === undefined) break;
          if (beforeFix.current) setResult(beforeFix.current);
          beforeFix.current = null;
          setCanUndo(false);
          setNotice({ intent: 'success', text: t('status.undone', { count: n }) });
          break;
        }
        case 'clearMarks': {
          const n = settle(await run(a, () => host.clearMarks()));
          if (n !== undefined) setNotice({ intent: 'success', text: t('status.cleared', { count: n }) });
          break;
        }
        case 'insertBlank': {
          const names = settle(await run(a, () => host.insertBlankLedgers(settings)));
          if (names)
            setNotice(
              names.length
                ? { intent: 'success', text: t('status.inserted', { count: names.length, sheets: names.join('、') }) }
                : { intent: 'info', text: t('status.insertedNone') },
            );
          break;
        }
      }
    },
    [host, check, run, settings, settle, t, result],
  );

  const goTo = useCallback(
    (p: Problem) => {
      host?.goTo(p).catch((e) => setNotice({ intent: 'error', text: t('results.gotoFailed', { message: errorMessage(e) }) }));
    },
    [host, t],
  );

  const onImport = useCallback(
    async (files: ImportFile[]) => {
      if (!host) return null;
      setNotice(null);
      const statuses = settle(await run('import', (opts) => host.importWorkbooks(files, settings, opts)));
      return statuses ?? null;
    },
    [host, run, settings, settle],
  );

  const previewImport = host?.previewImport?.bind(host);
  const onPreview = useCallback(
    async (files: ImportFile[]) => {
      if (!previewImport) return null;
      setNotice(null);
      return settle(await run('preview', (opts) => previewImport(files, settings, opts))) ?? null;
    },
    [previewImport, run, settings, settle],
  );

  const onSave = useCallback(
    async (next: Settings) => {
      if (!host) return false;
      const saved = { ...next, locale };
      const o = await run('settings', () => host.saveSettings(saved));
      if (settle(o) === undefined && !o.ok) return false;
      setSettings(saved);
      setNotice({ intent: 'success', text: t('settings.saved') });
      return true;
    },
    [host, locale, run, settle, t],
  );

  const listSheets = useCallback(() => (host ? host.listSheets() : Promise.resolve([])), [host]);
  const readColumn = useCallback((sheet: string, column: string) => (host ? host.readColumn(sheet, column) : Promise.resolve([])), [host]);

  const disabled = !host || busy !== null;
  return (
    <div className={s.root} data-theme={env.theme}>
      <Header township={settings.township} year={settings.year} />
      <TabList className={s.tabs} selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabId)} aria-label={t('tabs.label')}>
        <Tab value="check">{t('tabs.check')}</Tab>
        <Tab value="import">{t('tabs.import')}</Tab>
        <Tab value="settings">{t('tabs.settings')}</Tab>
      </TabList>
      <main className={s.body}>
        {!host && (
          <MessageBar intent="warning">
            <MessageBarBody>{t('actions.noHost')}</MessageBarBody>
          </MessageBar>
        )}
        {busy && <ProgressPanel busy={busy} onCancel={cancel} />}
        {notice && (
          <MessageBar intent={notice.intent} aria-live="polite" data-testid="notice">
            <MessageBarBody>{notice.text}</MessageBarBody>
            <MessageBarActions
              containerAction={
                <Button appearance="transparent" size="small" icon={<Dismiss16Regular />} aria-label={t('status.dismiss')} onClick={() => setNotice(null)} />
              }
            >
              {notice.undo && canUndo && (
                <Button size="small" onClick={() => void onAction('undoFix')} disabled={disabled}>
                  {t('actions.undoFix')}
                </Button>
              )}
            </MessageBarActions>
          </MessageBar>
        )}
        {tab === 'check' && (
          <>
            <MainActions scope={scope} onScope={setScope} disabled={disabled} canUndo={canUndo} onAction={(a) => void onAction(a)} />
            <LiveControls host={host} settings={settings} disabled={disabled} onResult={setResult} onNotice={setNotice} />
            {result ? <Results key={resultKey(result)} result={result} onGoTo={goTo} /> : <Body1 className={s.empty}>{t('results.none')}</Body1>}
          </>
        )}
        {tab === 'import' && <ImportView busy={disabled} onPreview={previewImport ? onPreview : undefined} onImport={onImport} />}
        {tab === 'settings' && (
          <SettingsView key={settingsKey} settings={settings} busy={disabled} listSheets={listSheets} readColumn={readColumn} onSave={onSave} />
        )}
      </main>
    </div>
  );
}

/** A new check result resets the filters and paging; a fix (same run, fewer problems) keeps them. */
const keys = new WeakMap<object, number>();
let nextKey = 0;
function resultKey(r: CheckResult): number {
  let k = keys.get(r.sheets);
  if (k === undefined) {
    k = nextKey++;
    keys.set(r.sheets, k);
  }
  return k;
}
