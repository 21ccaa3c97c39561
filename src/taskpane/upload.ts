/**
 * The files a clerk picks in the pane (导入, 比对), read in the browser and looked at by their bytes,
 * never their names (src/formats/sniff.ts, shared with the CLI):
 * - an .xlsx is sent as it is;
 * - .xls (BIFF8), HTML or SpreadsheetML saved as .xls, .ods and CSV (GBK or UTF-8) are converted
 *   to .xlsx here, values only, by src/taskpane/convert.ts — SheetJS CE, loaded on demand as its
 *   own chunk, so that the pane's first load does not carry it;
 * - anything else (.xlsb, an encrypted workbook, a PDF, a Word file, a damaged zip) is refused with
 *   a line naming what the file really is and what to do.
 */
import type { Locale } from '../core/settings';
import type { ImportFile } from '../excel/host';
import { FORMAT_NAMES, FORMAT_NAMES_EN, sniffBytes, type InputFormat } from '../formats/sniff';

/** What the picker accepts (the bytes decide; this only filters the system's dialog). */
export const PICK_ACCEPT = '.xlsx,.xlsm,.xls,.et,.ods,.csv,.txt,.htm,.html,.xml,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type PickedFile =
  | { name: string; bytes: number; ok: true; file: ImportFile; /** Converted from this format (values only). */ from?: InputFormat; notes: string[] }
  | { name: string; bytes: number; ok: false; reason: string };

function readBytes(file: File): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(new Uint8Array(r.result as ArrayBuffer));
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsArrayBuffer(file);
  });
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** A format's name for the clerk, in the pane's language. */
export function formatName(f: InputFormat, locale: Locale): string {
  return locale === 'en-US' ? FORMAT_NAMES_EN[f] : FORMAT_NAMES[f];
}

/** Reads, detects and (where needed) converts one picked file. Never throws: a failure is a reason. */
export async function readPicked(file: File, locale: Locale): Promise<PickedFile> {
  const en = locale === 'en-US';
  const base = { name: file.name, bytes: file.size };
  let bytes: Uint8Array;
  try {
    bytes = await readBytes(file);
  } catch (e) {
    return { ...base, ok: false, reason: (en ? 'Cannot read the file: ' : '无法读取文件：') + (e instanceof Error ? e.message : String(e)) };
  }
  const kind = sniffBytes(bytes, file.name);
  if (!kind.ok) return { ...base, ok: false, reason: en ? kind.messageEn : kind.message };
  if (kind.format === 'xlsx') return { ...base, ok: true, file: { name: file.name, base64: toBase64(bytes) }, notes: [] };
  try {
    const { convertToXlsx } = await import(/* webpackChunkName: "legacy-formats" */ './convert');
    const c = convertToXlsx(bytes, kind.format, file.name);
    return { ...base, ok: true, file: { name: file.name, base64: c.base64 }, from: kind.format, notes: c.notes };
  } catch {
    const what = formatName(kind.format, locale);
    return {
      ...base,
      ok: false,
      reason: en ? `This ${what} cannot be read (damaged, or a variant not supported). Open it in Excel or WPS and save it as .xlsx.` : `这是${what}，但无法读取（文件损坏或格式变体不受支持）。请在 Excel 或 WPS 中打开并另存为 .xlsx 后再选。`,
    };
  }
}

export function readPickedList(list: FileList | File[] | null, locale: Locale): Promise<PickedFile[]> {
  return Promise.all(Array.from(list ?? []).map((f) => readPicked(f, locale)));
}
