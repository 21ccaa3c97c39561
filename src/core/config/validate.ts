/**
 * `validateConfig`: the raw configuration (from a workbook or JSON) → the typed `LedgerConfig`,
 * with one mistake per unknown sheet, column, setting, ledger, field, group, code or level, each
 * naming the nearest existing name. An entry with a mistake is left out; the rest applies.
 */
import { CODES } from '../checks/registry';
import { LEDGER_IDS, type LedgerId } from '../ledger';
import type { CellValue } from '../model';
import { DEFAULT_LEDGER_SCHEMAS } from '../schema/ledgers';
import type { ColumnSchema, LedgerSchema } from '../schema/types';
import { parseDeadline, parseYear } from '../settings-sheet';
import { cellText, editDistance, normCompact, normHeader } from '../text/normalize';
import { isWorkbookSetting, LEVELS, MAIN_SETTING_LABELS, SETTING_LABELS, splitList } from './names';
import { configIssue, unknownParams, type RawCell, type RawConfig, type RawRow } from './raw';
import { emptyConfig, type ConfigLoc, type ConfigRead, type LedgerConfig } from './types';

/** The vocabulary columns of the schemas: name → what a 词表 row may add to. */
interface VocabColumn {
  field: string;
  /** canonical term → its synonyms (keys: vocabKey) */
  owner: Map<string, string>;
  terms: Set<string>;
  groupField?: string;
  groupValues: string[];
}

function vkey(s: string): string {
  return normCompact(s).toLowerCase();
}

function vocabColumns(schemas: readonly LedgerSchema[]): Map<string, VocabColumn> {
  const out = new Map<string, VocabColumn>();
  for (const s of schemas) {
    for (const c of s.columns) {
      if (c.type !== 'vocab' || !c.vocab || out.has(c.field)) continue;
      const owner = new Map<string, string>();
      for (const t of c.vocab.terms) {
        owner.set(vkey(t.term), t.term);
        for (const syn of t.synonyms ?? []) if (!owner.has(vkey(syn))) owner.set(vkey(syn), t.term);
      }
      const gf = c.vocab.groupField;
      const parent = gf ? s.columns.find((x) => x.field === gf) : undefined;
      out.set(c.field, {
        field: c.field,
        owner,
        terms: new Set(c.vocab.terms.map((t) => t.term)),
        groupField: gf,
        groupValues: parent?.vocab ? parent.vocab.terms.map((t) => t.term) : [],
      });
    }
  }
  return out;
}

function cellLoc(row: RawRow, col: string): ConfigLoc {
  const c = row.cells[col];
  return { sheet: row.loc.sheet, row: row.loc.row, col: c?.col };
}

const YES = ['是', 'y', 'yes', 'true', '1', '√'];
const NO = ['否', 'n', 'no', 'false', '0', '×', ''];

