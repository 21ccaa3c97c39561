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

function makeParser(monthOk: boolean): Parser {
  return (raw, c) => {
    let iso: string;
    if (raw instanceof Date) iso = dateToIso_(raw);
    else if (typeof raw === 'number') iso = parseDateNumber_(raw);
    else if (typeof raw === 'string') iso = parseDateText_(normText_(raw));
    else iso = '';
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
  parser: () => makeParser(false),
};

export const monthDateCheck: Check = {
  id: 'month-date',
  generic: true,
  type: 'month-date',
  codes: [],
  parser: () => makeParser(true),
};
