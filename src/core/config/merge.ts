/**
 * Several configurations laid together (the CLI's `--config` file and the §8 sheets of each input
 * workbook): the first given wins where they disagree, and each disagreement is returned so that
 * the host can say so. Only the tables that apply to a whole run are merged (settings and villages
 * belong to each workbook: src/cli/config.ts). 词表 and 列名 only add spellings, so they are
 * united, except a spelling that an earlier configuration already gives another meaning; 规则: the
 * first level given for a code.
 */
import type { LedgerConfig, RuleLevel } from './types';
import { emptyConfig } from './types';
import { LEVEL_NAMES } from './names';

export interface ConfigPart {
  /** Where it comes from (a file name), for the messages. */
  from: string;
  config: LedgerConfig;
}

export interface ConfigDisagreement {
  sheet: '词表' | '列名' | '规则';
  /** What they disagree about: 优抚类别“复退老兵”, 优抚对象“证件编号”, phone.invalid. */
  key: string;
  kept: { from: string; value: string };
  dropped: { from: string; value: string };
}

export function mergeConfigs(parts: readonly ConfigPart[]): { config: LedgerConfig; disagreements: ConfigDisagreement[] } {
  const out = emptyConfig();
  const disagreements: ConfigDisagreement[] = [];
  // spelling (term or synonym) → its term, per vocabulary column; alias → its column, per ledger.
  const spelling = new Map<string, { term: string; from: string }>();
  const alias = new Map<string, { field: string; from: string }>();
  const level = new Map<string, { level: RuleLevel; from: string }>();
  for (const { from, config: c } of parts) {
    for (const e of c.vocab) {
      const key = (s: string) => `${e.column}\u0000${s}`;
      const owner = spelling.get(key(e.term));
      if (owner && owner.term !== e.term) {
        disagreements.push({ sheet: '词表', key: `${e.column}“${e.term}”`, kept: { from: owner.from, value: owner.term }, dropped: { from, value: e.term } });
        continue;
      }
      const synonyms: string[] = [];
      for (const s of e.synonyms) {
        const o = spelling.get(key(s));
        if (o && o.term !== e.term) disagreements.push({ sheet: '词表', key: `${e.column}“${s}”`, kept: { from: o.from, value: o.term }, dropped: { from, value: e.term } });
        else synonyms.push(s);
      }
      for (const s of [e.term, ...synonyms]) if (!spelling.has(key(s))) spelling.set(key(s), { term: e.term, from });
      const same = out.vocab.find((x) => x.column === e.column && x.term === e.term);
      if (same) {
        for (const s of synonyms) if (!same.synonyms.includes(s)) same.synonyms.push(s);
        for (const g of e.groups) if (!same.groups.includes(g)) same.groups.push(g);
      } else {
        out.vocab.push({ ...e, synonyms, groups: [...e.groups] });
      }
    }

    for (const a of c.aliases) {
      const names: string[] = [];
      for (const n of a.aliases) {
        const o = alias.get(`${a.ledger}\u0000${n}`);
        if (o && o.field !== a.field) disagreements.push({ sheet: '列名', key: `${a.ledger}“${n}”`, kept: { from: o.from, value: o.field }, dropped: { from, value: a.field } });
        else {
          names.push(n);
          alias.set(`${a.ledger}\u0000${n}`, { field: a.field, from });
        }
      }
      const same = out.aliases.find((x) => x.ledger === a.ledger && x.field === a.field);
      if (same) {
        for (const n of names) if (!same.aliases.includes(n)) same.aliases.push(n);
      } else {
        out.aliases.push({ ...a, aliases: names });
      }
    }

    for (const r of c.rules) {
      const o = level.get(r.code);
      if (!o) {
        level.set(r.code, { level: r.level, from });
        out.rules.push({ ...r });
      } else if (o.level !== r.level) {
        disagreements.push({ sheet: '规则', key: r.code, kept: { from: o.from, value: LEVEL_NAMES[o.level] }, dropped: { from, value: LEVEL_NAMES[r.level] } });
      }
    }
  }
  return { config: out, disagreements };
}

/** What a configuration's 词表, 列名 and 规则 hold, comparable between workbooks (no locations). */
export function tablesSignature(c: LedgerConfig): string {
  return JSON.stringify([
    c.vocab.map((v) => [v.column, v.term, [...v.synonyms].sort(), [...v.groups].sort()]).sort(),
    c.aliases.map((a) => [a.ledger, a.field, [...a.aliases].sort()]).sort(),
    c.rules.map((r) => [r.code, r.level]).sort(),
  ]);
}
