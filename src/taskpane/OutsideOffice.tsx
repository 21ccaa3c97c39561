import { Body1, Caption1, makeStyles, Subtitle1, tokens } from '@fluentui/react-components';
import { useI18n } from './context';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    textAlign: 'center',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalXXXL} ${tokens.spacingHorizontalXL}`,
  },
  logo: { width: '64px', height: '64px' },
});

/** Shown when the page is opened outside Office (a plain browser) or office.js did not load. */
export function OutsideOffice({ loadFailed }: { loadFailed: boolean }) {
  const { t } = useI18n();
  const s = useStyles();
  return (
    <main className={s.root} aria-labelledby="outside-title">
      <img className={s.logo} src="assets/icon-64.png" alt="" />
      <Subtitle1 as="h1" id="outside-title">
        {t('outside.title')}
      </Subtitle1>
      <Body1>{loadFailed ? t('outside.loadFailed') : t('outside.body')}</Body1>
      <Caption1>{t('outside.help')}</Caption1>
    </main>
  );
}
