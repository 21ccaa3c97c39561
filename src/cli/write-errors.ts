/**
 * An output that could not be written (the merged workbook, a marked copy, a feedback workbook,
 * the JSON report, the forms): one clerk sentence naming the file instead of node's words
 * ("EBUSY: resource busy or locked, open '…'"). The commonest case on a clerk's PC is a workbook
 * still open in Excel, which Windows locks.
 */
import * as fs from 'fs';

const REASONS: Record<string, string> = {
  EBUSY: '文件正被其他程序占用（是否在 Excel 中打开？）。请关闭后再试',
  ETXTBSY: '文件正被其他程序占用（是否在 Excel 中打开？）。请关闭后再试',
  EACCES: '没有写入权限（文件是否在 Excel 中打开，或设为只读？）。请关闭文件或换一个文件夹再试',
  EPERM: '没有写入权限（文件是否在 Excel 中打开，或设为只读？）。请关闭文件或换一个文件夹再试',
  EISDIR: '这是一个文件夹。请给出文件名，例如 合并.xlsx',
  ENOTDIR: '路径中有一段不是文件夹。请检查路径',
  ENOSPC: '磁盘空间不足。请清理磁盘或换一个磁盘再试',
  EDQUOT: '磁盘空间不足。请清理磁盘或换一个磁盘再试',
  EROFS: '这个位置只能读、不能写（光盘或写保护的 U 盘？）。请换一个文件夹',
  ENAMETOOLONG: '文件名或路径太长。请换一个短一些的名字或文件夹',
};

const WRITING = new Set(['open', 'write', 'mkdir', 'rename', 'close', 'copyfile', 'unlink']);

/** The sentence for an error raised while writing a file, or undefined when `e` is not one. */
export function writeErrorText(e: unknown): string | undefined {
  const err = e as NodeJS.ErrnoException | undefined;
  if (!err || typeof err !== 'object' || typeof err.code !== 'string') return undefined;
  // A write on a file already open carries no path (node names none): the output, unnamed.
  const pathless = typeof err.path !== 'string';
  if (pathless ? err.syscall !== 'write' : err.syscall && !WRITING.has(err.syscall)) return undefined;
  const why = REASONS[err.code] ?? `写入时出错（${err.code}）。请换一个文件夹再试`;
  return pathless ? `无法写出输出文件：${why}。` : `无法写出 ${err.path}：${why}。`;
}

/**
 * After a write that failed: the error names the file (node's write errors carry no path, so
 * `writeErrorText` could not name it and the clerk saw "ENOSPC: no space left on device, write"),
 * and a file the writing had opened — created or emptied, then cut short by a full disk — is
 * removed: Excel would call it damaged. A failure to open it (locked in Excel, read-only, a
 * folder) leaves whatever is there untouched; so does anything that is not a plain file.
 */
function afterFailedWrite(file: string, e: unknown): void {
  const err = e as NodeJS.ErrnoException | undefined;
  if (!err || typeof err !== 'object' || typeof err.code !== 'string') return;
  if (typeof err.path !== 'string') err.path = file;
  if (err.path !== file || err.syscall === 'open' || !err.syscall || !WRITING.has(err.syscall)) return;
  removeCutShort(file);
}

/** Removes an output cut short by a failed write — a plain file only, never a device or a folder. */
export function removeCutShort(file: string): void {
  try {
    if (fs.lstatSync(file).isFile()) fs.unlinkSync(file);
  } catch {
    // Gone already, or cannot be removed: the error named stands.
  }
}

/** Write an output file with `write` (which opens and writes `file`): see afterFailedWrite. */
export async function writeWhole<T>(file: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    // The stream closes its file after an error (a moment later): Windows removes no open file.
    await new Promise((resolve) => setTimeout(resolve, 20));
    afterFailedWrite(file, e);
    throw e;
  }
}

/** The same for a file written at once (`fs.writeFileSync`). */
export function writeWholeSync(file: string, data: string): void {
  try {
    fs.writeFileSync(file, data);
  } catch (e) {
    afterFailedWrite(file, e);
    throw e;
  }
}
