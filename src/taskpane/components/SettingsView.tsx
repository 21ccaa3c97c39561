import {
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  Link,
  makeStyles,
  Select,
  Subtitle2,
  Switch,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useId, useMemo, useState } from 'react';
import type { Settings } from '../../core/settings';
import { configToTexts, readConfigTexts, type ConfigTexts } from '../../core/config/text';
import type { LedgerConfig } from '../../core/config/types';
import type { Problem } from '../../core/problem';
import { renderMessage } from '../../core/messages/render';
import { useI18n } from '../context';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    // The textarea's intrinsic width (cols=20) must not push the form past a narrow pane.
    '& .fui-Textarea': { maxWidth: '100%', minWidth: 0 },
    '& textarea': { minWidth: 0 },
  },
  intro: { color: tokens.colorNeutralForeground2 },
  // Side by side when there is room, stacked in a narrow (or zoomed) pane: nothing drawn over anything.
  pair: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(8em, 1fr))', gap: tokens.spacingHorizontalS, alignItems: 'start' },
  fromColumn: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(5.5em, 1fr))',
    gap: tokens.spacingHorizontalXS,
    alignItems: 'end',
    '& select': { minWidth: 0 },
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  // A text <input> has an intrinsic width (size=20) that would push the grid cell past the
  // pane's edge at ~350 px: let the inputs shrink to their cell.
  fill: { width: '100%', minWidth: 0, '& input': { minWidth: 0, width: '100%' } },
  issues: { margin: 0, paddingLeft: tokens.spacingHorizontalL, color: tokens.colorPaletteRedForeground1, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  legend: { gridColumn: '1 / -1', fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase300, display: 'block' },
});

/** Common header texts of a village column, not village names. */
const HEADER = /^(村名|村名单|村名称|村|村庄|名称|所在村|行政村|村（社区）|村\(社区\)|社区)$/;

export function parseVillages(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/[\r\n,，、;；\t]+/)) {
    const v = raw.replace(/\u3000/g, ' ').trim();
    if (v && !out.includes(v)) out.push(v);
  }
  return out;
}

function validDate(month: number, day: number): boolean {
  if (!Number.isInteger(month) || !Number.isInteger(day) || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(2001, month, 0)).getUTCDate();
}

/** The township's 词表, 列名 and 规则 kept in the workbook (host.loadConfig / saveConfig). */
export interface ConfigStore {
  /** `texts`: the sheets' rows as read, mistakes included (shown so they are corrected, not dropped). */
  load: () => Promise<{ config: LedgerConfig; issues: Problem[]; texts?: ConfigTexts }>;
  save: (c: Pick<LedgerConfig, 'vocab' | 'aliases' | 'rules'>) => Promise<void>;
}

export interface SettingsViewProps {
  settings: Settings;
  busy: boolean;
  listSheets: () => Promise<string[]>;
  readColumn: (sheet: string, column: string) => Promise<string[]>;
  onSave: (s: Settings) => Promise<boolean>;
  /** Where the vocabulary, column aliases and rule levels are kept (absent: not shown). */
  config?: ConfigStore;
  /** Select a mistake's cell in the workbook (a mistake in a §8 sheet is a link to its cell). */
  onGoTo?: (p: Problem) => void;
}

const NO_TEXTS: ConfigTexts = { 词表: '', 列名: '', 规则: '' };

