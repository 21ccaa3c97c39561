import { Body1, Button, Caption1, makeStyles, mergeClasses, Subtitle2, tokens } from '@fluentui/react-components';
import { CheckmarkCircle16Filled, DismissCircle16Filled, DocumentArrowUp20Regular, Clock16Regular } from '@fluentui/react-icons';
import { useRef, useState } from 'react';
import type { ImportFile, ImportFileStatus } from '../../excel/host';
import { useI18n } from '../context';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  intro: { color: tokens.colorNeutralForeground2 },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  hidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  file: {
    display: 'grid',
    gridTemplateColumns: '16px 1fr',
    columnGap: tokens.spacingHorizontalXS,
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  name: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  status: { gridColumn: '2', color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  bad: { color: tokens.colorPaletteRedForeground1 },
  wait: { color: tokens.colorNeutralForeground3 },
});

type Entry =
  | { name: string; state: 'reading' }
  | { name: string; state: 'read'; file: ImportFile; bytes: number }
  | { name: string; state: 'skipped'; reason: string }
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
  /** Runs the import; resolves with per-file statuses, or null when cancelled or failed. */
  onImport: (files: ImportFile[]) => Promise<ImportFileStatus[] | null>;
}

/** 导入村级报表: pick several workbooks, see each file's status, then import and merge. */
export function ImportView({ busy, onImport }: ImportViewProps) {
  const { t } = useI18n();
  const s = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [entries, setEntries] = useState<Entry[]>([]);

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
  };

  const ready = entries.filter((e): e is Extract<Entry, { state: 'read' }> => e.state === 'read');

  const run = async () => {
    const statuses = await onImport(ready.map((e) => e.file));
    if (!statuses) return;
    const byName = new Map(statuses.map((st) => [st.name, st]));
    setEntries((es) => es.map((e) => (e.state === 'read' && byName.has(e.name) ? { name: e.name, state: 'done', status: byName.get(e.name)! } : e)));
  };

  const describe = (e: Entry) => {
    switch (e.state) {
      case 'reading':
        return { icon: <Clock16Regular className={s.wait} />, text: t('import.status.reading') };
      case 'read':
        return { icon: <Clock16Regular className={s.wait} />, text: `${t('import.status.read')} · ${t('import.size', { kb: Math.max(1, Math.round(e.bytes / 1024)) })}` };
      case 'skipped':
        return { icon: <DismissCircle16Filled className={s.bad} />, text: e.reason };
      case 'done': {
        const st = e.status;
        if (!st.ok) return { icon: <DismissCircle16Filled className={s.bad} />, text: t('import.status.failed', { message: st.message ?? '' }) };
        const ledgers = st.ledgers.length ? t('import.status.ok', { ledgers: st.ledgers.join('、') }) : t('import.status.noLedger');
        return {
          icon: st.ledgers.length ? <CheckmarkCircle16Filled className={s.ok} /> : <DismissCircle16Filled className={s.bad} />,
          text: `${ledgers} · ${t('import.status.counts', { errors: st.errors, warnings: st.warnings })}`,
        };
      }
    }
  };

  const finished = entries.filter((e) => e.state === 'done');
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
        <ul className={s.list} aria-label={t('import.col.file')}>
          {entries.map((e) => {
            const d = describe(e);
            return (
              <li key={e.name} className={s.file} data-file={e.name} data-state={e.state}>
                {d.icon}
                <span className={s.name}>{e.name}</span>
                <Caption1 className={mergeClasses(s.status)}>{d.text}</Caption1>
              </li>
            );
          })}
        </ul>
      )}
      {ready.length > 0 && (
        <Button appearance="primary" onClick={() => void run()} disabled={busy}>
          {t('import.run', { count: ready.length })}
        </Button>
      )}
      {finished.length > 0 && ready.length === 0 && (
        <Caption1 role="status">
          {t('import.done', {
            ok: finished.filter((e) => e.state === 'done' && e.status.ok).length,
            failed: entries.length - finished.filter((e) => e.state === 'done' && e.status.ok).length,
          })}
        </Caption1>
      )}
    </section>
  );
}
