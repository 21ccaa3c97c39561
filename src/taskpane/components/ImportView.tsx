import { Body1, Button, Caption1, makeStyles, mergeClasses, Subtitle2, tokens } from '@fluentui/react-components';
import { CheckmarkCircle16Filled, DismissCircle16Filled, DocumentArrowUp20Regular, Clock16Regular } from '@fluentui/react-icons';
import { type ReactNode, useRef, useState } from 'react';
import type { ImportFile, ImportFileStatus } from '../../excel/host';
import { useI18n } from '../context';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  intro: { color: tokens.colorNeutralForeground2 },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  hidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  table: {
    width: '100%',
    tableLayout: 'fixed',
    borderCollapse: 'collapse',
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    '& th': {
      textAlign: 'left',
      fontWeight: tokens.fontWeightSemibold,
      color: tokens.colorNeutralForeground2,
      padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`,
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    },
    '& td': {
      verticalAlign: 'top',
      padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`,
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
      overflowWrap: 'anywhere',
    },
  },
  colFile: { width: '38%' },
  colNum: { width: '3.2em' },
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

type Entry =
  | { name: string; state: 'reading' }
  | { name: string; state: 'read'; file: ImportFile; bytes: number }
  | { name: string; state: 'skipped'; reason: string }
  | { name: string; state: 'checked'; file: ImportFile; status: ImportFileStatus }
  | { name: string; state: 'done'; status: ImportFileStatus };

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

export interface ImportViewProps {
  busy: boolean;
  /** Reads and checks the files together without changing the workbook (per-file statuses), or
   *  null when cancelled or failed. Absent: the files are imported in one step. */
  onPreview?: (files: ImportFile[]) => Promise<ImportFileStatus[] | null>;
  /** Runs the import; resolves with per-file statuses, or null when cancelled or failed. */
  onImport: (files: ImportFile[]) => Promise<ImportFileStatus[] | null>;
}

type Ready = Extract<Entry, { state: 'read' }>;
type Checked = Extract<Entry, { state: 'checked' }>;

/**
 * 导入村级报表: pick several workbooks; they are read and checked together (nothing written yet)
 * and each file's status is listed — ledgers recognised, errors, warnings, or why it cannot be
 * read; then 合并 imports and merges the files that can be.
 */
export function ImportView({ busy, onPreview, onImport }: ImportViewProps) {
  const { t } = useI18n();
  const s = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [entries, setEntries] = useState<Entry[]>([]);

  const preview = async (ready: Ready[]) => {
    if (!onPreview || ready.length === 0) return;
    const statuses = await onPreview(ready.map((e) => e.file));
    if (!statuses) return;
    const byName = new Map(statuses.map((st) => [st.name, st]));
    setEntries((es) => es.map((e): Entry => (e.state === 'read' && byName.has(e.name) ? { name: e.name, state: 'checked', file: e.file, status: byName.get(e.name)! } : e)));
  };

  const pick = async (list: FileList | null) => {
    const files = Array.from(list ?? []);
    if (files.length === 0) return;
    const initial: Entry[] = files.map((f) =>
      /\.xlsx$/i.test(f.name) ? { name: f.name, state: 'reading' } : { name: f.name, state: 'skipped', reason: t('import.status.notXlsx') },
    );
    setEntries(initial);
    const done = await Promise.all(
      files.map(async (f, i): Promise<Entry> => {
        const e = initial[i];
        if (e.state !== 'reading') return e;
        try {
          return { name: f.name, state: 'read', file: { name: f.name, base64: await readBase64(f) }, bytes: f.size };
        } catch (err) {
          return { name: f.name, state: 'skipped', reason: t('import.status.readFailed', { message: err instanceof Error ? err.message : String(err) }) };
        }
      }),
    );
    setEntries(done);
    if (input.current) input.current.value = '';
    await preview(done.filter((e): e is Ready => e.state === 'read'));
  };

  const ready = entries.filter((e): e is Ready => e.state === 'read');
  const checked = entries.filter((e): e is Checked => e.state === 'checked');
  const mergeable = checked.filter((e) => e.status.ok);

  const merge = async (list: Array<Ready | Checked>) => {
    const statuses = await onImport(list.map((e) => e.file));
    if (!statuses) return;
    const byName = new Map(statuses.map((st) => [st.name, st]));
    setEntries((es) =>
      es.map((e): Entry => {
        if ((e.state === 'read' || e.state === 'checked') && byName.has(e.name)) return { name: e.name, state: 'done', status: byName.get(e.name)! };
        // A file the preview could not read was not sent: it ends as not imported.
        if (e.state === 'checked' && !e.status.ok) return { name: e.name, state: 'done', status: e.status };
        return e;
      }),
    );
  };

  const finished = entries.filter((e): e is Extract<Entry, { state: 'done' }> => e.state === 'done');
  const okDone = finished.filter((e) => e.status.ok).length;

  const row = (e: Entry) => {
    let icon = <Clock16Regular className={mergeClasses(s.icon, s.wait)} />;
    let sub = '';
    let rest: ReactNode;
    const counts = (st: ImportFileStatus) => (
      <>
        <td>{st.ledgers.length ? st.ledgers.join('、') : <span className={s.bad}>{t('import.status.noLedger')}</span>}</td>
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
              {e.name}
              {sub && <span className={s.sub}>{sub}</span>}
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
      <input
        ref={input}
        className={s.hidden}
        type="file"
        multiple
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        aria-label={t('import.inputLabel')}
        tabIndex={-1}
        data-testid="import-input"
        onChange={(ev) => void pick(ev.currentTarget.files)}
      />
      <div className={s.buttons}>
        <Button icon={<DocumentArrowUp20Regular />} onClick={() => input.current?.click()} disabled={busy}>
          {t('import.pick')}
        </Button>
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
            <col className={s.colNum} />
            <col className={s.colNum} />
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
          <Caption1 role="status">{mergeable.length ? t('import.preview.intro', { count: checked.length }) : t('import.preview.none')}</Caption1>
          {mergeable.length > 0 && (
            <Button appearance="primary" onClick={() => void merge(mergeable)} disabled={busy}>
              {t('import.merge', { count: mergeable.length })}
            </Button>
          )}
        </>
      )}
      {finished.length > 0 && ready.length === 0 && checked.length === 0 && (
        <Caption1 role="status">{t('import.done', { ok: okDone, failed: entries.length - okDone })}</Caption1>
      )}
    </section>
  );
}
