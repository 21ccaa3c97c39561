import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Problem } from '../../core/problem';
import { useI18n } from '../context';
import { groupTitle } from '../problemText';
import { OtherLang } from './OtherLang';

const useStyles = makeStyles({
  surface: { maxWidth: 'calc(100vw - 16px)', boxSizing: 'border-box', padding: tokens.spacingHorizontalM },
  list: { margin: `${tokens.spacingVerticalXS} 0`, paddingLeft: tokens.spacingHorizontalL, overflowWrap: 'anywhere' },
  note: { margin: `${tokens.spacingVerticalXS} 0`, overflowWrap: 'anywhere' },
  actions: { flexWrap: 'wrap' },
});

/** What 一键修正 will change, by kind: the fixes to apply and those left for a person to choose. */
export function fixPlan(problems: readonly Problem[]): { apply: Problem[]; choice: Problem[]; kinds: Array<{ code: string; problems: Problem[] }> } {
  const apply = problems.filter((p) => p.fix !== undefined && !p.fixNeedsChoice);
  const choice = problems.filter((p) => p.fix !== undefined && p.fixNeedsChoice);
  const by = new Map<string, Problem[]>();
  for (const p of apply) by.set(p.code, [...(by.get(p.code) ?? []), p]);
  const kinds = [...by.entries()].map(([code, ps]) => ({ code, problems: ps })).sort((a, b) => b.problems.length - a.problems.length);
  return { apply, choice, kinds };
}

/** The confirmation of 一键修正: counts by kind; 修正 N 处 has the focus, 取消 or Escape closes. */
export function FixConfirm({ problems, onConfirm, onCancel }: { problems: readonly Problem[]; onConfirm: () => void; onCancel: () => void }) {
  const { t, locale } = useI18n();
  const s = useStyles();
  const plan = fixPlan(problems);
  return (
    <Dialog open modalType="modal" onOpenChange={(_, d) => !d.open && onCancel()}>
      <DialogSurface className={s.surface} aria-describedby="fix-confirm-intro">
        <DialogBody>
          <DialogTitle>{t('fix.confirm.title')}</DialogTitle>
          <DialogContent>
            <p className={s.note} id="fix-confirm-intro">
              {t('fix.confirm.intro', { count: plan.apply.length })}
            </p>
            <ul className={s.list} data-testid="fix-kinds">
              {plan.kinds.map((k) => (
                <li key={k.code} data-code={k.code}>
                  <OtherLang text={t('fix.confirm.kind', { title: groupTitle(k.code, k.problems, locale), count: k.problems.length })} />
                </li>
              ))}
            </ul>
            {plan.choice.length > 0 && (
              <p className={s.note} data-testid="fix-choice">
                {t('fix.confirm.choice', { count: plan.choice.length })}
              </p>
            )}
            <p className={s.note}>{t('fix.confirm.undo')}</p>
          </DialogContent>
          <DialogActions className={s.actions}>
            <Button appearance="primary" onClick={onConfirm}>
              {t('fix.confirm.run', { count: plan.apply.length })}
            </Button>
            <Button onClick={onCancel}>{t('fix.confirm.cancel')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
