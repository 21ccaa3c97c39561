import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { useI18n } from '../context';
import { formatName, type PickedFile } from '../upload';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, margin: 0, padding: 0, listStyleType: 'none' },
  converted: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  refused: { color: tokens.colorPaletteRedForeground1, overflowWrap: 'anywhere' },
});

/** What became of picked files that were not plain .xlsx: converted (values only) or refused (why). */
export function PickedNotes({ files }: { files: readonly PickedFile[] }) {
  const { t, locale } = useI18n();
  const s = useStyles();
  const lines = files.flatMap((f) =>
    !f.ok ? [{ name: f.name, bad: true, text: t('upload.refused', { name: f.name, reason: f.reason }) }] : f.from ? [{ name: f.name, bad: false, text: t('upload.converted', { name: f.name, format: formatName(f.from, locale) }) }] : [],
  );
  if (lines.length === 0) return null;
  return (
    <ul className={s.list}>
      {lines.map((l) => (
        <li key={l.name}>
          <Caption1 className={l.bad ? s.refused : s.converted}>{l.text}</Caption1>
        </li>
      ))}
    </ul>
  );
}
