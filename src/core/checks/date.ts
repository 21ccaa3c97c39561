/** Dates: Excel date cells, serials and the text forms of ledgers.md §2. Day precision for `date`
 *  columns; `month-date` columns (入伍/退伍时间, 出生年月) also accept month precision. */
import { cellText, normText } from '../text/normalize';
import { dateToIso, parseDateNumber, parseDateText } from '../values/date';
import type { Check, Parser } from './types';

// Local bindings of imported functions used per cell: no getter call per use under module
// loaders that expose imports through getters (tsx, some bundlers).
const normText_ = normText;
const dateToIso_ = dateToIso;
const parseDateNumber_ = parseDateNumber;
const parseDateText_ = parseDateText;

/** Distinct date texts remembered per column (a ledger repeats its dates: 1953.03, 2026年5月…). */
const TEXT_CACHE_MAX = 4096;

function makeParser(monthOk: boolean, date1904 = false): Parser {
  // Date text → ISO value ('' = no date), per column and sheet: parsing is a pure function of the
  // text, and a Map lookup costs a fraction of a parse. Bounded: past TEXT_CACHE_MAX distinct
  // texts, new ones are parsed without being remembered.
  const byText = new Map<string, string>();
  return (raw, c) => {
    let iso: string;
    if (raw instanceof Date) iso = dateToIso_(raw);
    else if (typeof raw === 'number') iso = parseDateNumber_(raw, date1904);
    else if (typeof raw === 'string') {
      const hit = byText.get(raw);
      if (hit !== undefined) iso = hit;
      else {
        iso = parseDateText_(normText_(raw));
        if (byText.size < TEXT_CACHE_MAX) byText.set(raw, iso);
      }
    } else iso = '';
    if (iso === '') {
      c.report('date.invalid', {});
      return typeof raw === 'string' ? normText_(raw) : cellText(raw);
    }
    if (!monthOk && iso.length === 7) c.report('date.month-only', {});
    return iso;
  };
}

export const dateCheck: Check = {
  id: 'date',
  generic: true,
  type: 'date',
  codes: [
    { code: 'date.invalid', severity: 'error' },
    { code: 'date.month-only', severity: 'error' },
  ],
  parser: (_col, env) => makeParser(false, env.date1904),
};

export const monthDateCheck: Check = {
  id: 'month-date',
  generic: true,
  type: 'month-date',
  codes: [],
  parser: (_col, env) => makeParser(true, env.date1904),
};
