/**
 * Work-arounds for exceljs when it writes a workbook it has read.
 *
 * exceljs keeps data validations per cell after reading, and its writer squeezes them back into
 * ranges after sorting the addresses as text (B10 < B4): a column validated on B4:B503 comes out
 * as the overlapping ranges B10:B503 and B4:B503, which Excel reports as damaged content.
 * `compactDataValidations` regroups the cells into column runs in numeric order first.
 */
import type ExcelJS from 'exceljs';

interface DvModelHolder {
  dataValidations?: { model: Record<string, unknown> };
}

function decode(addr: string): { col: string; row: number } | null {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(addr);
  return m ? { col: m[1], row: Number(m[2]) } : null;
}

export function compactDataValidations(ws: ExcelJS.Worksheet): void {
  const holder = (ws as unknown as DvModelHolder).dataValidations;
  if (!holder || !holder.model) return;
  const model = holder.model;
  const out: Record<string, unknown> = {};
  // column → key(validation JSON) → rows
  const groups = new Map<string, Map<string, { v: unknown; rows: number[] }>>();
  for (const [addr, v] of Object.entries(model)) {
    if (v === undefined || v === null) continue;
    const a = decode(addr);
    if (!a) {
      out[addr] = v; // already a range
      continue;
    }
    const key = JSON.stringify(v);
    let byKey = groups.get(a.col);
    if (!byKey) groups.set(a.col, (byKey = new Map()));
    const g = byKey.get(key);
    if (g) g.rows.push(a.row);
    else byKey.set(key, { v, rows: [a.row] });
  }
  for (const [col, byKey] of groups) {
    for (const { v, rows } of byKey.values()) {
      rows.sort((x, y) => x - y);
      let start = rows[0];
      let prev = rows[0];
      const flush = (): void => {
        out[start === prev ? `${col}${start}` : `${col}${start}:${col}${prev}`] = v;
      };
      for (let i = 1; i < rows.length; i++) {
        if (rows[i] === prev + 1) {
          prev = rows[i];
          continue;
        }
        flush();
        start = prev = rows[i];
      }
      flush();
    }
  }
  holder.model = out;
}
