import { Button, makeStyles, MessageBar, MessageBarBody, Tab, TabList, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { defaultSettings } from '../core/settings';
import type { AppProps } from './bootstrap';
import { useI18n } from './context';
import { Header } from './components/Header';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', minHeight: '100vh' },
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM },
  actions: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingHorizontalS },
  primary: { gridColumn: '1 / span 2' },
});

type TabId = 'check' | 'import' | 'settings';

export function App({ host }: AppProps) {
  const { t } = useI18n();
  const s = useStyles();
  const [tab, setTab] = useState<TabId>('check');
  const [settings] = useState(() => defaultSettings());

  useEffect(() => {
    requestAnimationFrame(() => performance.mark('pane:painted'));
  }, []);

  return (
    <div className={s.root}>
      <Header township={settings.township} year={settings.year} />
      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabId)} aria-label={t('tabs.label')} size="small">
        <Tab value="check">{t('tabs.check')}</Tab>
        <Tab value="import">{t('tabs.import')}</Tab>
        <Tab value="settings">{t('tabs.settings')}</Tab>
      </TabList>
      <main className={s.body}>
        {!host && (
          <MessageBar intent="warning">
            <MessageBarBody>{t('actions.noHost')}</MessageBarBody>
          </MessageBar>
        )}
        <section aria-label={t('actions.group')} className={s.actions}>
          <Button className={s.primary} appearance="primary" disabled={!host}>
            {t('actions.check')}
          </Button>
          <Button disabled={!host}>{t('actions.summarize')}</Button>
          <Button disabled={!host}>{t('actions.fix')}</Button>
          <Button disabled={!host}>{t('actions.clearMarks')}</Button>
          <Button disabled={!host}>{t('actions.insertBlank')}</Button>
        </section>
      </main>
    </div>
  );
}
