import { Body1, Button, Caption1, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import { DocumentArrowUp20Regular } from '@fluentui/react-icons';
import { useId, useRef, useState } from 'react';
import type { CompareSummary, ImportFile } from '../../excel/host';
import { useI18n } from '../context';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  intro: { color: tokens.colorNeutralForeground2 },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  hidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  files: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  result: { color: tokens.colorNeutralForeground1 },
});

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => {
      const url = String(r.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });
}

async function pick(list: FileList | null): Promise<ImportFile[]> {
  const out: ImportFile[] = [];
  for (const f of Array.from(list ?? [])) if (/\.xlsx$/i.test(f.name)) out.push({ name: f.name, base64: await readBase64(f) });
  return out;
}

export interface CompareViewProps {
  busy: boolean;
  /** 年度比对: last year's workbooks against the open one. */
  onCompareYears?: (files: ImportFile[]) => Promise<CompareSummary | null>;
  /** 名单比对: a police list and/or a death list against the open workbook. */
  onCompareLists?: (lists: { roster?: ImportFile; deceased?: ImportFile }) => Promise<CompareSummary | null>;
}

/** 年度比对 (pick last year's workbooks) and 名单比对 (pick the police list and/or the death list). */
export function CompareView({ busy, onCompareYears, onCompareLists }: CompareViewProps) {
  const { t } = useI18n();
  const s = useStyles();
  const ids = { years: useId(), roster: useId(), deceased: useId() };
  const yearsInput = useRef<HTMLInputElement>(null);
  const rosterInput = useRef<HTMLInputElement>(null);
  const deceasedInput = useRef<HTMLInputElement>(null);
  const [last, setLast] = useState<ImportFile[]>([]);
  const [roster, setRoster] = useState<ImportFile | undefined>();
  const [deceased, setDeceased] = useState<ImportFile | undefined>();
  const [yearsDone, setYearsDone] = useState<CompareSummary | null>(null);
  const [listsDone, setListsDone] = useState<CompareSummary | null>(null);

  return (
    <div className={s.root}>
      <section className={s.section} aria-labelledby={`${ids.years}-h`}>
        <Subtitle2 as="h2" id={`${ids.years}-h`}>{t('compare.years.title')}</Subtitle2>
        <Body1 className={s.intro}>{t('compare.years.intro')}</Body1>
        <input ref={yearsInput} className={s.hidden} type="file" accept=".xlsx" multiple aria-label={t('compare.years.inputLabel')} data-testid="compare-years-input"
          onChange={(e) => void pick(e.target.files).then((f) => { setLast(f); setYearsDone(null); })} />
        <div className={s.buttons}>
          <Button icon={<DocumentArrowUp20Regular />} onClick={() => yearsInput.current?.click()} disabled={busy}>{t('compare.years.pick')}</Button>
          <Button appearance="primary" disabled={busy || last.length === 0 || !onCompareYears}
            onClick={() => void onCompareYears?.(last).then((r) => setYearsDone(r))}>{t('compare.years.run', { count: last.length })}</Button>
        </div>
        <Caption1 className={s.files}>{last.length ? last.map((f) => f.name).join('、') : t('compare.none')}</Caption1>
        {yearsDone && <Body1 className={s.result} role="status">{t('compare.years.done', { ...yearsDone.figures, sheets: yearsDone.sheets.length })}</Body1>}
      </section>

      <section className={s.section} aria-labelledby={`${ids.roster}-h`}>
        <Subtitle2 as="h2" id={`${ids.roster}-h`}>{t('compare.lists.title')}</Subtitle2>
        <Body1 className={s.intro}>{t('compare.lists.intro')}</Body1>
        <input ref={rosterInput} className={s.hidden} type="file" accept=".xlsx" aria-label={t('compare.lists.rosterLabel')} data-testid="compare-roster-input"
          onChange={(e) => void pick(e.target.files).then((f) => { setRoster(f[0]); setListsDone(null); })} />
        <input ref={deceasedInput} className={s.hidden} type="file" accept=".xlsx" aria-label={t('compare.lists.deceasedLabel')} data-testid="compare-deceased-input"
          onChange={(e) => void pick(e.target.files).then((f) => { setDeceased(f[0]); setListsDone(null); })} />
        <div className={s.buttons}>
          <Button icon={<DocumentArrowUp20Regular />} onClick={() => rosterInput.current?.click()} disabled={busy}>{t('compare.lists.roster')}</Button>
          <Button icon={<DocumentArrowUp20Regular />} onClick={() => deceasedInput.current?.click()} disabled={busy}>{t('compare.lists.deceased')}</Button>
        </div>
        <Caption1 className={s.files}>{[roster?.name, deceased?.name].filter(Boolean).join('、') || t('compare.none')}</Caption1>
        <div className={s.buttons}>
          <Button appearance="primary" disabled={busy || (!roster && !deceased) || !onCompareLists}
            onClick={() => void onCompareLists?.({ roster, deceased }).then((r) => setListsDone(r))}>{t('compare.lists.run')}</Button>
        </div>
        {listsDone && <Body1 className={s.result} role="status">{t('compare.lists.done', { ...listsDone.figures, sheets: listsDone.sheets.length })}</Body1>}
      </section>
    </div>
  );
}
