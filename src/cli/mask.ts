/** ID masking for what the CLI exports (`--mask-ids`): feedback workbooks, the JSON report, merge. */
import { maskId } from '../core';

const ID_PATTERN = /(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;

/** Masks every ID-looking number in a text except `keep`. */
export function maskIdsInText(text: string, keep: string | readonly string[] | undefined): string {
  const k = new Set((typeof keep === 'string' ? [keep] : (keep ?? [])).map((x) => x.trim().toUpperCase()));
  return text.replace(ID_PATTERN, (m) => (k.has(m.toUpperCase()) ? m : maskId(m)));
}
