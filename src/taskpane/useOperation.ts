import { useCallback, useRef, useState } from 'react';
import type { Locale } from '../core/settings';
import type { HostProgress, RunOptions } from '../excel/host';

export interface Busy {
  /** Which action runs (for the button that shows a spinner). */
  action: string;
  progress: HostProgress | null;
  cancelling: boolean;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; cancelled: boolean; message: string };

export function isAbort(e: unknown, signal?: AbortSignal): boolean {
  return !!signal?.aborted || (e instanceof Error && e.name === 'AbortError');
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return typeof e === 'string' ? e : String(e);
}

/**
 * One long operation at a time: progress from the host, a cancel button that aborts between
 * chunks, and an outcome that separates cancellation from failure.
 */
export function useOperation(locale?: Locale) {
  const [busy, setBusy] = useState<Busy | null>(null);
  const controller = useRef<AbortController | null>(null);

  const run = useCallback(async <T>(action: string, work: (opts: RunOptions) => Promise<T>): Promise<Outcome<T>> => {
    if (controller.current) return { ok: false, cancelled: false, message: 'busy' };
    const ac = new AbortController();
    controller.current = ac;
    setBusy({ action, progress: null, cancelling: false });
    try {
      const value = await work({
        signal: ac.signal,
        locale,
        onProgress: (p) => {
          if (!ac.signal.aborted) setBusy((b) => (b ? { ...b, progress: { ...p } } : b));
        },
      });
      // Work that finished although cancel was pressed (after its last chunk) did complete.
      return { ok: true, value };
    } catch (e) {
      return { ok: false, cancelled: isAbort(e, ac.signal), message: errorMessage(e) };
    } finally {
      controller.current = null;
      setBusy(null);
    }
  }, [locale]);

  const cancel = useCallback(() => {
    if (!controller.current) return;
    controller.current.abort();
    setBusy((b) => (b ? { ...b, cancelling: true } : b));
  }, []);

  return { busy, run, cancel };
}
