/**
 * Record objects, built from a sheet's parsed values only when somebody asks for them
 * (statistics, merge, feedback): checking itself never allocates a record per row.
 */
import type { FieldValue } from '../ledger';

/** Builds a record's values object from its values in column order. */
export type RecordFactory = (vals: readonly FieldValue[]) => Record<string, FieldValue>;

/** One factory per column layout, shared by every sheet with that layout. */
const FACTORIES = new Map<string, RecordFactory>();

/**
 * A function building a record's values object from the parsed values, all records of a sheet
 * sharing one layout. Where the host allows it, a small generated object literal (named property
 * stores: several times faster than keyed stores); otherwise (a Content-Security-Policy without
 * 'unsafe-eval') a clone of a template object. Field names are embedded with JSON.stringify, so any
 * schema text is a safe string literal.
 */
export function recordFactory(fields: readonly string[]): RecordFactory {
  const key = JSON.stringify(fields);
  let f = FACTORIES.get(key);
  if (f === undefined) {
    f = newRecordFactory(fields);
    FACTORIES.set(key, f);
  }
  return f;
}

function newRecordFactory(fields: readonly string[]): RecordFactory {
  try {
    if (fields.includes('__proto__')) throw new Error('no literal');
    const body = `return {${fields.map((f, j) => `${JSON.stringify(f)}: a[${j}]`).join(', ')}};`;
    const f = new Function('a', body) as RecordFactory;
    const probe = f(fields.map(() => null));
    if (Object.keys(probe).length === new Set(fields).size) return f;
  } catch {
    // fall through
  }
  const proto: Record<string, FieldValue> = {};
  for (const f of fields) proto[f] = null;
  const template = JSON.parse(JSON.stringify(proto)) as Record<string, FieldValue>;
  return (a) => {
    const v = { ...template };
    for (let j = 0; j < fields.length; j++) v[fields[j]] = a[j];
    return v;
  };
}
