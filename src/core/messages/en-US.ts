import type { Catalogue } from './types';

/** English message catalogue. */
export const enUS: Catalogue = {
  'file.no-ledger': {
    message: 'No ledger found in the workbook (no header row recognised)',
    hint: 'Make sure the header row holds the standard column names, or use the township template.',
  },
  'sheet.not-ledger': {
    message: 'Sheet “{sheet}” is no ledger and was skipped',
    hint: 'Nothing to do; if it is a ledger, check the column names of its header row.',
  },
  'sheet.hidden': {
    message: 'Sheet “{sheet}” is hidden and was skipped',
    hint: 'If it is a ledger, unhide it and check again.',
  },
  'sheet.no-data': {
    message: 'Ledger “{sheet}” has a header but no data rows',
    hint: 'Ignore if there is no data this year; otherwise fill in rows below the header.',
  },
  'header.missing-column': {
    message: 'Required column “{column}” is missing',
    hint: 'Add a “{column}” column to the header row, or correct its name.',
  },
  'header.duplicate-column': {
    message: 'Column “{header}” repeats column “{column}” and is ignored',
    hint: 'Delete the repeated column or give it the right name.',
  },
  'header.unknown-column': {
    message: 'Unrecognised column “{header}” is not checked',
    hint: 'Ignore for a custom column; otherwise use the standard column name.',
  },
  'cell.required': { message: '“{column}” is required', hint: 'Fill in “{column}”.' },
  'cell.error-value': {
    message: 'The cell holds the error value {error}',
    hint: 'Fix the formula or type the right value.',
  },
  'total.mismatch': {
    message: 'The total row shows {total} for “{column}” but the rows add up to {sum}',
    hint: 'Correct the total or use =SUM().',
  },
  'text.normalized': {
    message: 'Contains full-width, invisible or extra space characters',
    hint: 'Change to “{fix}” (fixable).',
  },
  'name.middle-dot': {
    message: 'Non-standard middle dot in the name',
    hint: 'Use the standard middle dot “·”: “{fix}” (fixable).',
  },
  'name.spaces': { message: 'The name contains spaces', hint: 'Remove the spaces: “{fix}” (fixable).' },
  'name.invalid': {
    message: '“{value}” does not look like a name (digits or non-text)',
    hint: 'Enter the name as on the ID card.',
  },
  'id.stored-as-number': {
    message: 'The ID number was stored by Excel as a number and has lost its last digits',
    hint: 'Format the column as Text, then re-enter the full 18-character number from the ID card.',
  },
  'id.length': {
    message: 'Wrong ID length: 18 characters expected, {length} found',
    hint: 'Re-enter the 18-character number from the ID card.',
  },
  'id.chars': {
    message: 'Invalid characters in the ID: 17 digits then a digit or X',
    hint: 'Re-enter the number from the ID card.',
  },
  'id.province': {
    message: 'The ID starts with “{province}”, which is no province code',
    hint: 'Check the first 6 digits (region code).',
  },
  'id.birth-invalid': {
    message: 'The birth date {birth} in the ID does not exist',
    hint: 'Check digits 7–14 (birth date).',
  },
  'id.birth-future': {
    message: 'The birth date {birth} in the ID is later than the reporting year or today',
    hint: 'Check digits 7–14 (birth date).',
  },
  'id.checksum': {
    message: 'Wrong ID check character: expected {expected}, found {actual}',
    hint: 'A digit is wrong; compare with the ID card digit by digit.',
  },
  'id.county': {
    message: 'Region code {region} of the ID is not a known county',
    hint: 'Check the first 6 digits; abolished codes on old cards are still valid.',
  },
  'id.legacy-15': { message: 'Legacy 15-digit ID number', hint: 'Use the 18-character form {id18} (fixable).' },
  'id.normalized': {
    message: 'The ID contains spaces, full-width characters or a lower-case x',
    hint: 'Change to “{fix}” (fixable).',
  },
  'date.invalid': { message: '“{value}” is not a valid date', hint: 'Write dates as 2023-05-01.' },
  'date.month-only': { message: '“{column}” needs a full date (day included)', hint: 'Write the date as 2023-05-01.' },
  'amount.invalid': { message: 'Amount “{value}” is not a number', hint: 'Enter digits, e.g. 500 or 1200.50.' },
  'amount.negative': { message: 'An amount cannot be negative', hint: 'Enter 0 or a positive amount.' },
  'amount.decimals': { message: 'An amount has at most 2 decimals', hint: 'Round to the fen (2 decimals).' },
  'amount.text': {
    message: 'The amount is stored as text and cannot be summed',
    hint: 'Change to the number {fix} (fixable).',
  },
  'count.invalid': { message: '“{value}” is not a number', hint: 'Enter a whole number, e.g. 25.' },
  'count.negative': { message: 'A count cannot be negative', hint: 'Enter 0 or a positive whole number.' },
  'count.not-integer': { message: '“{column}” must be a whole number', hint: 'Enter a whole number, e.g. 25.' },
  'count.text': {
    message: 'The number is stored as text and cannot be summed',
    hint: 'Change to the number {fix} (fixable).',
  },
  'yesno.invalid': { message: '“{value}” is neither 是 (yes) nor 否 (no)', hint: 'Enter 是 or 否.' },
  'vocab.synonym': { message: '“{value}” is not the standard term', hint: 'Change to “{term}” (fixable).' },
  'vocab.invalid': { message: '“{value}” is not a valid “{column}”', hint: 'Choose one of: {terms}.' },
  'vocab.wrong-group': {
    message: '“{term}” does not belong to {groupField} “{group}”',
    hint: 'For {groupField} “{group}” choose one of: {allowed}; or correct {groupField}.',
  },
  'phone.invalid': {
    message: 'Phone number “{value}” is malformed',
    hint: 'Enter an 11-digit mobile number or area code + number, e.g. 0371-12345678.',
  },
  'village.unknown': {
    message: '“{value}” is not in the village list',
    hint: 'Use a village of the list: {villages}.',
  },
  'village.near-miss': {
    message: '“{value}” is not in the village list; did you mean “{village}”?',
    hint: 'Change to “{village}”.',
  },
  'ethnic.invalid': {
    message: '“{value}” is not one of the 56 ethnic groups',
    hint: 'Enter the full name, e.g. 汉族, 维吾尔族.',
  },
  'sex.mismatch-id': {
    message: 'Sex does not match the ID, which says {sex}',
    hint: 'Check the sex or the ID (17th digit odd = male, even = female).',
  },
  'birth.mismatch-id': {
    message: 'Birth date does not match the ID, which says {birth}',
    hint: 'Check the birth date or the ID.',
  },
  'disability.grade-required': {
    message: 'A disabled veteran needs a disability grade',
    hint: 'Enter 一级 … 十级 from the certificate.',
  },
  'disability.nature-required': {
    message: 'A disabled veteran needs the nature of the disability',
    hint: 'Enter 因战, 因公 or 因病.',
  },
  'disability.grade-unexpected': {
    message: '“{category}” should have no disability grade',
    hint: 'Check the category; clear the grade if not a disabled veteran.',
  },
  'disability.illness-grade': {
    message: 'Illness-caused disability is graded 一级–六级 only, not {grade}',
    hint: 'Check the grade or the nature (Military Pension Regulations §26–27).',
  },
  'service.order': { message: 'Discharge {discharge} is not after enlistment {enlist}', hint: 'Check both dates.' },
  'service.future': { message: '“{column}” {date} is later than the reporting year or today', hint: 'Check the date.' },
  'category.demobilized-enlist': {
    message: 'A demobilised veteran (在乡复员军人) enlisted by 31 Oct 1954; found {date}',
    hint: 'Check the enlistment date or the category.',
  },
  'category.age60': { message: 'Must be 60 by the end of {year}; is {age}', hint: 'Check the ID or the category.' },
  'person.duplicate': {
    message: 'Same person and category twice; see “{otherSheet}” row {otherRow} ({otherFile})',
    hint: 'Delete the repeated row.',
  },
  'person.cross-village': {
    message: 'The same person is also registered in “{otherVillage}” ({otherFile} “{otherSheet}” row {otherRow})',
    hint: 'Agree with that village where the person lives; keep one.',
  },
  'conscript.age': {
    message: '{type} registration expects birth year {expected}, found {birthYear}',
    hint: 'Check the ID or the registration type.',
  },
  'conscript.sex': {
    message: '{type} registrants are men; the ID says female',
    hint: 'Women register as 自愿 (voluntary); or check the ID.',
  },
  'conscript.reg-date-required': {
    message: 'A registered person needs a registration date',
    hint: 'Enter the date, e.g. 2026-06-15.',
  },
  'conscript.reg-date-year': {
    message: 'Registration date {date} is not in {year}',
    hint: 'Check the date or the reporting year.',
  },
  'conscript.reg-date-late': {
    message: 'Registration date {date} is after the deadline {deadline}',
    hint: 'Confirm the late registration.',
  },
  'conscript.pipeline': {
    message: '“{stage}” is filled but the earlier stage “{missing}” is not complete',
    hint: 'Order: registered → applied → medical passed → political passed → approved.',
  },
  'conscript.duplicate': {
    message: 'ID registered twice; see “{otherSheet}” row {otherRow} ({otherFile})',
    hint: 'Delete the repeated row.',
  },
  'conscript.cross-village': {
    message: 'The same person is also registered in “{otherVillage}” ({otherFile} “{otherSheet}” row {otherRow})',
    hint: 'Agree with that village where the person lives; keep one.',
  },
  'activity.date-year': {
    message: 'Activity date {date} is not in {year}',
    hint: 'List only this year’s activities, or check the date.',
  },
  'activity.date-future': {
    message: 'Activity date {date} is later than today',
    hint: 'Record activities after they took place.',
  },
  'activity.pair-unknown': {
    message: 'Pair “{pair}” does not exist in the 共建对子 ledger',
    hint: 'Check the pair number or register the pair first.',
  },
  'activity.pair-unverified': {
    message: 'No 共建对子 ledger given; pair numbers not verified',
    hint: 'Check the 共建对子 ledger together with this one.',
  },
  'activity.duplicate': {
    message: 'Same date, unit and activity name as row {otherRow}',
    hint: 'Check whether it was entered twice.',
  },
  'pair.duplicate': {
    message: 'Pair number repeated; see “{otherSheet}” row {otherRow} ({otherFile})',
    hint: 'Give every pair a unique number.',
  },
  'pair.help-target-required': { message: 'A help pair needs “{field}”', hint: 'Fill in “{field}”.' },
  'pair.date-future': { message: 'Pairing date {date} is later than today', hint: 'Check the date.' },
  'placement.unit-required': {
    message: 'A placed person needs a placement unit',
    hint: 'Enter the unit, or set the status to 待安置.',
  },
  'placement.duplicate': {
    message: 'ID repeated; see “{otherSheet}” row {otherRow} ({otherFile})',
    hint: 'Delete the repeated row.',
  },
};
