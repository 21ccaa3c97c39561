/**
 * What a file really is, by its bytes and never by its name: shared by the CLI's preflight
 * (src/cli/preflight.ts) and the pane's import (src/taskpane/upload.ts), so that both hosts accept
 * and refuse the same files with the same lines. Pure: bytes in, a format or a refusal out (no
 * Node, no DOM, no parser — the pane's first load carries this and nothing of SheetJS).
 */

/** The format a file really is (by its bytes). */
export type InputFormat = 'xlsx' | 'csv' | 'xls' | 'html' | 'spreadsheetml' | 'ods';

/** The formats read through SheetJS CE (src/formats/legacy.ts). */
export type LegacyFormat = Exclude<InputFormat, 'xlsx' | 'csv'>;

/** How each format is named to the clerk. */
export const FORMAT_NAMES: Record<InputFormat, string> = {
  xlsx: 'Excel 工作簿（.xlsx）',
  csv: 'CSV 文本',
  xls: 'Excel 97-2003 工作簿（.xls）',
  html: '网页（HTML）表格',
  spreadsheetml: 'Excel 2003 XML 表格（SpreadsheetML）',
  ods: 'OpenDocument 表格（.ods）',
};

export const FORMAT_NAMES_EN: Record<InputFormat, string> = {
  xlsx: 'Excel workbook (.xlsx)',
  csv: 'CSV text',
  xls: 'Excel 97-2003 workbook (.xls)',
  html: 'web page (HTML) table',
  spreadsheetml: 'Excel 2003 XML spreadsheet (SpreadsheetML)',
  ods: 'OpenDocument spreadsheet (.ods)',
};

export type RefusalCode = 'file.empty' | 'file.encrypted' | 'file.pdf' | 'file.xlsb' | 'file.not-xlsx' | 'file.not-zip' | 'file.text-renamed' | 'file.damaged';

export interface Refusal {
  ok: false;
  code: RefusalCode;
  /** One line of plain Chinese naming the real format and what to do (without the file name). */
  message: string;
  messageEn: string;
}

const refusal = (code: RefusalCode, message: string, messageEn: string): Refusal => ({ ok: false, code, message, messageEn });

export const REFUSALS = {
  empty: () => refusal('file.empty', '文件是空的（0 字节）。请让报送单位重新发送。', 'the file is empty (0 bytes). Ask the sender to send it again.'),
  encrypted: () =>
    refusal('file.encrypted', '工作簿设置了打开密码（已加密），无法读取。请在 Excel 中删除密码（文件→信息→保护工作簿→用密码进行加密，清空）后另存再发。', 'the workbook is password-protected (encrypted). Remove the password in Excel and save it again.'),
  pdf: () => refusal('file.pdf', '这是 PDF 文件，不是表格，无法读取其中的数据。请让报送单位发送 Excel 工作簿（.xlsx 或 .xls）。', 'this is a PDF, not a spreadsheet. Ask for the Excel workbook.'),
  xlsb: () => refusal('file.xlsb', '这是 Excel 二进制工作簿（.xlsb），本工具不读取。请在 Excel 中打开并“另存为”Excel 工作簿（.xlsx）后再发。', 'this is an Excel binary workbook (.xlsb), which is not read. Save it as .xlsx in Excel.'),
  notXlsx: (what: string, whatEn: string) => refusal('file.not-xlsx', `这不是 Excel 工作簿（是${what}，只是扩展名为 .xlsx）。请发送 Excel 工作簿。`, `this is not an Excel workbook (a ${whatEn}). Send the Excel workbook.`),
  unknown: () => refusal('file.not-zip', '不是表格文件：文件内容无法识别（不是 .xlsx、.xls、.ods 或 CSV）。请在 Excel 中另存为 .xlsx 后再发。', 'not a spreadsheet: unrecognised content (not .xlsx, .xls, .ods or CSV). Save it as .xlsx in Excel.'),
  textRenamed: () => refusal('file.text-renamed', '这是文本（CSV）文件，只是改了扩展名。请把扩展名改回 .csv 再试，或在 Excel 中另存为 .xlsx。', 'this is a text (CSV) file with another extension. Rename it to .csv or save it as .xlsx in Excel.'),
  damaged: () => refusal('file.damaged', '文件已损坏（压缩包结构不完整，可能未下载完整）。请让报送单位重新发送。', 'the file is damaged (broken zip structure, maybe truncated). Ask for it again.'),
};

const startsWith = (b: Uint8Array, sig: readonly number[]): boolean => b.length >= sig.length && sig.every((x, i) => b[i] === x);

/** An OLE/CFB container: a legacy .xls, or an encrypted .xlsx (Excel wraps those in OLE). */
export const isOle = (head: Uint8Array): boolean => startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
export const isZip = (head: Uint8Array): boolean => startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06]);
export const isPdf = (head: Uint8Array): boolean => startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d]);

/** "EncryptionInfo" in UTF-16LE: the stream an encrypted OOXML file carries inside its OLE container. */
const ENCRYPTION_INFO = Array.from('EncryptionInfo').flatMap((c) => [c.charCodeAt(0), 0]);

