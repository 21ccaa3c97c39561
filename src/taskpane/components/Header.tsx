import { Caption1, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import { useI18n } from '../context';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  logo: { width: '32px', height: '32px', flexShrink: 0 },
  text: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  // Wraps rather than being cut with an ellipsis in a narrow or zoomed pane.
  sub: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
});

export function Header({ township, year }: { township: string; year: number }) {
  const { t } = useI18n();
  const s = useStyles();
  return (
    <header className={s.root}>
      <img className={s.logo} src="assets/icon-32.png" alt="" />
      <div className={s.text}>
        <Subtitle2 as="h1">{t('app.title')}</Subtitle2>
        <Caption1 className={s.sub}>{t('app.subtitle', { township: township || t('app.noTownship'), year })}</Caption1>
      </div>
    </header>
  );
}
