/**
 * Failures an operation reports to the person using it, whatever the host: Chinese first, English
 * second, with a `kind` a front can act on (src/taskpane shows them as they are).
 */
export class HostError extends Error {
  constructor(
    readonly kind: 'protected' | 'unsupported' | 'aborted' | 'notFound' | 'invalid' | 'busy',
    message: string,
  ) {
    super(message);
    this.name = 'HostError';
  }
}

/** A cancelled run (name 'AbortError', as the platform's own). */
export function abortError(): HostError {
  const e = new HostError('aborted', '操作已取消（Operation cancelled）');
  e.name = 'AbortError';
  return e;
}

/** What an operation needs of a cancellation: whether it was asked for (a host passes its
 *  platform's AbortSignal; the core names no platform type). */
export interface CancelSignal {
  readonly aborted: boolean;
}

export function throwIfAborted(signal?: CancelSignal): void {
  if (signal?.aborted) throw abortError();
}

export function protectedError(sheets: string[]): HostError {
  const list = sheets.join('、');
  return new HostError(
    'protected',
    `工作表“${list}”受保护，无法写入；请先撤销工作表保护后重试。未做任何修改。(Sheet ${sheets.join(', ')} is protected: unprotect it and try again. Nothing was changed.)`,
  );
}

export function structureError(): HostError {
  return new HostError(
    'protected',
    '工作簿结构受保护，无法添加或删除工作表；请先在“审阅 → 保护工作簿”中撤销保护后重试。未做任何修改。(The workbook structure is protected: unprotect it and try again. Nothing was changed.)',
  );
}