/** Validate a raw configuration against the schemas (the defaults unless given). */
export function validateConfig(raw: RawConfig, schemas: readonly LedgerSchema[] = DEFAULT_LEDGER_SCHEMAS): ConfigRead {
  const config: LedgerConfig = emptyConfig();
  const issues = [...raw.issues];
  const file = raw.file;
  const bad = (loc: ConfigLoc, name: string, value: CellValue | string, example: string) =>
    issues.push(configIssue(file, 'config.bad-value', loc, { name, example }, cellText(value)));
  const empty = (loc: ConfigLoc, name: string) => issues.push(configIssue(file, 'config.empty', loc, { name }));

  // 设置
  const labels = Object.keys(SETTING_LABELS).filter((k) => SETTING_LABELS[k] !== 'header' && !isWorkbookSetting(SETTING_LABELS[k]));
  for (const s of raw.settings) {
    const key = SETTING_LABELS[s.label];
    if (key === undefined || (isWorkbookSetting(key) && !raw.inWorkbook)) {
      issues.push(configIssue(file, 'config.unknown-setting', s.loc, unknownParams(s.label, labels.includes(s.label) ? labels : MAIN_SETTING_LABELS)));
      continue;
    }
    if (key === 'header' || s.values.length === 0) continue;
    const v = s.values[0];
    const vloc: ConfigLoc = { ...s.loc, col: s.valueCol ?? s.loc.col };
    switch (key) {
      case 'year': {
        const y = parseYear(v);
        if (y === undefined) bad(vloc, s.label, v, '2026');
        else config.settings.year = y;
        break;
      }
      case 'township':
        config.settings.township = normCompact(cellText(v));
        break;
      case 'deadline': {
        const d = parseDeadline(v);
        if (d === undefined) bad(vloc, s.label, v, '10月31日');
        else config.settings.deadline = d;
        break;
      }
      case 'villages':
        for (const x of s.values) for (const n of splitList(cellText(x))) if (!config.villages.includes(n)) config.villages.push(n);
        break;
      case 'maskIds': {
        const t = normCompact(cellText(v)).toLowerCase();
        if (YES.includes(t)) config.settings.maskIds = true;
        else if (NO.includes(t)) config.settings.maskIds = false;
        else bad(vloc, s.label, v, '是 / 否');
        break;
      }
      case 'locale': {
        const t = normCompact(cellText(v));
        if (t === 'en-US' || t === 'English' || t === '英文') config.settings.locale = 'en-US';
        else if (t === 'zh-CN' || t === '中文') config.settings.locale = 'zh-CN';
        else bad(vloc, s.label, v, '中文 / 英文');
        break;
      }
      case 'resubmitDays': {
        const n = typeof v === 'number' ? v : Number(normCompact(cellText(v)).replace(/天$/, ''));
        if (Number.isInteger(n) && n > 0 && n <= 365) config.settings.resubmitDays = n;
        else bad(vloc, s.label, v, '7');
        break;
      }
      default:
        config.settings.people = { ...config.settings.people, [key.slice('people.'.length)]: normCompact(cellText(v)) };
    }
  }

  // 村名单
  for (const v of raw.villages) if (!config.villages.includes(v.name)) config.villages.push(v.name);

  // 词表
  const vcols = vocabColumns(schemas);
  const vnames = [...vcols.keys()];
  for (const row of raw.tables.词表) {
    const col = row.cells.列;
    const term = row.cells.标准写法;
    if (!col) {
      empty(row.loc, '列');
      continue;
    }
    const vc = vcols.get(col.text);
    if (!vc) {
      issues.push(configIssue(file, 'config.unknown-field', cellLoc(row, '列'), unknownParams(col.text, vnames), col.text));
      continue;
    }
    if (!term) {
      empty(row.loc, '标准写法');
      continue;
    }
    let ok = true;
    const owner = vc.owner.get(vkey(term.text));
    if (owner !== undefined && owner !== term.text) {
      // The new term is already another term's synonym: which one would a cell mean?
      issues.push(configIssue(file, 'config.conflict', cellLoc(row, '标准写法'), { name: term.text, other: owner }, term.text));
      ok = false;
    }
    const synonyms: string[] = [];
    for (const syn of splitList(row.cells.同义词?.text ?? '')) {
      const o = vc.owner.get(vkey(syn));
      if (o !== undefined && o !== term.text) {
        issues.push(configIssue(file, 'config.conflict', cellLoc(row, '同义词'), { name: syn, other: o }, row.cells.同义词?.text));
        ok = false;
      } else if (syn !== term.text) synonyms.push(syn);
    }
    const groups: string[] = [];
    for (const g of splitList(row.cells.所属?.text ?? '')) {
      if (!vc.groupField) {
        bad(cellLoc(row, '所属'), '所属', g, `（“${vc.field}”不分组，所属留空）`);
        ok = false;
      } else if (!vc.groupValues.includes(g)) {
        issues.push(configIssue(file, 'config.unknown-group', cellLoc(row, '所属'), unknownParams(g, vc.groupValues, { groupField: vc.groupField }), g));
        ok = false;
      } else groups.push(g);
    }
    if (!ok) continue;
    vc.owner.set(vkey(term.text), term.text);
    for (const syn of synonyms) vc.owner.set(vkey(syn), term.text);
    vc.terms.add(term.text);
    config.vocab.push({ column: vc.field, term: term.text, synonyms, groups, loc: row.loc });
  }

  // 列名
  const taken = new Map<LedgerId, Map<string, string>>();
  for (const s of schemas) {
    const m = new Map<string, string>();
    for (const c of s.columns) {
      m.set(normHeader(c.field), c.field);
      for (const a of c.aliases ?? []) if (!m.has(normHeader(a))) m.set(normHeader(a), c.field);
    }
    taken.set(s.id, m);
  }
  for (const row of raw.tables.列名) {
    const lc = row.cells.台账;
    const fc = row.cells.标准列名;
    if (!lc) {
      empty(row.loc, '台账');
      continue;
    }
    if (!(LEDGER_IDS as readonly string[]).includes(lc.text)) {
      issues.push(configIssue(file, 'config.unknown-ledger', cellLoc(row, '台账'), unknownParams(lc.text, LEDGER_IDS), lc.text));
      continue;
    }
    const ledger = lc.text as LedgerId;
    const schema = schemas.find((s) => s.id === ledger);
    if (!fc) {
      empty(row.loc, '标准列名');
      continue;
    }
    if (!schema) continue;
    const names = taken.get(ledger)!;
    let field = fc.text;
    const existing: ColumnSchema | undefined =
      schema.columns.find((c) => c.field === field) ?? schema.columns.find((c) => c.field === names.get(normHeader(field)));
    if (existing) field = existing.field;
    else {
      // A near miss of an existing column is most likely a typo, not a new column.
      const near = schema.columns.find((c) => field.length >= 3 && editDistance(field, c.field) === 1);
      if (near) {
        issues.push(configIssue(file, 'config.unknown-field', cellLoc(row, '标准列名'), { ...unknownParams(field, [near.field]) }, field));
        continue;
      }
      names.set(normHeader(field), field);
    }
    let ok = true;
    const aliases: string[] = [];
    for (const a of splitList(row.cells.别名?.text ?? '')) {
      const o = names.get(normHeader(a));
      if (o !== undefined && o !== field) {
        issues.push(configIssue(file, 'config.conflict', cellLoc(row, '别名'), { name: a, other: o }, row.cells.别名?.text));
        ok = false;
      } else if (o === undefined) aliases.push(a);
    }
    if (!ok) continue;
    for (const a of aliases) names.set(normHeader(a), field);
    const prev = config.aliases.find((x) => x.ledger === ledger && x.field === field);
    if (prev) prev.aliases.push(...aliases.filter((a) => !prev.aliases.includes(a)));
    else config.aliases.push({ ledger, field, aliases, added: !existing, loc: row.loc });
  }

  // 规则
  const codes = CODES.filter((c) => !c.code.startsWith('config.')).map((c) => c.code);
  const seen = new Map<string, RawCell>();
  for (const row of raw.tables.规则) {
    const cc = row.cells.代码;
    const lc = row.cells.级别;
    if (!cc) {
      empty(row.loc, '代码');
      continue;
    }
    const code = cc.text;
    if (!codes.includes(code)) {
      issues.push(configIssue(file, 'config.unknown-code', cellLoc(row, '代码'), unknownParams(code, codes), code));
      continue;
    }
    if (!lc) {
      empty(row.loc, '级别');
      continue;
    }
    const level = LEVELS[lc.text] ?? LEVELS[lc.text.toLowerCase()];
    if (level === undefined) {
      issues.push(configIssue(file, 'config.unknown-level', cellLoc(row, '级别'), unknownParams(lc.text, ['错误', '警告', '提示', '关闭']), lc.text));
      continue;
    }
    const prev = seen.get(code);
    if (prev && LEVELS[prev.text] !== level) {
      issues.push(configIssue(file, 'config.conflict', cellLoc(row, '级别'), { name: code, other: prev.text }, lc.text));
      continue;
    }
    seen.set(code, lc);
    if (!prev) config.rules.push({ code, level, loc: row.loc });
  }

  return { config, issues };
}
