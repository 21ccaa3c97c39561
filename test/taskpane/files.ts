/** Bytes of picked files for the pane's tests. */
import { zipSync, strToU8 } from 'fflate';

/** A zip the pane takes for an .xlsx by its parts (xl/workbook.xml); `n` makes each one different. */
export function xlsxLike(n: number): Uint8Array<ArrayBuffer> {
  return new Uint8Array(zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8(`<workbook n="${n}"/>`) }, { level: 0, mtime: new Date(2026, 0, 1) }));
}
