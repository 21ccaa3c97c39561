/** Vocabulary columns: canonical terms pass; a synonym is a fixable warning (silent for `quiet`
 *  vocabularies such as 性别 and 残疾等级); anything else is an error listing the terms. */
import { cellText, normCompact, numberText } from '../text/normalize';
import type { Vocabulary } from '../schema/types';
import type { Check } from './types';

export interface CompiledVocab {
  /** normalised key → [canonical term, is synonym] */
  map: Map<string, { term: string; synonym: boolean }>;
  terms: string;
}

const cache = new WeakMap<Vocabulary, CompiledVocab>();

export function vocabKey(s: string): string {
  return normCompact(s).toLowerCase();
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
        return normCompact(s);
      }
      if (hit.synonym && !quiet) c.report('vocab.synonym', { term: hit.term }, hit.term);
      else if (!hit.synonym && typeof raw === 'string' && raw !== hit.term && raw.trim() !== hit.term) {
        // e.g. "拥军 优属" or full-width characters: fixable
        c.report('vocab.synonym', { term: hit.term }, hit.term);
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
  row(r) {
    const cols = r.schema.columns;
    for (let i = 0; i < cols.length; i++) {
      const col = cols[i];
      const gf = col.vocab?.groupField;
      if (gf === undefined || !r.ok(col.field) || !r.ok(gf)) continue;
      const term = r.v[col.field] as string;
      const parent = r.v[gf] as string;
      const def = col.vocab!.terms.find((t) => t.term === term);
      if (!def || !def.groups || def.groups.includes(parent)) continue;
      r.report('vocab.wrong-group', col.field, {
        term,
        group: parent,
        groupField: gf,
        allowed: col.vocab!.terms.filter((t) => !t.groups || t.groups.includes(parent)).map((t) => t.term).join('、'),
      });
    }
  },
};
