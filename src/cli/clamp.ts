/** The core's 32,767-character clamp applied to a whole exceljs workbook before it is written. */
import type ExcelJS from 'exceljs';
import { clampText, MAX_CELL_TEXT } from '../core/cells/clamp';

/** Cuts every text (plain, rich, formula result, hyperlink text, note) over 32,767 characters; returns how many cells. */
export function clampWorkbookTexts(wb: ExcelJS.Workbook): number {
  let n = 0;
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const note = cell.note;
        if (typeof note === 'string' && note.length > MAX_CELL_TEXT) cell.note = clampText(note);
        const v = cell.value as unknown;
        if (typeof v === 'string') {
          if (v.length > MAX_CELL_TEXT) {
            cell.value = clampText(v);
            n++;
          }
        } else if (v && typeof v === 'object' && !(v instanceof Date)) {
          const o = v as { richText?: Array<{ text?: string }>; text?: unknown; result?: unknown };
          const text = Array.isArray(o.richText) ? o.richText.map((r) => r.text ?? '').join('') : typeof o.text === 'string' ? o.text : typeof o.result === 'string' ? o.result : '';
          if (text.length > MAX_CELL_TEXT) {
            cell.value = clampText(text);
            n++;
          }
        }
      });
    });
  }
  return n;
}
