/** Vocabulary columns: canonical terms pass; a synonym is a fixable warning (silent for `quiet`
 *  vocabularies such as 性别 and 残疾等级); anything else is an error listing the terms. */
import { cellText, normCompact, numberText } from '../text/normalize';
import type { Vocabulary } from '../schema/types';
import type { Check } from './types';

// Local bindings of imported functions used per row (no getter per call under tsx).
const normCompact_ = normCompact;

export interface CompiledVocab {
  /** normalised key → [canonical term, is synonym] */
  map: Map<string, { term: string; synonym: boolean }>;
  terms: string;
}

const cache = new WeakMap<Vocabulary, CompiledVocab>();

export function vocabKey(s: string): string {
  return normCompact_(s).toLowerCase();
}

export function compileVocab(v: Vocabulary): CompiledVocab {
  let c = cache.get(v);
  if (c) return c;
  const map = new Map<string, { term: string; synonym: boolean }>();
  for (const t of v.terms) {
    for (const s of t.synonyms ?? []) {
      const k = vocabKey(s);
      if (!map.has(k)) map.set(k, { term: t.term, synonym: true });
    }
  }
  for (const t of v.terms) map.set(vocabKey(t.term), { term: t.term, synonym: false });
  c = { map, terms: v.terms.map((t) => t.term).join('、') };
  cache.set(v, c);
  return c;
}

export const vocabCheck: Check = {
  id: 'vocab',
  generic: true,
  type: 'vocab',
  codes: [
    { code: 'vocab.synonym', severity: 'warning' },
    { code: 'vocab.invalid', severity: 'error' },
  ],
  parser: (col) => {
    const cv = compileVocab(col.vocab ?? { terms: [] });
    const quiet = !!col.vocab?.quiet;
    return (raw, c) => {
      const s = typeof raw === 'string' ? raw : typeof raw === 'number' ? numberText(raw) : cellText(raw);
      const hit = cv.map.get(s) ?? cv.map.get(vocabKey(s));
      if (hit === undefined) {
        c.report('vocab.invalid', { terms: cv.terms });
        return normCompact_(s);
      }
      if (hit.synonym) {
        if (!quiet) c.report('vocab.synonym', { term: hit.term }, hit.term);
        return hit.term;
      }
      if (typeof raw === 'string') {
        // The term as written: the cell itself is the value (nothing to keep apart from it).
        if (raw === hit.term) return raw;
        // e.g. "拥军 优属" or full-width characters: fixable
        if (raw.trim() !== hit.term) c.report('vocab.synonym', { term: hit.term }, hit.term);
      }
      return hit.term;
    };
  },
};

/** A vocabulary that depends on another column (活动类别 on 方向, 安置方式 on 安置类型): a term
 *  that belongs to another group is an error. Data-driven by `Vocabulary.groupField`. */
export const vocabGroupCheck: Check = {
  id: 'vocab-group',
  generic: true,
  codes: [{ code: 'vocab.wrong-group', severity: 'error' }],
  compileRow(schema, has) {
    const rules = schema.columns
      .filter((c) => c.vocab?.groupField !== undefined && has(c.field) && has(c.vocab.groupField))
      .map((c) => {
        const groups = new Map(c.vocab!.terms.map((t) => [t.term, t.groups]));
        return { field: c.field, gf: c.vocab!.groupField!, groups, terms: c.vocab!.terms };
      });
    if (rules.length === 0) return null;
    return (r) => {
      for (const x of rules) {
        if (!r.ok(x.field) || !r.ok(x.gf)) continue;
        const term = r.get(x.field) as string;
        const parent = r.get(x.gf) as string;
        const g = x.groups.get(term);
        if (!g || g.includes(parent)) continue;
        r.report('vocab.wrong-group', x.field, {
          term,
          group: parent,
          groupField: x.gf,
          allowed: x.terms.filter((t) => !t.groups || t.groups.includes(parent)).map((t) => t.term).join('、'),
        });
      }
    };
  },
};