export function SettingsView({ settings, busy, listSheets, readColumn, onSave, config, onGoTo }: SettingsViewProps) {
  const { t, locale } = useI18n();
  const [texts, setTexts] = useState<ConfigTexts>(NO_TEXTS);
  const [sheetIssues, setSheetIssues] = useState<Problem[]>([]);
  const [configNote, setConfigNote] = useState('');
  useEffect(() => {
    if (!config) return;
    let live = true;
    config.load().then(
      (r) => {
        if (!live) return;
        setTexts(r.texts ?? configToTexts(r.config));
        setSheetIssues(r.issues);
      },
      (e: unknown) => live && setConfigNote(t('settings.config.loadFailed', { message: e instanceof Error ? e.message : String(e) })),
    );
    return () => {
      live = false;
    };
  }, [config, t]);
  // Parsed when the texts change, not on every render (each keystroke in another field).
  const parsed = useMemo(() => readConfigTexts('', texts), [texts]);
  const issuesOf = (sheet: keyof ConfigTexts) =>
    parsed.issues
      .filter((p) => p.sheet === sheet)
      .map((p) => t('settings.config.line', { line: Math.max(1, (p.row ?? 2) - 1), message: renderMessage(p, locale) }))
      .join('\n');
  const configOk = parsed.issues.length === 0;
  const s = useStyles();
  const id = useId();
  const [year, setYear] = useState(String(settings.year));
  const [township, setTownship] = useState(settings.township);
  const [villages, setVillages] = useState(settings.villages.join('\n'));
  const [month, setMonth] = useState(String(settings.deadline.month));
  const [day, setDay] = useState(String(settings.deadline.day));
  const [maskIds, setMaskIds] = useState(settings.maskIds);
  const [sheets, setSheets] = useState<string[]>([]);
  const [sheet, setSheet] = useState('');
  const [column, setColumn] = useState('A');
  const [readNote, setReadNote] = useState('');

  useEffect(() => {
    let live = true;
    listSheets().then(
      (names) => {
        if (!live) return;
        setSheets(names);
        setSheet((cur) => cur || names[0] || '');
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [listSheets]);

  const y = Number(year);
  const yearOk = /^\d{4}$/.test(year.trim()) && y >= 2000 && y <= 2100;
  const m = Number(month);
  const d = Number(day);
  const dateOk = validDate(m, d);
  const list = parseVillages(villages);

  const takeColumn = async () => {
    const values = await readColumn(sheet, column.trim().toUpperCase() || 'A');
    const names = parseVillages(values.join('\n')).filter((v) => !HEADER.test(v));
    setVillages(names.join('\n'));
    setReadNote(t('settings.fromColumn.done', { count: names.length }));
  };

  const save = async () => {
    if (!yearOk || !dateOk || !configOk) return;
    const ok = await onSave({ ...settings, year: y, township: township.trim(), villages: list, deadline: { month: m, day: d }, maskIds });
    if (ok && config) {
      try {
        await config.save(parsed.config);
        setSheetIssues([]);
      } catch (e) {
        setConfigNote(t('settings.config.loadFailed', { message: e instanceof Error ? e.message : String(e) }));
      }
    }
  };

  return (
    <form
      className={s.root}
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Subtitle2 as="h2" id={`${id}-title`}>
        {t('settings.title')}
      </Subtitle2>
      <Body1 className={s.intro}>{t('settings.intro')}</Body1>
      <div className={s.pair}>
        <Field label={t('settings.year')} hint={t('settings.year.hint')} validationMessage={yearOk ? undefined : t('settings.invalidYear')}>
          <Input className={s.fill} type="number" inputMode="numeric" min={2000} max={2100} value={year} onChange={(_, v) => setYear(v.value)} name="year" />
        </Field>
        <Field label={t('settings.township')}>
          <Input className={s.fill} value={township} onChange={(_, v) => setTownship(v.value)} name="township" />
        </Field>
      </div>
      <Field label={t('settings.villages')} hint={`${t('settings.villages.hint')} · ${t('settings.villages.count', { count: list.length })}`}>
        <Textarea value={villages} onChange={(_, v) => setVillages(v.value)} rows={5} resize="vertical" name="villages" />
      </Field>
      <div className={s.fromColumn} role="group" aria-labelledby={`${id}-from`}>
          <span className={s.legend} id={`${id}-from`}>
            {t('settings.fromColumn')}
          </span>
          <Field label={t('settings.fromColumn.sheet')} size="small">
            <Select size="small" value={sheet} onChange={(_, v) => setSheet(v.value)} disabled={sheets.length === 0}>
              {sheets.length === 0 && <option value="">{t('settings.sheetsEmpty')}</option>}
              {sheets.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('settings.fromColumn.column')} size="small">
            <Input className={s.fill} size="small" value={column} onChange={(_, v) => setColumn(v.value)} maxLength={3} />
          </Field>
          <Button size="small" onClick={() => void takeColumn()} disabled={busy || !sheet}>
            {t('settings.fromColumn.run')}
          </Button>
          {readNote && (
            <Caption1 role="status" style={{ gridColumn: '1 / -1' }}>
              {readNote}
            </Caption1>
          )}
      </div>
      <div role="group" aria-labelledby={`${id}-deadline`}>
        <span className={s.legend} id={`${id}-deadline`}>
          {t('settings.deadline')}
        </span>
        <div className={s.pair}>
          <Field label={t('settings.deadline.month')} validationMessage={dateOk ? undefined : t('settings.invalidDate')}>
            <Input className={s.fill} type="number" min={1} max={12} value={month} onChange={(_, v) => setMonth(v.value)} name="deadline-month" />
          </Field>
          <Field label={t('settings.deadline.day')}>
            <Input className={s.fill} type="number" min={1} max={31} value={day} onChange={(_, v) => setDay(v.value)} name="deadline-day" />
          </Field>
        </div>
      </div>
      <Field hint={t('settings.maskIds.hint')}>
        <Switch checked={maskIds} onChange={(_, v) => setMaskIds(v.checked)} label={t('settings.maskIds')} name="maskIds" />
      </Field>
      {config && (
        <div className={s.root} role="group" aria-labelledby={`${id}-config`}>
          <span className={s.legend} id={`${id}-config`}>
            {t('settings.config.title')}
          </span>
          <Caption1 className={s.intro}>{t('settings.config.intro')}</Caption1>
          {sheetIssues.length > 0 && (
            <div role="alert">
              <Caption1 id={`${id}-issues`}>{t('settings.config.sheetIssues', { count: sheetIssues.length })}</Caption1>
              <ul className={s.issues} aria-labelledby={`${id}-issues`} data-testid="config-sheet-issues">
                {sheetIssues.map((p, i) => {
                  const where = `${p.sheet ?? ''}${p.cell ? `!${p.cell}` : ''}`;
                  return (
                    <li key={i}>
                      <Caption1>
                        {onGoTo && p.cell ? (
                          <Link as="button" type="button" onClick={() => onGoTo(p)} data-problem={where}>
                            {where}
                          </Link>
                        ) : (
                          where
                        )}
                        {`${locale === 'zh-CN' ? '：' : ': '}${renderMessage(p, locale)}`}
                      </Caption1>
                    </li>
                  );
                })}
              </ul>
            </div>
          )}
          {configNote && <Caption1 role="status">{configNote}</Caption1>}
          {(
            [
              ['词表', 'settings.vocab', 'settings.vocab.hint', 'vocab'],
              ['列名', 'settings.aliases', 'settings.aliases.hint', 'aliases'],
              ['规则', 'settings.rules', 'settings.rules.hint', 'rules'],
            ] as const
          ).map(([sheet, label, hint, name]) => {
            const bad = issuesOf(sheet);
            return (
              <Field key={sheet} label={t(label)} hint={t(hint)} validationMessage={bad || undefined} validationState={bad ? 'error' : 'none'}>
                <Textarea
                  value={texts[sheet]}
                  onChange={(_, v) => setTexts((cur) => ({ ...cur, [sheet]: v.value }))}
                  rows={3}
                  resize="vertical"
                  name={name}
                />
              </Field>
            );
          })}
          {!configOk && (
            <Caption1 role="status">{t('settings.config.invalid', { count: parsed.issues.length })}</Caption1>
          )}
        </div>
      )}
      <Button appearance="primary" type="submit" disabled={busy || !yearOk || !dateOk || !configOk}>
        {t('settings.save')}
      </Button>
    </form>
  );
}
