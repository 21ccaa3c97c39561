import { Button, Caption1, Field, makeStyles, ProgressBar, tokens } from '@fluentui/react-components';
import type { Busy } from '../useOperation';
import { useI18n } from '../context';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  label: { flexGrow: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
});

/** The bar with the current sheet and a 取消 button, shown while a long operation runs. */
export function ProgressPanel({ busy, onCancel }: { busy: Busy; onCancel: () => void }) {
  const { t } = useI18n();
  const s = useStyles();
  const p = busy.progress;
  const value = p && p.total > 0 ? Math.min(1, p.done / p.total) : undefined;
  const label = busy.cancelling ? t('progress.cancelling') : p ? t('progress.label', { label: p.label }) : t('progress.starting');
  return (
    <div className={s.root} data-testid="progress">
      <Field validationMessage={label} validationState="none" label={t('progress.aria')} size="small">
        <ProgressBar value={value} thickness="large" aria-valuetext={p ? t('progress.count', { done: p.done, total: p.total }) : label} />
      </Field>
      <div className={s.row}>
        <Caption1 className={s.label}>{p ? t('progress.count', { done: p.done, total: p.total }) : ''}</Caption1>
        <Button size="small" onClick={onCancel} disabled={busy.cancelling}>
          {t('progress.cancel')}
        </Button>
      </div>
    </div>
  );
}
