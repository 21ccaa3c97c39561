/** Classification of the rows below a header: data, blank, 合计/总计 (and 小计) rows, note rows. */
import type { CellValue } from '../model';
import { normCompact } from '../text/normalize';

// Local bindings of imported functions used per cell: no getter call per use under module
// loaders that expose imports through getters (tsx, some bundlers).
const normCompact_ = normCompact;

export type RowKind = 'data' | 'blank' | 'total' | 'subtotal' | 'note';

const TOTAL = /^(合计|总计|总合计|累计合计|合\s*计|总\s*计)/;
const SUBTOTAL = /^小计/;
/** Note rows below the data: signatures, instructions, dates of filling in. */
const NOTE_STRONG = /^(制表人|制表|审核人|审核|审批人|填表人|填报人|填表说明|填报说明|负责人|单位负责人|主管领导|领导签字|签字|签名|盖章|填报日期|制表日期|审核日期|报送日期|填报单位)/;
const NOTE_WEAK = /^(说明|注|备注|附注|联系人|联系电话)\s*[:：0-9１-９、.]/;

/** First characters of 合计/小计/note rows, as a bit table over the BMP (a typed-array load per
 *  cell instead of a Set lookup). */
const FIRST_CHARS = (() => {
  const t = new Uint8Array(0x10000);
  for (const c of '合总累小制审填负单主领签盖报说注备附联') t[c.charCodeAt(0)] = 1;
  return t;
})();

function isEmptyCell(c: CellValue | undefined): boolean {
  if (c === null || c === undefined) return true;
  if (typeof c === 'string') {
    if (c.length === 0) return true;
    // A first character that normalisation never removes (visible ASCII, or U+3001–U+FEFE: CJK,
    // kana, full-width forms) makes the cell non-empty; anything else takes the full test.
    const a = c.charCodeAt(0);
    if ((a > 32 && a < 0xa0) || (a > 0x3000 && a < 0xfeff)) return false;
    return normCompact_(c) === '';
  }
  return false;
}

export { isEmptyCell };

/**
 * Kind of a row from its first non-empty text cells. A row is blank when every cell is empty.
 * The caller refines "blank" for rows that only hold a 序号.
 */
export function classifyRow(cells: readonly CellValue[]): RowKind {
  let seen = 0;
  let texts = 0;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (isEmptyCell(c)) continue;
    seen++;
    if (typeof c === 'string' && texts < 2) {
      texts++;
      const c0 = c.charCodeAt(0);
      if (FIRST_CHARS[c0] === 0 && !(c0 <= 32 || c0 === 0x3000 || c0 === 0xa0 || c0 === 0xfeff || c0 === 0x200b)) {
        if (seen >= 3 && texts >= 2) return 'data';
        continue;
      }
      const t = normCompact_(c);
      if (t.length > 0 && FIRST_CHARS[t.charCodeAt(0)] === 1) {
        if (TOTAL.test(t)) return 'total';
        if (SUBTOTAL.test(t)) return 'subtotal';
        if (texts === 1 && seen === 1 && (NOTE_STRONG.test(t) || NOTE_WEAK.test(t))) return 'note';
      }
    }
    if (seen >= 3 && texts >= 2) return 'data';
  }
  return seen === 0 ? 'blank' : 'data';
}
