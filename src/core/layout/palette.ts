/**
 * The colours and the font of everything the product writes, defined once (issue #12: the error
 * fill used to be defined three times in two shades). RRGGBB.
 */
export type Rgb = string;

export const FILL = {
  /** A cell with an error (light red). */
  error: 'FFC7CE',
  /** A cell with a warning (amber). */
  warning: 'FFEB9C',
  /** Header rows of forms and lists. */
  header: 'D9E1F2',
  /** 合计 rows. */
  total: 'F2F2F2',
  /** 小计 rows. */
  subtotal: 'FFF2CC',
} as const;

export const LINK_COLOR = '0563C1';

/** The font of the forms and the feedback workbook: present on every Chinese Windows and in WPS;
 *  LibreOffice substitutes a CJK font of the same metrics. */
export const CJK_FONT = '宋体';

/** Display width of a text in Excel's character units (a CJK character counts double). */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
      ? 2
      : 1;
  return w;
}

/** Lines a wrapped text takes in a cell `width` characters wide (explicit line breaks count). */
export function wrappedLines(text: string, width: number): number {
  const w = Math.max(4, width - 1);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / w)), 0);
}
