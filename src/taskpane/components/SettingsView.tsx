import {
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  makeStyles,
  Select,
  Subtitle2,
  Switch,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useId, useState } from 'react';
import type { Settings } from '../../core/settings';
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

export interface SettingsViewProps {
  settings: Settings;
  busy: boolean;
  listSheets: () => Promise<string[]>;
  readColumn: (sheet: string, column: string) => Promise<string[]>;
  onSave: (s: Settings) => Promise<boolean>;
}

export function SettingsView({ settings, busy, listSheets, readColumn, onSave }: SettingsViewProps) {
  const { t } = useI18n();
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
    if (!yearOk || !dateOk) return;
    await onSave({ ...settings, year: y, township: township.trim(), villages: list, deadline: { month: m, day: d }, maskIds });
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
      <Button appearance="primary" type="submit" disabled={busy || !yearOk || !dateOk}>
        {t('settings.save')}
      </Button>
    </form>
  );
}
