/**
 * Progress labels of the host layer, per locale (zh-CN default, en-US). A label is a code with
 * string params; `progressLabel` renders it. The pane may render the code itself (HostProgress
 * carries both).
 */
import type { Locale } from '../settings';

export type ProgressCode = 'read' | 'check' | 'checkFile' | 'mark' | 'report' | 'write' | 'fix' | 'insert' | 'merge';

export const PROGRESS_LABELS: Record<Locale, Record<ProgressCode, string>> = {
  'zh-CN': {
    read: '读取 {sheet}',
    check: '校验 {sheet}',
    checkFile: '校验 {file} {sheet}',
    mark: '标记问题单元格',
    report: '写入校验结果',
    write: '写入 {sheet}',
    fix: '修正单元格',
    insert: '读取文件 {file}',
    merge: '合并台账',
  },
  'en-US': {
    read: 'Reading {sheet}',
    check: 'Checking {sheet}',
    checkFile: 'Checking {file} {sheet}',
    mark: 'Marking problem cells',
    report: 'Writing the check report',
    write: 'Writing {sheet}',
    fix: 'Fixing cells',
    insert: 'Reading file {file}',
    merge: 'Merging ledgers',
  },
};

/** The label of `code` in `locale`, `{name}` replaced by params (unknown locales: zh-CN). */
export function progressLabel(locale: Locale | undefined, code: ProgressCode, params: Record<string, string> = {}): string {
  const cat = PROGRESS_LABELS[locale ?? 'zh-CN'] ?? PROGRESS_LABELS['zh-CN'];
  return cat[code].replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? params[k] : m)).trim();
}

/** Names of the `{params}` a label uses (for the parity test). */
export function labelParams(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}
