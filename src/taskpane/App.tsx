import {
  Body1,
  Button,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Tab,
  TabList,
  tokens,
} from '@fluentui/react-components';
import { Dismiss16Regular } from '@fluentui/react-icons';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
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
import { CompareView } from './components/CompareView';
import { FixConfirm, fixPlan } from './components/FixConfirm';
import { errorMessage, useOperation, type Outcome } from './useOperation';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground1 },
  tabs: { paddingLeft: tokens.spacingHorizontalXS, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM },
  empty: { color: tokens.colorNeutralForeground3 },
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  // Tabs wrap onto a second line rather than being cut when the pane is narrow or zoomed.
  tabList: { flexWrap: 'wrap' },
  notice: { ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` } },
  // Fluent's multiline bar gives its body a 1fr (min-content) column: let it shrink and wrap.
  bar: { gridTemplateColumns: 'auto minmax(0, 1fr) auto', maxWidth: '100%' },
  barBody: { minWidth: 0, overflowWrap: 'anywhere' },
  hidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
});

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]):not([tabindex="-1"]), select:not([disabled]), textarea:not([disabled]), [tabindex="0"]';

type TabId = 'check' | 'import' | 'compare' | 'settings';

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
  /** 规范本表 ran: 清除标记 has something to undo even before a check. */
  const [conformed, setConformed] = useState(false);
  const [result, setResult] = useState<CheckResult | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [canUndo, setCanUndo] = useState(false);
  const beforeFix = useRef<CheckResult | null>(null);
  const { busy, run, cancel } = useOperation(locale);
  const [confirmFix, setConfirmFix] = useState<Problem[] | null>(null);
  /** Set by a check the user ran: the new results take the focus (their heading) once. */
  const resultsFocus = useRef(false);
  const takeResultsFocus = useCallback(() => {
    const f = resultsFocus.current;
    resultsFocus.current = false;
    return f;
  }, []);
  /** The live region's text: it exists from the start, so that a change is announced. */
  const [spoken, setSpoken] = useState('');
  const noticeRef = useRef<HTMLDivElement>(null);
  const mainRef = useRef<HTMLElement>(null);
  /** Where focus goes after the next render: the notice (after an action), or the next control. */
  const focusAfter = useRef<'notice' | 'main' | null>(null);

  const announce = useCallback((text: string) => {
    // The same text twice still changes the region (a no-break space toggles at its end).
    setSpoken((old) => (old === text ? `${text}\u00a0` : text));
  }, []);

  /** Shows a notice, announces it (with its kind: 完成 / 出错 …), and (after an action of the
   *  user) moves focus to it. */
  const show = useCallback(
    (n: Notice | null, focus = true) => {
      setNotice(n);
      if (n) {
        announce(t('notice.announce', { label: t(`notice.label.${n.intent}`), text: n.text }));
        if (focus) focusAfter.current = 'notice';
      }
    },
    [announce, t],
  );

  useLayoutEffect(() => {
    const to = focusAfter.current;
    if (!to) return;
    if (to === 'notice') {
      if (!noticeRef.current) return;
      noticeRef.current.focus();
    } else {
      const el = mainRef.current?.querySelector<HTMLElement>(FOCUSABLE);
      el?.focus();
    }
    focusAfter.current = null;
  });

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
      (e) => live && show({ intent: 'warning', text: t('settings.loadFailed', { message: errorMessage(e) }) }, false),
    );
    return () => {
      live = false;
    };
  }, [host, locale, t, show]);

  /** Shows the outcome of an operation that did not succeed; returns the value when it did. */
  const settle = useCallback(
    <T,>(o: Outcome<T>): T | undefined => {
      if (o.ok) return o.value;
      if (o.cancelled) show({ intent: 'info', text: t('status.cancelled') });
      else if (o.message !== 'busy') show({ intent: 'error', text: t('status.failed', { message: o.message }) });
      return undefined;
    },
    [t, show],
  );

  const check = useCallback(
    async (h: HostOps): Promise<CheckResult | undefined> => {
      const r = settle(await run('check', (opts) => h.check(scope, settings, opts)));
      if (r) {
        setResult(r);
        setCanUndo(false);
        beforeFix.current = null;
        const ledgers = r.sheets.filter((x) => x.ledger !== null).length;
        const errors = r.problems.filter((p) => p.severity === 'error').length;
        const warnings = r.problems.filter((p) => p.severity === 'warning').length;
        announce(
          t('notice.announce', {
            label: t('results.title'),
            text: ledgers === 0 ? t('results.noLedger') : `${t('results.errors', { count: errors })}, ${t('results.warnings', { count: warnings })}`,
          }),
        );
        resultsFocus.current = true;
      }
      return r;
    },
    [run, scope, settings, settle, announce, t],
  );

  const applyFixes = useCallback(
    async (current: CheckResult) => {
      if (!host) return;
      const plan = fixPlan(current.problems);
      const n = settle(await run('fix', (opts) => host.applyFixes(plan.apply, opts)));
      if (n === undefined) return;
      beforeFix.current = current;
      const applied = new Set(plan.apply);
      setResult({ ...current, problems: current.problems.filter((p) => !applied.has(p)) });
      setCanUndo(true);
      show({ intent: 'success', text: t('status.fixed', { count: n }), undo: true });
    },
    [host, run, settle, show, t],
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
          const done = settle(await run(a, (opts) => host.summarize(settings, opts)));
          if (!done) break;
          // The host says how many ledgers and errors the forms were counted from.
          const { ledgers, errors } = done;
          const count = done.sheets.length;
          const sheets = done.sheets.join('、');
          if (ledgers === 0) show({ intent: 'warning', text: t('status.summarizedNoLedger', { count }) });
          else if (errors > 0) show({ intent: 'warning', text: t('status.summarizedErrors', { count, sheets, errors }) });
          else show({ intent: 'success', text: t('status.summarized', { count, sheets }) });
          break;
        }
        case 'fix': {
          // 一键修正 needs a check first (the button is disabled before one); it asks before it writes.
          if (!result) break;
          const plan = fixPlan(result.problems);
          if (plan.apply.length === 0) {
            show({ intent: 'info', text: plan.choice.length ? t('status.nothingToFixChoice', { count: plan.choice.length }) : t('status.nothingToFix') });
            break;
          }
          setConfirmFix(result.problems);
          break;
        }
        case 'undoFix': {
          const n = settle(await run(a, () => host.undoFixes()));
          if (n === undefined) break;
          if (beforeFix.current) setResult(beforeFix.current);
          beforeFix.current = null;
          setCanUndo(false);
          show({ intent: 'success', text: t('status.undone', { count: n }) });
          break;
        }
        case 'clearMarks': {
          const n = settle(await run(a, () => host.clearMarks()));
          if (n !== undefined) show({ intent: 'success', text: t('status.cleared', { count: n }) });
          break;
        }
        case 'insertBlank': {
          const names = settle(await run(a, () => host.insertBlankLedgers(settings)));
          if (names)
            show(
              names.length
                ? { intent: 'success', text: t('status.inserted', { count: names.length, sheets: names.join('、') }) }
                : { intent: 'info', text: t('status.insertedNone') },
            );
          break;
        }
      }
    },
    [host, check, run, settings, settle, t, result, show],
  );

  const goTo = useCallback(
    (p: Problem) => {
      host?.goTo(p).catch((e) => show({ intent: 'error', text: t('results.gotoFailed', { message: errorMessage(e) }) }, false));
    },
    [host, t, show],
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
      show({ intent: 'success', text: t('settings.saved') });
      return true;
    },
    [host, locale, run, settle, t, show],
  );

  // The township's 词表, 列名 and 规则 sheets (the settings view edits them).
  const configStore = useMemo(
    () => (host?.loadConfig && host.saveConfig ? { load: () => host.loadConfig!(), save: (c: Parameters<NonNullable<HostOps['saveConfig']>>[0]) => host.saveConfig!(c) } : undefined),
    [host],
  );

  const listSheets = useCallback(() => (host ? host.listSheets() : Promise.resolve([])), [host]);
  const readColumn = useCallback((sheet: string, column: string) => (host ? host.readColumn(sheet, column) : Promise.resolve([])), [host]);

  const onOpenSheet = useCallback(
    (sheet: string) => {
      host?.goTo({ code: 'sheet.open', severity: 'info', sheet, cell: 'A1', params: {} }).catch((e) =>
        show({ intent: 'error', text: t('results.gotoFailed', { message: errorMessage(e) }) }),
      );
    },
    [host, show, t],
  );

  const dismiss = useCallback(() => {
    setNotice(null);
    focusAfter.current = 'main';
  }, []);

  const disabled = !host || busy !== null;
  return (
    <div className={s.root} data-theme={env.theme}>
      <Header township={settings.township} year={settings.year} />
      <nav className={s.tabs} aria-label={t('tabs.label')}>
        <TabList className={s.tabList} selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabId)} aria-label={t('tabs.label')}>
          <Tab value="check" id="tab-check">
            {t('tabs.check')}
          </Tab>
          <Tab value="import" id="tab-import">
            {t('tabs.import')}
          </Tab>
          <Tab value="compare" id="tab-compare">
            {t('tabs.compare')}
          </Tab>
          <Tab value="settings" id="tab-settings">
            {t('tabs.settings')}
          </Tab>
        </TabList>
      </nav>
      <main className={s.body} ref={mainRef}>
        <div className={s.hidden} role="status" aria-live="polite" aria-atomic="true" data-testid="announcer">
          {spoken}
        </div>
        {!host && (
          <MessageBar className={s.bar} intent="warning" layout="multiline" aria-labelledby="nohost-body">
            <MessageBarBody className={s.barBody} id="nohost-body">{t('actions.noHost')}</MessageBarBody>
          </MessageBar>
        )}
        {busy && <ProgressPanel busy={busy} onCancel={cancel} />}
        {notice && (
          <MessageBar
            intent={notice.intent}
            layout="multiline"
            data-testid="notice"
            ref={noticeRef}
            tabIndex={-1}
            className={mergeClasses(s.bar, s.notice)}
            aria-labelledby="notice-title notice-body"
            politeness="polite"
          >
            <MessageBarBody className={s.barBody}>
              <MessageBarTitle id="notice-title">{t(`notice.label.${notice.intent}`)}</MessageBarTitle>
              <span id="notice-body">{notice.text}</span>
            </MessageBarBody>
            <MessageBarActions
              containerAction={<Button appearance="transparent" size="small" icon={<Dismiss16Regular />} aria-label={t('status.dismiss')} onClick={dismiss} />}
            >
              {notice.undo && canUndo && (
                <Button size="small" onClick={() => void onAction('undoFix')} disabled={disabled}>
                  {t('actions.undoFix')}
                </Button>
              )}
            </MessageBarActions>
          </MessageBar>
        )}
        <div role="tabpanel" aria-labelledby={`tab-${tab}`} className={s.panel}>
          {tab === 'check' && (
            <>
              <MainActions scope={scope} onScope={setScope} disabled={disabled} checked={result !== null} canClear={conformed} canUndo={canUndo} onAction={(a) => void onAction(a)} />
              <LiveControls host={host} settings={settings} disabled={disabled} onResult={setResult} onNotice={setNotice} onConformed={() => setConformed(true)} />
              {result ? (
                <Results key={resultKey(result)} result={result} onGoTo={goTo} takeFocus={takeResultsFocus} />
              ) : (
                <Body1 className={s.empty}>{t('results.none')}</Body1>
              )}
            </>
          )}
          {tab === 'import' && <ImportView busy={disabled} onPreview={previewImport ? onPreview : undefined} onImport={onImport} onOpenSheet={onOpenSheet} />}
          {tab === 'compare' && (
            <CompareView
              busy={disabled}
              onCompareYears={host?.compareYears ? async (files) => settle(await run('compare', (opts) => host.compareYears!(files, settings, opts))) ?? null : undefined}
              onCompareLists={host?.compareLists ? async (lists) => settle(await run('compare', (opts) => host.compareLists!(lists, settings, opts))) ?? null : undefined}
            />
          )}
          {tab === 'settings' && (
            <SettingsView key={settingsKey} settings={settings} busy={disabled} listSheets={listSheets} readColumn={readColumn} onSave={onSave} config={configStore} onGoTo={goTo} />
          )}
        </div>
      </main>
      {confirmFix && result && (
        <FixConfirm
          problems={confirmFix}
          onCancel={() => setConfirmFix(null)}
          onConfirm={() => {
            setConfirmFix(null);
            void applyFixes(result);
          }}
        />
      )}
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
