import { Body1, Button, Caption1, Checkbox, Link, makeStyles, mergeClasses, Subtitle2, tokens } from '@fluentui/react-components';
import { CheckmarkCircle16Filled, DismissCircle16Filled, Clock16Regular } from '@fluentui/react-icons';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { ImportFile, ImportFileStatus } from '../../excel/host';
import { useI18n } from '../context';
import { textLang } from './OtherLang';
import { FilePicker } from './FilePicker';
import { formatName, type PickedFile } from '../upload';
import type { InputFormat } from '../../formats/sniff';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  intro: { color: tokens.colorNeutralForeground2 },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  // Auto layout: the number columns take what their header needs (“Warnings”), the file and
  // ledger columns wrap; nothing is wider than the pane.
  table: {
    width: '100%',
    tableLayout: 'auto',
    borderCollapse: 'collapse',
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    '& th': {
      textAlign: 'left',
      fontWeight: tokens.fontWeightSemibold,
      color: tokens.colorNeutralForeground2,
      padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`,
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
      overflowWrap: 'anywhere',
    },
    '& td': {
      verticalAlign: 'top',
      padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`,
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
      overflowWrap: 'anywhere',
    },
  },
  colFile: { width: '40%' },
  include: { marginTop: '-6px', marginLeft: '-6px' },
  links: { display: 'flex', flexWrap: 'wrap', gap: `0 ${tokens.spacingHorizontalS}`, alignItems: 'baseline' },
  done: { ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` } },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  file: { display: 'flex', gap: tokens.spacingHorizontalXS, alignItems: 'flex-start' },
  icon: { flexShrink: 0, marginTop: '1px' },
  name: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere', minWidth: 0 },
  sub: { display: 'block', color: tokens.colorNeutralForeground3 },
  errors: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  message: { color: tokens.colorNeutralForeground2 },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  bad: { color: tokens.colorPaletteRedForeground1 },
  wait: { color: tokens.colorNeutralForeground3 },
});

/** A picked file as it goes: read, checked, merged. `from`: converted to .xlsx in the browser from
 *  this format (said on its row, in the pane's language of the moment). */
type Entry = { name: string; from?: InputFormat } & (
  | { state: 'reading' }
  | { state: 'read'; file: ImportFile; bytes: number }
  | { state: 'skipped'; reason: string }
  | { state: 'checked'; file: ImportFile; status: ImportFileStatus }
  | { state: 'done'; status: ImportFileStatus }
);

export interface ImportViewProps {
  busy: boolean;
  /** Reads and checks the files together without changing the workbook (per-file statuses), or
   *  null when cancelled or failed. Absent: the files are imported in one step. */
  onPreview?: (files: ImportFile[]) => Promise<ImportFileStatus[] | null>;
  /** Runs the import; resolves with per-file statuses, or null when cancelled or failed. */
  onImport: (files: ImportFile[]) => Promise<ImportFileStatus[] | null>;
  /** Opens a sheet of the workbook (the 合并_ sheets and 校验结果 after a merge). */
  onOpenSheet?: (sheet: string) => void;
}

type Ready = Extract<Entry, { state: 'read' }>;
type Checked = Extract<Entry, { state: 'checked' }>;

/**
 * 导入村级报表: pick several workbooks; they are read and checked together (nothing written yet)
 * and each file's status is listed — ledgers recognised, errors, warnings, or why it cannot be
 * read; then 合并 imports and merges the files that can be.
 */
export function ImportView({ busy, onPreview, onImport, onOpenSheet }: ImportViewProps) {
  const { t, locale } = useI18n();
  const s = useStyles();
  const [entries, setEntries] = useState<Entry[]>([]);
  /** Files the clerk left out of the merge (by name). */
  const [excluded, setExcluded] = useState<ReadonlySet<string>>(new Set());
  const doneRef = useRef<HTMLDivElement>(null);
  const focusDone = useRef(false);

  const preview = async (ready: Ready[]) => {
    if (!onPreview || ready.length === 0) return;
    const statuses = await onPreview(ready.map((e) => e.file));
    if (!statuses) return;
    const byName = new Map(statuses.map((st) => [st.name, st]));
    setEntries((es) => es.map((e): Entry => (e.state === 'read' && byName.has(e.name) ? { name: e.name, from: e.from, state: 'checked', file: e.file, status: byName.get(e.name)! } : e)));
  };

  /** Files chosen: listed at once as being read. */
  const chosen = (files: File[]) => {
    setEntries(files.map((f) => ({ name: f.name, state: 'reading' })));
    setExcluded(new Set());
  };
  /** Read, detected by their bytes and converted where needed (FilePicker, upload.ts): checked together. */
  const picked = async (files: PickedFile[]) => {
    const done = files.map((f): Entry => (f.ok ? { name: f.name, from: f.from, state: 'read', file: f.file, bytes: f.bytes } : { name: f.name, state: 'skipped', reason: f.reason }));
    setEntries(done);
    await preview(done.filter((e): e is Ready => e.state === 'read'));
  };

  const ready = entries.filter((e): e is Ready => e.state === 'read');
  const checked = entries.filter((e): e is Checked => e.state === 'checked');
  const mergeable = checked.filter((e) => e.status.ok && !excluded.has(e.name));

  const merge = async (list: Array<Ready | Checked>) => {
    const statuses = await onImport(list.map((e) => e.file));
    if (!statuses) return;
    focusDone.current = true;
    const byName = new Map(statuses.map((st) => [st.name, st]));
    setEntries((es) =>
      es.map((e): Entry => {
        if ((e.state === 'read' || e.state === 'checked') && byName.has(e.name)) return { name: e.name, from: e.from, state: 'done', status: byName.get(e.name)! };
        // A file the preview could not read was not sent: it ends as not imported.
        if (e.state === 'checked' && !e.status.ok) return { name: e.name, from: e.from, state: 'done', status: e.status };
        // A file left out by the clerk: not imported, and the list says so.
        if (e.state === 'checked') return { name: e.name, from: e.from, state: 'done', status: { ...e.status, ok: false, message: t('import.status.excluded') } };
        return e;
      }),
    );
  };

  const finished = entries.filter((e): e is Extract<Entry, { state: 'done' }> => e.state === 'done');
  const okDone = finished.filter((e) => e.status.ok).length;
  const mergedSheets = [...new Set(finished.filter((e) => e.status.ok).flatMap((e) => e.status.ledgers))].map((l) => `合并_${l}`);
  const allDone = finished.length > 0 && ready.length === 0 && checked.length === 0;
  // After a merge, focus goes to its result (the 合并 button is gone).
  useEffect(() => {
    if (allDone && focusDone.current) {
      focusDone.current = false;
      doneRef.current?.focus();
    }
  });

  const row = (e: Entry) => {
    let icon = <Clock16Regular className={mergeClasses(s.icon, s.wait)} />;
    let sub = '';
    let rest: ReactNode;
    const counts = (st: ImportFileStatus) => (
      <>
        <td lang={textLang(st.ledgers.join(''), locale)}>{st.ledgers.length ? st.ledgers.join('、') : <span className={s.bad}>{t('import.status.noLedger')}</span>}</td>
        <td className={mergeClasses(s.num, st.errors > 0 && s.errors)}>{st.errors}</td>
        <td className={s.num}>{st.warnings}</td>
      </>
    );
    const note = (text: string) => (
      <td colSpan={3} className={s.message}>
        {text}
      </td>
    );
    switch (e.state) {
      case 'reading':
        rest = note(t('import.status.reading'));
        break;
      case 'read':
        rest = note(`${onPreview ? t('import.status.waiting') : t('import.status.read')} · ${t('import.size', { kb: Math.max(1, Math.round(e.bytes / 1024)) })}`);
        break;
      case 'skipped':
        icon = <DismissCircle16Filled className={mergeClasses(s.icon, s.bad)} />;
        rest = note(e.reason);
        break;
      case 'checked':
      case 'done': {
        const st = e.status;
        if (!st.ok) {
          icon = <DismissCircle16Filled className={mergeClasses(s.icon, s.bad)} />;
          // The host's message is a whole sentence (无法读取：… / 工作簿结构受保护…).
          rest = note(e.state === 'done' ? t('import.status.failed', { message: st.message ?? '' }) : (st.message ?? ''));
        } else {
          icon = st.ledgers.length ? <CheckmarkCircle16Filled className={mergeClasses(s.icon, s.ok)} /> : <DismissCircle16Filled className={mergeClasses(s.icon, s.bad)} />;
          sub = e.state === 'done' ? t('import.status.merged') : t('import.status.checked');
          rest = counts(st);
        }
        break;
      }
    }
    return (
      <tr key={e.name} data-file={e.name} data-state={e.state}>
        <td>
          <span className={s.file}>
            {icon}
            <span className={s.name}>
              <span lang={textLang(e.name, locale)}>{e.name}</span>
              {sub && <span className={s.sub}>{sub}</span>}
              {e.from && e.state !== 'skipped' && <span className={s.sub}>{t('import.status.converted', { format: formatName(e.from, locale) })}</span>}
              {e.state === 'checked' && e.status.ok && (
                <Checkbox
                  className={s.include}
                  size="medium"
                  label={t('import.include')}
                  checked={!excluded.has(e.name)}
                  disabled={busy}
                  onChange={(_, d) =>
                    setExcluded((x) => {
                      const n = new Set(x);
                      if (d.checked) n.delete(e.name);
                      else n.add(e.name);
                      return n;
                    })
                  }
                />
              )}
            </span>
          </span>
        </td>
        {rest}
      </tr>
    );
  };

  return (
    <section className={s.root} aria-labelledby="import-title">
      <Subtitle2 as="h2" id="import-title">
        {t('import.title')}
      </Subtitle2>
      <Body1 className={s.intro}>{t('import.intro')}</Body1>
      <div className={s.buttons}>
        <FilePicker label={t('import.pick')} inputLabel={t('import.inputLabel')} multiple disabled={busy} testId="import-input" onChosen={chosen} onPicked={(f) => void picked(f)} />
        {entries.length > 0 && (
          <Button appearance="subtle" onClick={() => setEntries([])} disabled={busy}>
            {t('import.clear')}
          </Button>
        )}
      </div>
      {entries.length === 0 ? (
        <Caption1>{t('import.empty')}</Caption1>
      ) : (
        <table className={s.table} aria-label={t('import.preview.aria')} data-testid="import-table">
          <colgroup>
            <col className={s.colFile} />
            <col />
            <col />
            <col />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">{t('import.col.file')}</th>
              <th scope="col">{t('import.col.ledgers')}</th>
              <th scope="col" className={s.num}>
                {t('import.col.errors')}
              </th>
              <th scope="col" className={s.num}>
                {t('import.col.warnings')}
              </th>
            </tr>
          </thead>
          <tbody>{entries.map(row)}</tbody>
        </table>
      )}
      {ready.length > 0 &&
        (onPreview ? (
          <Button onClick={() => void preview(ready)} disabled={busy}>
            {t('import.check', { count: ready.length })}
          </Button>
        ) : (
          <Button appearance="primary" onClick={() => void merge(ready)} disabled={busy}>
            {t('import.run', { count: ready.length })}
          </Button>
        ))}
      {checked.length > 0 && (
        <>
          <Caption1>{mergeable.length ? t('import.preview.intro', { count: checked.length }) : t('import.preview.none')}</Caption1>
          {mergeable.length > 0 && (
            <Button appearance="primary" onClick={() => void merge(mergeable)} disabled={busy}>
              {t('import.merge', { count: mergeable.length })}
            </Button>
          )}
        </>
      )}
      {allDone && (
        <div ref={doneRef} tabIndex={-1} className={s.done} data-testid="import-done" aria-labelledby="import-done-text">
          <Caption1 id="import-done-text">{t('import.done', { ok: okDone, failed: entries.length - okDone })}</Caption1>
          {onOpenSheet && okDone > 0 && (
            <div className={s.links}>
              <Caption1>{t('import.open')}</Caption1>
              {[...mergedSheets, '校验结果'].map((name) => (
                <Link key={name} as="button" onClick={() => onOpenSheet(name)} data-sheet={name} lang={textLang(name, locale)}>
                  {name}
                </Link>
              ))}
            </div>
          )}
        </div>
      )}
    </section>
  );
}
