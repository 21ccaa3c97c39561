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
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import { ErrorCircle16Filled, Info16Filled, Warning16Filled } from '@fluentui/react-icons';
import { useMemo, useState } from 'react';
import type { CheckResult } from '../../core/check-api';
import type { Problem, Severity } from '../../core/problem';
import { useI18n } from '../context';
import { fixText, groupTitle, renderHint, renderMessage } from '../problemText';

export const PAGE_SIZE = 10;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  totals: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
  summary: { color: tokens.colorNeutralForeground3 },
  filters: { display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: tokens.spacingHorizontalXS },
  groupHeader: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, minWidth: 0, textAlign: 'left' },
  groupTitle: { flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere' },
  badge: { whiteSpace: 'nowrap', flexShrink: 0 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    width: '100%',
    textAlign: 'left',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: `${tokens.strokeWidthThin} solid transparent`,
    borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  itemError: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  itemWarning: { borderLeftColor: tokens.colorPaletteMarigoldBorder2 },
  where: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  value: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  fix: { color: tokens.colorPaletteGreenForeground1, fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  message: { overflowWrap: 'anywhere' },
  hint: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  error: { color: tokens.colorPaletteRedForeground1, flexShrink: 0 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1, flexShrink: 0 },
  info: { color: tokens.colorBrandForeground1, flexShrink: 0 },
});

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export interface Row {
  p: Problem;
  village: string;
  /** Position in result.problems (a stable key). */
  i: number;
}

const VILLAGE_FIELDS = ['所在村', '所在村/单位', '地方单位'];

/** The village of each problem: the 所在村 of its row when there is one, else the file's name. */
export function problemRows(result: CheckResult): Row[] {
  const byRow = new Map<string, string>();
  for (const t of result.tables) {
    for (const rec of t.records) {
      for (const f of VILLAGE_FIELDS) {
        const v = rec.v[f];
        if (typeof v === 'string' && v.trim()) {
          byRow.set(`${t.file}\u0000${t.sheet}\u0000${rec.row}`, v.trim());
          break;
        }
      }
    }
  }
  return result.problems.map((p, i) => {
    const v = p.sheet !== undefined && p.row !== undefined ? byRow.get(`${p.file ?? ''}\u0000${p.sheet}\u0000${p.row}`) : undefined;
    return { p, i, village: v ?? (p.file ? p.file.replace(/\.(xlsx|xlsm|xls|csv)$/i, '') : '') };
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
    if (r.p.fix !== undefined) g.fixable++;
    if (SEVERITY_ORDER[r.p.severity] < SEVERITY_ORDER[g.severity]) g.severity = r.p.severity;
  }
  return [...m.values()].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.rows.length - a.rows.length || a.code.localeCompare(b.code),
  );
}

function SeverityIcon({ severity }: { severity: Severity }) {
  const s = useStyles();
  const { t } = useI18n();
  const label = t(`severity.${severity}`);
  if (severity === 'error') return <ErrorCircle16Filled className={s.error} aria-label={label} />;
  if (severity === 'warning') return <Warning16Filled className={s.warning} aria-label={label} />;
  return <Info16Filled className={s.info} aria-label={label} />;
}

const ALL = '';

export function Results({ result, onGoTo }: { result: CheckResult; onGoTo: (p: Problem) => void }) {
  const { t, locale } = useI18n();
  const s = useStyles();
  const rows = useMemo(() => problemRows(result), [result]);
  const [village, setVillage] = useState(ALL);
  const [sheet, setSheet] = useState(ALL);
  const [severity, setSeverity] = useState(ALL);
  const [shown, setShown] = useState<Record<string, number>>({});

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

  const ledgers = result.sheets.filter((x) => x.ledger !== null);
  const dataRows = ledgers.reduce((n, x) => n + x.dataRows, 0);
  const count = (sev: Severity) => result.problems.filter((p) => p.severity === sev).length;
  const errors = count('error');
  const warnings = count('warning');
  const infos = count('info');
  const omitted = result.sheets.reduce((n, x) => n + x.omitted, 0);

  if (ledgers.length === 0) {
    return (
      <MessageBar intent="warning" aria-live="polite">
        <MessageBarBody>{t('results.noLedger')}</MessageBarBody>
      </MessageBar>
    );
  }
  if (result.problems.length === 0 && omitted === 0) {
    return (
      <MessageBar intent="success" aria-live="polite">
        <MessageBarBody>{t('results.clean', { sheets: ledgers.length, rows: dataRows })}</MessageBarBody>
      </MessageBar>
    );
  }

  const where = (p: Problem) => {
    if (!p.sheet) return t('results.fileLevel', { file: p.file ?? '' });
    if (p.cell) return t('results.location', { sheet: p.sheet, cell: p.cell });
    if (p.row !== undefined) return t('results.row', { sheet: p.sheet, row: p.row });
    return t('results.header', { sheet: p.sheet });
  };

  return (
    <section className={s.root} aria-labelledby="results-title">
      <Subtitle2 as="h2" id="results-title">
        {t('results.title')}
      </Subtitle2>
      <Caption1 className={s.summary}>{t('results.summary', { sheets: ledgers.length, rows: dataRows })}</Caption1>
      <div className={s.totals} aria-live="polite">
        <Badge appearance="tint" color="danger" icon={<ErrorCircle16Filled />}>
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
        <MessageBar intent="info">
          <MessageBarBody>{t('results.omitted', { count: omitted })}</MessageBarBody>
        </MessageBar>
      )}
      <div className={s.filters} role="group" aria-label={t('results.filters')}>
        <Field label={t('results.filter.village')} size="small">
          <Select size="small" value={village} onChange={(_, d) => setVillage(d.value)}>
            <option value={ALL}>{t('results.filter.all')}</option>
            {villages.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('results.filter.sheet')} size="small">
          <Select size="small" value={sheet} onChange={(_, d) => setSheet(d.value)}>
            <option value={ALL}>{t('results.filter.all')}</option>
            {sheets.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('results.filter.severity')} size="small">
          <Select size="small" value={severity} onChange={(_, d) => setSeverity(d.value)}>
            <option value={ALL}>{t('results.filter.all')}</option>
            <option value="error">{t('severity.error')}</option>
            <option value="warning">{t('severity.warning')}</option>
            {infos > 0 && <option value="info">{t('severity.info')}</option>}
          </Select>
        </Field>
      </div>
      {groups.length === 0 ? (
        <Body1>{t('results.filteredEmpty')}</Body1>
      ) : (
        <Accordion multiple collapsible defaultOpenItems={[groups[0].code]}>
          {groups.map((g) => {
            const limit = shown[g.code] ?? PAGE_SIZE;
            const title = groupTitle(g.code, g.rows.map((r) => r.p), locale);
            return (
              <AccordionItem key={g.code} value={g.code}>
                <AccordionHeader size="small" expandIconPosition="end">
                  <span className={s.groupHeader} data-rule={g.code}>
                    <SeverityIcon severity={g.severity} />
                    <span className={s.groupTitle}>{title}</span>
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
                  <ul className={s.list} aria-label={t('results.group', { title, count: g.rows.length })}>
                    {g.rows.slice(0, limit).map(({ p, i }) => {
                      const fix = fixText(p);
                      const message = renderMessage(p, locale);
                      const hint = renderHint(p, locale);
                      return (
                        <li key={i}>
                          <button
                            type="button"
                            className={mergeClasses(s.item, p.severity === 'error' && s.itemError, p.severity === 'warning' && s.itemWarning)}
                            onClick={() => onGoTo(p)}
                            aria-label={`${p.sheet && p.cell ? t('results.goto', { sheet: p.sheet, cell: p.cell }) : where(p)}, ${message}`}
                            data-problem={p.cell ? `${p.sheet}!${p.cell}` : undefined}
                          >
                            <span className={s.where}>
                              {where(p)}
                              {p.column ? ` · ${p.column}` : ''}
                            </span>
                            {message !== title && <span className={s.message}>{message}</span>}
                            {p.value !== undefined && p.value !== '' && (
                              <span className={s.value}>{t('results.value', { value: p.value })}</span>
                            )}
                            {hint && <span className={s.hint}>{t('results.hint', { hint })}</span>}
                            {fix !== null && <span className={s.fix}>{t('results.fix', { value: fix === '' ? t('results.empty') : fix })}</span>}
                          </button>
                        </li>
                      );
                    })}
                  </ul>
                  {g.rows.length > limit && (
                    <Button
                      appearance="transparent"
                      size="small"
                      onClick={() => setShown((m) => ({ ...m, [g.code]: limit + PAGE_SIZE }))}
                    >
                      {t('results.more', { count: g.rows.length - limit })}
                    </Button>
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
