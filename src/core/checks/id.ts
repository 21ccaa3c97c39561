/**
 * 身份证号 (ledgers.md §3, GB 11643-1999): length, digits, province, birth date (impossible or
 * later than the reporting year / today), check character; unknown county = warning; 15-digit
 * legacy = warning offering the 18-digit form; an ID stored as a number (or as `1.10105E+17` text)
 * is its own error, except a 15-digit number, which lost nothing (the 18-digit form is offered).
 * A trailing space, inner spaces, full-width digits, a lower-case x or text and punctuation around
 * the ID are a fixable warning (the bare ID as fix); two IDs in one cell are an error. An abolished
 * county code is an info line; a foreigner's permanent-residence number is named as such.
 */
import {
  LAST_ID_KEY,
  PROVINCE_CODES,
  abolishedCounty,
  id15to18,
  idCheckChar,
  isScientificText,
  validateId,
  type IdIssue,
} from '../values/id';
import { normText, numberDisplay, parseLostDigits } from '../text/normalize';
import type { CellCtx, Check, CheckEnv } from './types';

// Local bindings of imported functions used per cell: no getter call per use under module
// loaders that expose imports through getters (tsx, some bundlers).
const normText_ = normText;
const validateId_ = validateId;
const ID_KEY = LAST_ID_KEY;
const isScientificText_ = isScientificText;

const SPACES = /[\s-]/g;
/** An ID as the whole text, and IDs inside a text (not part of a longer run of digits). */
const BARE_ID = /^(\d{17}[\dX]|\d{15})$/;
const ID_IN_TEXT = /(?<![\dX])(\d{17}[\dX]|\d{15})(?![\dX])/g;

export const idCheck: Check = {
  id: 'id',
  generic: true,
  type: 'id',
  codes: [
    { code: 'id.stored-as-number', severity: 'error' },
    { code: 'id.length', severity: 'error' },
    { code: 'id.chars', severity: 'error' },
    { code: 'id.province', severity: 'error' },
    { code: 'id.birth-invalid', severity: 'error' },
    { code: 'id.birth-future', severity: 'error' },
    { code: 'id.checksum', severity: 'error' },
    { code: 'id.multiple', severity: 'error' },
    { code: 'id.county', severity: 'warning' },
    { code: 'id.legacy-15', severity: 'warning' },
    { code: 'id.normalized', severity: 'warning' },
    { code: 'id.county-abolished', severity: 'info' },
    { code: 'id.foreign-permanent', severity: 'info' },
  ],
  parser: (_col, env) => (raw, c) => {
    if (typeof raw === 'number') {
      // A 15-digit legacy number fits a number exactly (< 2^53): nothing was lost.
      if (Number.isInteger(raw) && raw >= 1e14 && raw < 1e15) {
        const id = String(raw);
        const issue = validateId_(id, env.latestBirth, env.countyCodes);
        if (issue !== 'ok') reportIssue(id, issue, c, env);
        return id;
      }
      // The value shown (and merged) is Excel's 15 digits with "（后3位已丢失）", never the noise.
      c.report('id.stored-as-number', {});
      return numberDisplay(raw);
    }
    if (typeof raw !== 'string') {
      c.report('id.chars', {});
      return null;
    }
    // The common case: 18 ASCII digits (or a final X), nothing to normalise. validateId reads each
    // character once; anything but 'chars' means the text was plain.
    if (raw.length === 18) {
      const issue = validateId_(raw, env.latestBirth, env.countyCodes);
      if (issue !== 'chars') {
        if (ID_KEY[0] >= 0) c.idKey?.(ID_KEY[0], ID_KEY[1]);
        if (issue !== 'ok') reportIssue(raw, issue, c, env);
        return raw;
      }
    }
    let id = normText_(raw);
    if (isScientificText_(id) || (id.length > 18 && parseLostDigits(id))) {
      // `1.10105194912310E+17` as text (any length), or a merged ledger's
      // "370102197502281000（后3位已丢失）": still lost digits.
      c.report('id.stored-as-number', {});
      return id;
    }
    if (id.length > 18 || id !== raw || id.charCodeAt(id.length - 1) === 120 || id.charCodeAt(0) === 39) {
      // spaces, hyphens, a lower-case x, a leading apostrophe left over from a text export
      const cleaned = id.replace(SPACES, '').replace(/^['‘’`]+/, '').toUpperCase();
      if (BARE_ID.test(cleaned)) {
        if (cleaned !== raw) {
          id = cleaned;
          if (id.length === 18) c.report('id.normalized', {}, id);
        }
      } else {
        id = cleaned;
        // The ID wrapped in text or punctuation (身份证:…, …X，, （…）, quotes), or two IDs.
        const found = cleaned.match(ID_IN_TEXT);
        if (found !== null && found.length > 1) {
          c.report('id.multiple', { count: found.length });
          return id;
        }
        if (found !== null) {
          id = found[0];
          c.report('id.normalized', {}, id);
        }
      }
    }
    const issue = validateId_(id, env.latestBirth, env.countyCodes);
    if (ID_KEY[0] >= 0) c.idKey?.(ID_KEY[0], ID_KEY[1]);
    if (issue !== 'ok') reportIssue(id, issue, c, env);
    return id;
  },
};

function reportIssue(id: string, issue: IdIssue, c: CellCtx, env: CheckEnv): void {
  switch (issue) {
    case 'ok':
      break;
    case 'length':
      c.report('id.length', { length: id.length });
      break;
    case 'checksum':
      c.report('id.checksum', { expected: idCheckChar(id), actual: id[17] });
      break;
    case 'province':
      c.report('id.province', { province: id.slice(0, 2) });
      break;
    case 'birth-invalid':
      c.report('id.birth-invalid', { birth: id.length === 15 ? '19' + id.slice(6, 12) : id.slice(6, 14) });
      break;
    case 'birth-future':
      c.report('id.birth-future', { birth: id.slice(6, 14), year: env.year });
      break;
    case 'county':
      c.report('id.county', { region: id.slice(0, 6), province: PROVINCE_CODES[id.slice(0, 2)] ?? '' });
      break;
    case 'county-abolished': {
      const a = abolishedCounty(id.slice(0, 6));
      c.report('id.county-abolished', { region: id.slice(0, 6), year: a?.when ?? '', name: a?.name ?? '' });
      break;
    }
    case 'foreign-permanent':
      c.report('id.foreign-permanent', { province: PROVINCE_CODES[id.slice(1, 3)] ?? '' });
      break;
    case 'legacy-15': {
      const id18 = id15to18(id);
      c.report('id.legacy-15', { id18 }, id18);
      break;
    }
    case 'chars':
      c.report('id.chars', {});
      break;
  }
}
