import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Body1,
  Button,
  Caption1,
  Field,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  Select,
  tokens,
} from '@fluentui/react-components';
import { ArrowDown16Regular, ArrowUp16Regular, DiamondDismiss16Filled, Info16Filled, Warning16Filled } from '@fluentui/react-icons';
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { CheckResult } from '../../core/check-api';
import type { Problem, Severity } from '../../core/problem';
import { useI18n } from '../context';
import { fixText, groupTitle, renderHint, renderMessage } from '../problemText';
import { OtherLang } from './OtherLang';

/** Entries a group lists at first; 更多 adds MORE_SIZE, 全部显示 lists the rest. */
export const PAGE_SIZE = 20;
export const MORE_SIZE = 50;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  title: { margin: 0, fontFamily: tokens.fontFamilyBase, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold },
  heading: { ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` } },
  totals: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
  summary: { color: tokens.colorNeutralForeground3 },
  // Three filters side by side when there is room, stacked when the pane is narrow (or zoomed).
  filters: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(6.5em, 1fr))', gap: tokens.spacingHorizontalXS },
  select: { minWidth: 0, maxWidth: '100%' },
  nav: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  navText: { flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere', color: tokens.colorNeutralForeground2 },
  groupHeader: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalXS, minWidth: 0, textAlign: 'left' },
  groupTitle: { flexGrow: 1, flexBasis: '6em', minWidth: 0, overflowWrap: 'anywhere' },
  headerButton: { height: 'auto', minHeight: '32px', paddingTop: '2px', paddingBottom: '2px', whiteSpace: 'normal' },
  badge: { whiteSpace: 'nowrap', flexShrink: 0 },
  groupHint: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere', margin: `0 0 ${tokens.spacingVerticalXS}` },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  // One entry: a button (where, who, what) and under it the details it is described by.
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: `${tokens.strokeWidthThin} solid transparent`,
    borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  itemButton: {
    display: 'flex',
    gap: tokens.spacingHorizontalXS,
    alignItems: 'flex-start',
    width: '100%',
    textAlign: 'left',
    padding: 0,
    border: 'none',
    background: 'none',
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    cursor: 'pointer',
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  itemText: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: 0, flexGrow: 1 },
  details: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: 0, paddingLeft: '20px' },
  itemError: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  itemWarning: { borderLeftColor: tokens.colorPaletteMarigoldBorder2 },
  // The entry last clicked: a full outline (visible in forced colours too) and a tint.
  current: {
    backgroundColor: tokens.colorBrandBackground2,
    border: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
    '@media (forced-colors: active)': { border: `${tokens.strokeWidthThick} solid Highlight` },
  },
  where: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  value: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  fix: { color: tokens.colorPaletteGreenForeground1, fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  choice: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  message: { overflowWrap: 'anywhere' },
  hint: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  icon: { flexShrink: 0, marginTop: '2px' },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  info: { color: tokens.colorBrandForeground1 },
  hidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  bar: { gridTemplateColumns: 'auto minmax(0, 1fr) auto', maxWidth: '100%' },
  barBody: { minWidth: 0, overflowWrap: 'anywhere' },
  moreRow: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export interface Row {
  p: Problem;
  village: string;
  /** The person of the problem's row (姓名, or the unit/activity name of ledgers without one). */
  person: string;
  /** Position in result.problems (a stable key). */
  i: number;
}

const VILLAGE_FIELDS = ['所在村', '所在村/单位', '地方单位'];
const PERSON_FIELDS = ['姓名', '对子名称', '活动名称'];

/** The village and person of each problem: from its row when there is one, else the file's name. */
export function problemRows(result: CheckResult): Row[] {
  const byRow = new Map<string, { village?: string; person?: string }>();
  for (const t of result.tables) {
    for (const rec of t.records) {
      const e: { village?: string; person?: string } = {};
      for (const f of VILLAGE_FIELDS) {
        const v = rec.v[f];
        if (typeof v === 'string' && v.trim()) {
          e.village = v.trim();
          break;
        }
      }
      for (const f of PERSON_FIELDS) {
        const v = rec.v[f];
        if (typeof v === 'string' && v.trim()) {
          e.person = v.trim();
          break;
        }
      }
      byRow.set(`${t.file}\u0000${t.sheet}\u0000${rec.row}`, e);
    }
  }
  return result.problems.map((p, i) => {
    const e = p.sheet !== undefined && p.row !== undefined ? byRow.get(`${p.file ?? ''}\u0000${p.sheet}\u0000${p.row}`) : undefined;
    return { p, i, person: e?.person ?? '', village: e?.village ?? (p.file ? p.file.replace(/\.(xlsx|xlsm|xls|csv)$/i, '') : '') };
  });
}

export interface Group {
  code: string;
  severity: Severity;
  rows: Row[];
  fixable: number;
}

export function groupRows(rows: Row[]): Group[] {
  const m = new Map<string, Group>();
  for (const r of rows) {
    let g = m.get(r.p.code);
    if (!g) {
      g = { code: r.p.code, severity: r.p.severity, rows: [], fixable: 0 };
      m.set(r.p.code, g);
    }
    g.rows.push(r);
    if (r.p.fix !== undefined && !r.p.fixNeedsChoice) g.fixable++;
    if (SEVERITY_ORDER[r.p.severity] < SEVERITY_ORDER[g.severity]) g.severity = r.p.severity;
  }
  return [...m.values()].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.rows.length - a.rows.length || a.code.localeCompare(b.code),
  );
}

/**
 * Severity by shape as well as colour (forced colours paint every icon in one colour): a diamond
 * with a cross for errors, a triangle for warnings, a circle with "i" for notes.
 */
export function SeverityIcon({ severity }: { severity: Severity }) {
  const s = useStyles();
  const props = { 'aria-hidden': true as const, 'data-severity-icon': severity };
  if (severity === 'error') return <DiamondDismiss16Filled className={mergeClasses(s.icon, s.error)} {...props} />;
  if (severity === 'warning') return <Warning16Filled className={mergeClasses(s.icon, s.warning)} {...props} />;
  return <Info16Filled className={mergeClasses(s.icon, s.info)} {...props} />;
}

const ALL = '';

export interface ResultsProps {
  result: CheckResult;
  onGoTo: (p: Problem) => void;
  /** Asked once when the list appears: true moves focus to its heading (after a check). */
  takeFocus?: () => boolean;
}

export function Results({ result, onGoTo, takeFocus }: ResultsProps) {
  const { t, locale } = useI18n();
  const s = useStyles();
  const rows = useMemo(() => problemRows(result), [result]);
  const [village, setVillage] = useState(ALL);
  const [sheet, setSheet] = useState(ALL);
  const [severity, setSeverity] = useState(ALL);
  const [shown, setShown] = useState<Record<string, number>>({});
  const [current, setCurrent] = useState<number | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const pendingFocus = useRef<number | null>(null);

  const villages = useMemo(() => [...new Set(rows.map((r) => r.village).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'zh-CN')), [rows]);
  const sheets = useMemo(() => [...new Set(rows.map((r) => r.p.sheet).filter((x): x is string => !!x))], [rows]);
  const filtered = useMemo(
    () =>
      rows.filter(
        (r) => (village === ALL || r.village === village) && (sheet === ALL || r.p.sheet === sheet) && (severity === ALL || r.p.severity === severity),
      ),
    [rows, village, sheet, severity],
  );
  const groups = useMemo(() => groupRows(filtered), [filtered]);
  const [open, setOpen] = useState<string[]>(() => (groups[0] ? [groups[0].code] : []));
  // Filters keep the open groups open; when none of the visible groups is open, the first opens.
  useEffect(() => {
    if (groups.length && !groups.some((g) => open.includes(g.code))) setOpen((o) => [...o, groups[0].code]);
  }, [groups, open]);

  useEffect(() => {
    if (takeFocus?.()) (heading.current ?? document.getElementById('results-empty')?.closest<HTMLElement>('[tabindex]'))?.focus();
    // Only when the list appears.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Focus an entry after it is rendered (更多, 上一个/下一个).
  useEffect(() => {
    if (pendingFocus.current === null) return;
    const el = document.querySelector<HTMLElement>(`[data-problem-index="${pendingFocus.current}"]`);
    if (el) {
      el.focus();
      pendingFocus.current = null;
    }
  });

  const titles = useMemo(() => new Map(groups.map((g) => [g.code, groupTitle(g.code, g.rows.map((r) => r.p), locale)])), [groups, locale]);
  /** The hint shared by every entry of a group, shown once under its header. */
  const groupHints = useMemo(() => {
    const m = new Map<string, string>();
    for (const g of groups) {
      const hints = new Set(g.rows.map((r) => renderHint(r.p, locale)));
      if (hints.size === 1) {
        const h = [...hints][0];
        if (h) m.set(g.code, h);
      }
    }
    return m;
  }, [groups, locale]);
  const order = useMemo(() => groups.flatMap((g) => g.rows), [groups]);

  const ledgers = result.sheets.filter((x) => x.ledger !== null);
  const dataRows = ledgers.reduce((n, x) => n + x.dataRows, 0);
  const count = (sev: Severity) => result.problems.filter((p) => p.severity === sev).length;
  const errors = count('error');
  const warnings = count('warning');
  const infos = count('info');
  const omitted = result.sheets.reduce((n, x) => n + x.omitted, 0);

  if (ledgers.length === 0) {
    return (
      <MessageBar className={s.bar} intent="warning" layout="multiline" aria-labelledby="results-empty">
        <MessageBarBody className={s.barBody} id="results-empty">{t('results.noLedger')}</MessageBarBody>
      </MessageBar>
    );
  }
  if (result.problems.length === 0 && omitted === 0) {
    return (
      <MessageBar className={s.bar} intent="success" layout="multiline" aria-labelledby="results-empty">
        <MessageBarBody className={s.barBody} id="results-empty">{t('results.clean', { sheets: ledgers.length, rows: dataRows })}</MessageBarBody>
      </MessageBar>
    );
  }

  const where = (p: Problem) => {
    if (!p.sheet) return t('results.fileLevel', { file: p.file ?? '' });
    if (p.cell) return t('results.location', { sheet: p.sheet, cell: p.cell });
    if (p.row !== undefined) return t('results.row', { sheet: p.sheet, row: p.row });
    return t('results.header', { sheet: p.sheet });
  };

  /** Selects an entry: highlight it, go to its cell, and make it visible (group open, paged in). */
  const select = (r: Row, focus: boolean) => {
    setCurrent(r.i);
    const g = groups.find((x) => x.code === r.p.code);
    if (g) {
      if (!open.includes(g.code)) setOpen((o) => [...o, g.code]);
      const pos = g.rows.indexOf(r);
      const limit = shown[g.code] ?? PAGE_SIZE;
      if (pos >= limit) setShown((m) => ({ ...m, [g.code]: pos + 1 }));
    }
    if (focus) pendingFocus.current = r.i;
    onGoTo(r.p);
  };
  const curPos = current === null ? -1 : order.findIndex((r) => r.i === current);
  const step = (d: 1 | -1) => {
    if (!order.length) return;
    const next = curPos < 0 ? (d === 1 ? 0 : order.length - 1) : Math.min(order.length - 1, Math.max(0, curPos + d));
    select(order[next], true);
  };

  /** Arrow keys move between the entries of one group (Home/End to its ends). */
  const onListKey = (ev: KeyboardEvent<HTMLUListElement>) => {
    const keys = ['ArrowDown', 'ArrowUp', 'Home', 'End'];
    if (!keys.includes(ev.key)) return;
    const items = Array.from(ev.currentTarget.querySelectorAll<HTMLElement>('[data-problem-index]'));
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (at < 0) return;
    ev.preventDefault();
    const to = ev.key === 'Home' ? 0 : ev.key === 'End' ? items.length - 1 : Math.min(items.length - 1, Math.max(0, at + (ev.key === 'ArrowDown' ? 1 : -1)));
    items[to].focus();
  };

  return (
    <section className={s.root} aria-labelledby="results-title" data-testid="results">
      <h2 id="results-title" tabIndex={-1} ref={heading} className={mergeClasses(s.heading, s.title)}>
        {t('results.title')}
      </h2>
      <Caption1 className={s.summary}>{t('results.summary', { sheets: ledgers.length, rows: dataRows })}</Caption1>
      <div className={s.totals}>
        <Badge appearance="tint" color="danger" icon={<DiamondDismiss16Filled />}>
          {t('results.errors', { count: errors })}
        </Badge>
        <Badge appearance="tint" color="warning" icon={<Warning16Filled />}>
          {t('results.warnings', { count: warnings })}
        </Badge>
        {infos > 0 && (
          <Badge appearance="tint" color="informative" icon={<Info16Filled />}>
            {t('results.infos', { count: infos })}
          </Badge>
        )}
      </div>
      {omitted > 0 && (
        <MessageBar className={s.bar} intent="info" layout="multiline" aria-labelledby="results-omitted">
          <MessageBarBody className={s.barBody} id="results-omitted">{t('results.omitted', { count: omitted })}</MessageBarBody>
        </MessageBar>
      )}
      <div className={s.filters} role="group" aria-label={t('results.filters')}>
        <Field label={t('results.filter.village')} size="small">
          <Select className={s.select} size="small" value={village} onChange={(_, d) => setVillage(d.value)}>
            <option value={ALL}>{t('results.filter.all')}</option>
            {villages.map((v) => (
              <option key={v} value={v} lang={locale !== 'zh-CN' && /[\u4e00-\u9fff]/.test(v) ? 'zh-CN' : undefined}>
                {v}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('results.filter.sheet')} size="small">
          <Select className={s.select} size="small" value={sheet} onChange={(_, d) => setSheet(d.value)}>
            <option value={ALL}>{t('results.filter.all')}</option>
            {sheets.map((v) => (
              <option key={v} value={v} lang={locale !== 'zh-CN' && /[\u4e00-\u9fff]/.test(v) ? 'zh-CN' : undefined}>
                {v}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('results.filter.severity')} size="small">
          <Select className={s.select} size="small" value={severity} onChange={(_, d) => setSeverity(d.value)}>
            <option value={ALL}>{t('results.filter.all')}</option>
            <option value="error">{t('severity.error')}</option>
            <option value="warning">{t('severity.warning')}</option>
            {infos > 0 && <option value="info">{t('severity.info')}</option>}
          </Select>
        </Field>
      </div>
      {order.length > 0 && (
        <div className={s.nav} role="group" aria-label={t('results.nav.label')}>
          <Caption1 className={s.navText} data-testid="results-position">
            {curPos >= 0 ? t('results.nav.position', { n: curPos + 1, total: order.length }) : t('results.showing', { shown: order.length, total: rows.length })}
          </Caption1>
          <Button size="small" icon={<ArrowUp16Regular />} disabled={curPos === 0} onClick={() => step(-1)}>
            {t('results.nav.prev')}
          </Button>
          <Button size="small" icon={<ArrowDown16Regular />} disabled={curPos === order.length - 1} onClick={() => step(1)}>
            {t('results.nav.next')}
          </Button>
        </div>
      )}
      {groups.length === 0 ? (
        <Body1>{t('results.filteredEmpty')}</Body1>
      ) : (
        <Accordion multiple collapsible openItems={open} onToggle={(_, d) => setOpen(d.openItems as string[])}>
          {groups.map((g) => {
            const limit = shown[g.code] ?? PAGE_SIZE;
            const title = titles.get(g.code) ?? g.code;
            const groupHint = groupHints.get(g.code);
            const hintId = `hint-${g.code}`;
            const left = g.rows.length - limit;
            return (
              <AccordionItem key={g.code} value={g.code}>
                <AccordionHeader as="h3" size="small" expandIconPosition="end" button={{ className: s.headerButton }}>
                  <span className={s.groupHeader} data-rule={g.code}>
                    <SeverityIcon severity={g.severity} />
                    <span className={s.hidden}>{t(`severity.${g.severity}`)}</span>
                    <OtherLang className={s.groupTitle} text={title} />
                    {g.fixable > 0 && (
                      <Badge className={s.badge} appearance="tint" color="success" size="small">
                        {t('results.groupFixable', { count: g.fixable })}
                      </Badge>
                    )}
                    <Badge className={s.badge} appearance="filled" color={g.severity === 'error' ? 'danger' : g.severity === 'warning' ? 'warning' : 'informative'} size="small">
                      {g.rows.length}
                    </Badge>
                  </span>
                </AccordionHeader>
                <AccordionPanel>
                  {groupHint && (
                    <p className={s.groupHint} id={hintId}>
                      {t('results.hint', { hint: groupHint })}
                    </p>
                  )}
                  <ul className={s.list} aria-label={t('results.group', { title, count: g.rows.length })} onKeyDown={onListKey}>
                    {g.rows.slice(0, limit).map((r) => {
                      const { p, i, person } = r;
                      const fix = fixText(p);
                      const message = renderMessage(p, locale);
                      const hint = groupHint ? '' : renderHint(p, locale);
                      const id = `problem-${i}`;
                      const hasValue = p.value !== undefined && p.value !== '';
                      const describedBy = [`${id}-sev`, hasValue && `${id}-value`, hint ? `${id}-hint` : groupHint && hintId, fix !== null && `${id}-fix`]
                        .filter(Boolean)
                        .join(' ');
                      const whereText = [where(p), person, p.column].filter(Boolean).join(' · ');
                      return (
                        <li
                          key={i}
                          className={mergeClasses(s.item, p.severity === 'error' && s.itemError, p.severity === 'warning' && s.itemWarning, current === i && s.current)}
                          data-problem-severity={p.severity}
                          onClick={(ev) => {
                            // A click on the details selects the entry too (the button handles its own).
                            if (!(ev.target as HTMLElement).closest('button')) select(r, true);
                          }}
                        >
                          <button
                            type="button"
                            className={s.itemButton}
                            onClick={() => select(r, false)}
                            aria-describedby={describedBy}
                            aria-current={current === i ? 'true' : undefined}
                            data-problem={p.cell ? `${p.sheet}!${p.cell}` : undefined}
                            data-problem-index={i}
                          >
                            <SeverityIcon severity={p.severity} />
                            <span className={s.itemText}>
                              <OtherLang className={s.where} id={`${id}-where`} text={whereText} />
                              <span className={s.message} id={`${id}-message`}>
                                {message}
                              </span>
                            </span>
                          </button>
                          <span className={s.hidden} id={`${id}-sev`}>
                            {t(`severity.${p.severity}`)}
                          </span>
                          {(hasValue || hint || fix !== null) && (
                            <div className={s.details}>
                              {hasValue && (
                                <span className={s.value} id={`${id}-value`}>
                                  {t('results.value', { value: p.value ?? '' })}
                                </span>
                              )}
                              {hint && (
                                <span className={s.hint} id={`${id}-hint`}>
                                  {t('results.hint', { hint })}
                                </span>
                              )}
                              {fix !== null && (
                                <span className={p.fixNeedsChoice ? s.choice : s.fix} id={`${id}-fix`}>
                                  {t(p.fixNeedsChoice ? 'results.fixChoice' : 'results.fix', { value: fix === '' ? t('results.empty') : fix })}
                                </span>
                              )}
                            </div>
                          )}
                        </li>
                      );
                    })}
                  </ul>
                  {left > 0 && (
                    <div className={s.moreRow}>
                      <Button
                        appearance="transparent"
                        size="small"
                        onClick={() => {
                          pendingFocus.current = g.rows[limit].i;
                          setShown((m) => ({ ...m, [g.code]: limit + MORE_SIZE }));
                        }}
                      >
                        {t('results.more', { count: Math.min(left, MORE_SIZE), left })}
                      </Button>
                      {left > MORE_SIZE && (
                        <Button
                          appearance="transparent"
                          size="small"
                          onClick={() => {
                            pendingFocus.current = g.rows[limit].i;
                            setShown((m) => ({ ...m, [g.code]: g.rows.length }));
                          }}
                        >
                          {t('results.showAll', { count: g.rows.length })}
                        </Button>
                      )}
                    </div>
                  )}
                </AccordionPanel>
              </AccordionItem>
            );
          })}
        </Accordion>
      )}
    </section>
  );
}