/** Whether an OLE file holds the EncryptionInfo stream (an encrypted .xlsx), searching all its bytes. */
export function hasEncryptionInfo(bytes: Uint8Array): boolean {
  const first = ENCRYPTION_INFO[0];
  outer: for (let i = bytes.indexOf(first); i >= 0 && i <= bytes.length - ENCRYPTION_INFO.length; i = bytes.indexOf(first, i + 1)) {
    for (let j = 1; j < ENCRYPTION_INFO.length; j++) if (bytes[i + j] !== ENCRYPTION_INFO[j]) continue outer;
    return true;
  }
  return false;
}

export function isUtf16Text(head: Uint8Array): boolean {
  return startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]);
}

export function looksLikeText(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  let control = 0;
  for (const b of head) {
    if (b === 0) return false;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return control / head.length < 0.01;
}

/** The first 4 KB as single bytes (ASCII tags read the same in UTF-8 and GBK), UTF-16 with its zero bytes dropped. */
function headText(head: Uint8Array): string {
  const b = head.subarray(0, 4096);
  let s = '';
  for (let i = 0; i < b.length; i++) if (b[i] !== 0) s += String.fromCharCode(b[i]);
  return s;
}

/**
 * HTML or SpreadsheetML 2003 text, whatever its name (government back-ends export both as .xls):
 * the first bytes, after a BOM and blanks, in UTF-8, GBK or UTF-16.
 */
export function markupFormat(head: Uint8Array): 'html' | 'spreadsheetml' | undefined {
  const t = headText(head).replace(/^[\ufeff\u00ef\u00bb\u00bf\u00fe\u00ff\s]+/, '').toLowerCase();
  if (!t.startsWith('<')) return undefined;
  if (t.includes('urn:schemas-microsoft-com:office:spreadsheet') && t.includes('<workbook')) return 'spreadsheetml';
  if (/<(html|table|!doctype html|meta|head|body)[\s>]/.test(t) || t.includes('<html')) return 'html';
  if (t.startsWith('<?xml') && t.includes('<workbook')) return 'spreadsheetml';
  return undefined;
}

/** A zip by the names of its parts: an .xlsx, an .ods, or refused (.xlsb, a Word file, a plain zip). */
export function zipFormat(names: ReadonlySet<string>): { ok: true; format: 'xlsx' | 'ods' } | Refusal {
  const lower = new Set([...names].map((n) => n.replace(/\\/g, '/').replace(/^\//, '').toLowerCase()));
  if (lower.has('xl/workbook.bin')) return REFUSALS.xlsb();
  if (lower.has('content.xml') && (lower.has('mimetype') || lower.has('meta-inf/manifest.xml'))) return { ok: true, format: 'ods' };
  if (!lower.has('xl/workbook.xml') && ![...lower].some((n) => /^xl\/workbook\d*\.xml$/.test(n))) {
    const [what, whatEn] = lower.has('word/document.xml') ? ['Word 文档', 'Word document'] : lower.has('ppt/presentation.xml') ? ['PowerPoint 文件', 'PowerPoint file'] : ['普通压缩包', 'plain zip archive'];
    return REFUSALS.notXlsx(what, whatEn);
  }
  return { ok: true, format: 'xlsx' };
}

/**
 * The part names of a zip held in memory, from its central directory (no inflation); null when
 * the directory cannot be found or is cut short (a damaged or truncated file).
 */
export function zipNames(bytes: Uint8Array): Set<string> | null {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: signature 0x06054b50, within the last 64 KB + 22 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (dv.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = dv.getUint16(eocd + 10, true);
  let p = dv.getUint32(eocd + 16, true);
  const names = new Set<string>();
  const dec = new TextDecoder('utf-8');
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || dv.getUint32(p, true) !== 0x02014b50) return null;
    const n = dv.getUint16(p + 28, true);
    const extra = dv.getUint16(p + 30, true);
    const comment = dv.getUint16(p + 32, true);
    if (p + 46 + n > bytes.length) return null;
    names.add(dec.decode(bytes.subarray(p + 46, p + 46 + n)));
    p += 46 + n + extra + comment;
  }
  return names;
}

export type Sniffed = { ok: true; format: InputFormat } | Refusal;

/** Text is a CSV export when named .csv/.txt, or .xls/.et (what government systems export);
 *  text named .xlsx is no export but a mistake (as the CLI's preflight decides). */
export function textAccepted(name: string): boolean {
  return /\.(csv|txt|xls|et)$/i.test(name);
}

/**
 * A whole file in memory (the pane's picked files): its format, or the line refusing it — the
 * same decisions as the CLI's preflight (src/cli/preflight.ts).
 */
export function sniffBytes(bytes: Uint8Array, name: string): Sniffed {
  if (bytes.length === 0) return REFUSALS.empty();
  if (isOle(bytes)) return hasEncryptionInfo(bytes) ? REFUSALS.encrypted() : { ok: true, format: 'xls' };
  if (isPdf(bytes)) return REFUSALS.pdf();
  if (isZip(bytes)) {
    const names = zipNames(bytes);
    return names ? zipFormat(names) : REFUSALS.damaged();
  }
  const markup = markupFormat(bytes);
  if (markup) return { ok: true, format: markup };
  if (looksLikeText(bytes.subarray(0, 4096)) || isUtf16Text(bytes)) return textAccepted(name) ? { ok: true, format: 'csv' } : REFUSALS.textRenamed();
  return REFUSALS.unknown();
}
