import { Body1, Button, Caption1, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { CompareSummary, ImportFile } from '../../excel/host';
import { useI18n } from '../context';
import type { PickedFile } from '../upload';
import { FilePicker } from './FilePicker';
import { PickedNotes } from './PickedNotes';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  intro: { color: tokens.colorNeutralForeground2 },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  files: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  result: { color: tokens.colorNeutralForeground1 },
  run: { maxWidth: '100%', minWidth: 0, whiteSpace: 'normal', height: 'auto', minHeight: '32px' },
});

export interface CompareViewProps {
  busy: boolean;
  /** 年度比对: last year's workbooks against the open one. */
  onCompareYears?: (files: ImportFile[]) => Promise<CompareSummary | null>;
  /** 名单比对: a police list and/or a death list against the open workbook. */
  onCompareLists?: (lists: { roster?: ImportFile; deceased?: ImportFile }) => Promise<CompareSummary | null>;
}

const usable = (p: PickedFile | undefined): ImportFile | undefined => (p?.ok ? p.file : undefined);

/** 年度比对 (pick last year's workbooks) and 名单比对 (pick the police list and/or the death list). */
export function CompareView({ busy, onCompareYears, onCompareLists }: CompareViewProps) {
  const { t } = useI18n();
  const s = useStyles();
  const ids = { years: useId(), roster: useId() };
  const [last, setLast] = useState<PickedFile[]>([]);
  const [roster, setRoster] = useState<PickedFile | undefined>();
  const [deceased, setDeceased] = useState<PickedFile | undefined>();
  const [yearsDone, setYearsDone] = useState<CompareSummary | null>(null);
  const [listsDone, setListsDone] = useState<CompareSummary | null>(null);
  const lastFiles = last.flatMap((p) => (p.ok ? [p.file] : []));
  const lists = { roster: usable(roster), deceased: usable(deceased) };

  return (
    <div className={s.root}>
      <section className={s.section} aria-labelledby={`${ids.years}-h`}>
        <Subtitle2 as="h2" id={`${ids.years}-h`}>{t('compare.years.title')}</Subtitle2>
        <Body1 className={s.intro}>{t('compare.years.intro')}</Body1>
        <div className={s.buttons}>
          <FilePicker label={t('compare.years.pick')} inputLabel={t('compare.years.inputLabel')} multiple disabled={busy} testId="compare-years-input"
            onPicked={(f) => { setLast(f); setYearsDone(null); }} />
          <Button className={s.run} appearance="primary" disabled={busy || lastFiles.length === 0 || !onCompareYears}
            onClick={() => void onCompareYears?.(lastFiles).then((r) => setYearsDone(r))}>{t('compare.years.run', { count: lastFiles.length })}</Button>
        </div>
        <Caption1 className={s.files}>{last.length ? last.map((f) => f.name).join('、') : t('compare.none')}</Caption1>
        <PickedNotes files={last} />
        {yearsDone && <Body1 className={s.result} role="status">{t('compare.years.done', { ...yearsDone.figures, sheets: yearsDone.sheets.length })}</Body1>}
      </section>

      <section className={s.section} aria-labelledby={`${ids.roster}-h`}>
        <Subtitle2 as="h2" id={`${ids.roster}-h`}>{t('compare.lists.title')}</Subtitle2>
        <Body1 className={s.intro}>{t('compare.lists.intro')}</Body1>
        <div className={s.buttons}>
          <FilePicker label={t('compare.lists.roster')} inputLabel={t('compare.lists.rosterLabel')} disabled={busy} testId="compare-roster-input"
            onPicked={(f) => { setRoster(f[0]); setListsDone(null); }} />
          <FilePicker label={t('compare.lists.deceased')} inputLabel={t('compare.lists.deceasedLabel')} disabled={busy} testId="compare-deceased-input"
            onPicked={(f) => { setDeceased(f[0]); setListsDone(null); }} />
        </div>
        <Caption1 className={s.files}>{[roster?.name, deceased?.name].filter(Boolean).join('、') || t('compare.none')}</Caption1>
        <PickedNotes files={[roster, deceased].filter((p): p is PickedFile => Boolean(p))} />
        <div className={s.buttons}>
          <Button className={s.run} appearance="primary" disabled={busy || (!lists.roster && !lists.deceased) || !onCompareLists}
            onClick={() => void onCompareLists?.(lists).then((r) => setListsDone(r))}>{t('compare.lists.run')}</Button>
        </div>
        {listsDone && <Body1 className={s.result} role="status">{t('compare.lists.done', { ...listsDone.figures, sheets: listsDone.sheets.length })}</Body1>}
      </section>
    </div>
  );
}
