import { Button, Switch, Tooltip, makeStyles, tokens } from '@fluentui/react-components';
import { TextBulletListSquareEdit20Regular } from '@fluentui/react-icons';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CheckResult } from '../../core/check-api';
import type { Settings } from '../../core/settings';
import type { HostOps } from '../../excel/host';
import { useI18n } from '../context';
import { errorMessage } from '../useOperation';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

export interface LiveControlsProps {
  host: HostOps | null;
  settings: Settings;
  disabled: boolean;
  onResult: (r: CheckResult) => void;
  onNotice: (n: { intent: 'success' | 'info' | 'warning' | 'error'; text: string }) => void;
  /** 规范本表 changed the workbook (清除标记 can undo it). */
  onConformed?: () => void;
}

/**
 * 边录入边校验 (a switch, off by default, remembered per workbook: it starts again when the pane
 * opens on a workbook where it was on) and 规范本表 (dropdowns and formats on the ledgers). Shown
 * only when the host offers them.
 */
export function LiveControls({ host, settings, disabled, onResult, onNotice, onConformed }: LiveControlsProps) {
  const { t } = useI18n();
  const s = useStyles();
  const [on, setOn] = useState(false);
  const [pending, setPending] = useState(false);
  const latest = useRef({ onResult, onNotice });
  latest.current = { onResult, onNotice };
  const live = host?.live;

  const start = useCallback(async () => {
    if (!live) return;
    setPending(true);
    try {
      const r = await live.start(
        settings,
        (u) => latest.current.onResult(u.result),
        (e) => latest.current.onNotice({ intent: 'error', text: t('live.failed', { message: errorMessage(e) }) }),
      );
      if (r.ok) {
        setOn(true);
        latest.current.onResult(r.result);
        latest.current.onNotice({ intent: 'info', text: t('live.started') });
      } else {
        setOn(false);
        latest.current.onNotice({ intent: 'warning', text: r.message });
      }
    } catch (e) {
      latest.current.onNotice({ intent: 'error', text: t('live.failed', { message: errorMessage(e) }) });
    } finally {
      setPending(false);
    }
  }, [live, settings, t]);

  useEffect(() => {
    if (!live) return;
    let alive = true;
    live.isOn().then(
      (v) => {
        if (alive && v) void start();
      },
      () => undefined,
    );
    return () => {
      alive = false;
    };
    // Only when the pane opens on a workbook (not on every settings change).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [live]);

  const toggle = async (next: boolean) => {
    if (!live) return;
    if (next) return start();
    setPending(true);
    try {
      await live.stop();
      setOn(false);
    } catch (e) {
      onNotice({ intent: 'error', text: t('live.failed', { message: errorMessage(e) }) });
    } finally {
      setPending(false);
    }
  };

  const conform = async () => {
    if (!host?.conform) return;
    setPending(true);
    try {
      const r = await host.conform(settings);
      if (r.columns) onConformed?.();
      const skipped = r.skipped.filter((x) => x.reason === 'own-validation').length;
      onNotice({
        intent: r.columns ? 'success' : 'info',
        text: r.columns ? t('conform.done', { sheets: r.sheets.length, columns: r.columns, skipped }) : t('conform.nothing'),
      });
      if (r.protectedSheets.length) onNotice({ intent: 'warning', text: t('conform.protected', { sheets: r.protectedSheets.join('、') }) });
    } catch (e) {
      onNotice({ intent: 'error', text: errorMessage(e) });
    } finally {
      setPending(false);
    }
  };

  if (!live && !host?.conform) return null;
  return (
    <div className={s.root}>
      {live && (
        <Tooltip content={t('live.hint')} relationship="description" withArrow>
          <Switch checked={on} disabled={disabled || pending} label={t('live.toggle')} onChange={(_, d) => void toggle(d.checked)} data-testid="live-toggle" />
        </Tooltip>
      )}
      {host?.conform && (
        <Tooltip content={t('actions.conform.hint')} relationship="description" withArrow>
          <Button icon={<TextBulletListSquareEdit20Regular />} disabled={disabled || pending} onClick={() => void conform()}>
            {t('actions.conform')}
          </Button>
        </Tooltip>
      )}
    </div>
  );
}
