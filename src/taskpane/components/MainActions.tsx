import { Button, makeStyles, Radio, RadioGroup, Field, tokens, Tooltip } from '@fluentui/react-components';
import {
  ArrowUndo20Regular,
  CheckmarkCircle20Regular,
  DataBarVertical20Regular,
  Eraser20Regular,
  TableAdd20Regular,
  Wand20Regular,
} from '@fluentui/react-icons';
import type { ReactElement } from 'react';
import { useI18n } from '../context';
import type { MessageKey } from '../i18n';

export type Scope = 'workbook' | 'activeSheet';
export type ActionId = 'check' | 'summarize' | 'fix' | 'undoFix' | 'clearMarks' | 'insertBlank';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  // Two columns when there is room; one when the pane is narrow or zoomed (labels never cut).
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(9em, 1fr))', gap: tokens.spacingHorizontalS },
  wide: { width: '100%' },
  cell: { minWidth: 0, justifyContent: 'flex-start', whiteSpace: 'normal', height: 'auto', minHeight: '32px', textAlign: 'left', overflowWrap: 'anywhere' },
  radios: { flexWrap: 'wrap' },
});

export interface MainActionsProps {
  scope: Scope;
  onScope: (s: Scope) => void;
  disabled: boolean;
  /** A check has run: 一键修正 and 清除标记 act on its result, so they wait for one. */
  checked: boolean;
  canUndo: boolean;
  onAction: (a: ActionId) => void;
}

/** 校验 (whole workbook / current sheet), 统计汇总, 一键修正, 清除标记, 插入空白台账: one click each. */
export function MainActions({ scope, onScope, disabled, checked, canUndo, onAction }: MainActionsProps) {
  const { t } = useI18n();
  const s = useStyles();
  const secondary: Array<[ActionId, MessageKey, MessageKey, ReactElement]> = [
    ['summarize', 'actions.summarize', 'actions.summarize.hint', <DataBarVertical20Regular key="i" />],
    ['fix', 'actions.fix', 'actions.fix.hint', <Wand20Regular key="i" />],
    ['clearMarks', 'actions.clearMarks', 'actions.clearMarks.hint', <Eraser20Regular key="i" />],
    ['insertBlank', 'actions.insertBlank', 'actions.insertBlank.hint', <TableAdd20Regular key="i" />],
  ];
  return (
    <section className={s.root} aria-label={t('actions.group')}>
      <Field label={t('actions.scope')} size="small">
        <RadioGroup className={s.radios} layout="horizontal" value={scope} onChange={(_, d) => onScope(d.value as Scope)} disabled={disabled}>
          <Radio value="workbook" label={t('actions.scope.workbook')} />
          <Radio value="activeSheet" label={t('actions.scope.activeSheet')} />
        </RadioGroup>
      </Field>
      <Tooltip content={t('actions.check.hint')} relationship="description" withArrow>
        <Button
          appearance="primary"
          size="large"
          className={s.wide}
          icon={<CheckmarkCircle20Regular />}
          disabledFocusable={disabled}
          onClick={() => onAction('check')}
          data-action="check"
        >
          {t('actions.check')}
        </Button>
      </Tooltip>
      <div className={s.grid}>
        {secondary.map(([id, label, hint, icon]) => {
          const needsCheck = !checked && (id === 'fix' || id === 'clearMarks');
          return (
            <Tooltip key={id} content={needsCheck ? t('actions.needsCheck') : t(hint)} relationship="description" withArrow>
              <Button className={s.cell} icon={icon} disabledFocusable={disabled || needsCheck} onClick={() => onAction(id)} data-action={id}>
                {t(label)}
              </Button>
            </Tooltip>
          );
        })}
      </div>
      {canUndo && (
        <Button appearance="subtle" className={s.cell} icon={<ArrowUndo20Regular />} disabledFocusable={disabled} onClick={() => onAction('undoFix')}>
          {t('actions.undoFix')}
        </Button>
      )}
    </section>
  );
}
