/**
 * A configuration as the rows of its sheets (host-neutral: the CLI's writer in src/cli and the
 * add-in's in src/excel both write them). `defaultConfigSheets` is the starting point `ledger config --out`
 * writes: every built-in vocabulary, alias and rule level, ready to edit.
 */
import { CODES } from '../checks/registry';
import { zhCN } from '../messages/zh-CN';
import type { CellValue } from '../model';
import { DEFAULT_LEDGER_SCHEMAS } from '../schema/ledgers';
import type { LedgerSchema } from '../schema/types';
import { LEVEL_NAMES } from './names';
import type { LedgerConfig } from './types';

export interface ConfigSheetRows {
  name: '设置' | '村名单' | '词表' | '列名' | '规则';
  /** Rows from row 1 (the header); column widths in characters for a readable sheet. */
  rows: CellValue[][];
  widths: number[];
}

function deadlineText(d: { month: number; day: number } | undefined): string {
  return d ? `${d.month}月${d.day}日` : '';
}

/** The sheets of a configuration (its own entries only). */
export function configToSheets(c: LedgerConfig): ConfigSheetRows[] {
  const s = c.settings;
  return [
    {
      name: '设置',
      rows: [
        ['项目', '值', '说明'],
        ['年度', s.year ?? null, '统计年度；留空为当年'],
        ['乡镇', s.township ?? null, '统计表的填报单位'],
        ['登记截止日期', deadlineText(s.deadline) || null, '兵役登记截止日期，如 10月31日'],
        ['身份证脱敏', s.maskIds === undefined ? null : s.maskIds ? '是' : '否', '导出时遮蔽身份证号：是 / 否'],
      ],
      widths: [16, 16, 36],
    },
    { name: '村名单', rows: [['村名'], ...c.villages.map((v) => [v])], widths: [20] },
    {
      name: '词表',
      rows: [['列', '标准写法', '同义词', '所属'], ...c.vocab.map((v) => [v.column, v.term, v.synonyms.join('、') || null, v.groups.join('、') || null])],
      widths: [12, 24, 48, 16],
    },
    {
      name: '列名',
      rows: [['台账', '标准列名', '别名'], ...c.aliases.map((a) => [a.ledger, a.field, a.aliases.join('、') || null])],
      widths: [12, 20, 60],
    },
    {
      name: '规则',
      rows: [['代码', '级别', '说明'], ...c.rules.map((r) => [r.code, LEVEL_NAMES[r.level], zhCN[r.code]?.message ?? null])],
      widths: [30, 8, 60],
    },
  ];
}

/** The built-in defaults as a configuration: every vocabulary term, alias and rule level. */
export function defaultConfig(schemas: readonly LedgerSchema[] = DEFAULT_LEDGER_SCHEMAS): LedgerConfig {
  const c: LedgerConfig = { settings: { deadline: { month: 10, day: 31 } }, villages: [], vocab: [], aliases: [], rules: [] };
  const seen = new Set<string>();
  for (const s of schemas) {
    for (const col of s.columns) {
      c.aliases.push({ ledger: s.id, field: col.field, aliases: [...(col.aliases ?? [])], added: false, loc: { sheet: '列名' } });
      if (col.type !== 'vocab' || !col.vocab || seen.has(col.field)) continue;
      seen.add(col.field);
      for (const t of col.vocab.terms) {
        c.vocab.push({ column: col.field, term: t.term, synonyms: [...(t.synonyms ?? [])], groups: [...(t.groups ?? [])], loc: { sheet: '词表' } });
      }
    }
  }
  for (const code of CODES) {
    if (code.code.startsWith('config.')) continue;
    c.rules.push({ code: code.code, level: code.severity, loc: { sheet: '规则' } });
  }
  return c;
}

/** The sheets `ledger config --out` writes: the defaults, with a configuration laid over them. */
export function defaultConfigSheets(over?: LedgerConfig): ConfigSheetRows[] {
  return configToSheets(over ? withDefaults(over) : defaultConfig());
}

/** The built-in defaults with a township's configuration laid over them (its settings, villages,
 *  extra terms, synonyms and aliases, and rule levels). */
export function withDefaults(c: LedgerConfig): LedgerConfig {
  const d = defaultConfig();
  const out: LedgerConfig = { settings: { ...d.settings, ...c.settings }, villages: [...c.villages], vocab: d.vocab, aliases: d.aliases, rules: d.rules };
  for (const v of c.vocab) {
    const ex = out.vocab.find((x) => x.column === v.column && x.term === v.term);
    if (!ex) out.vocab.push({ ...v, synonyms: [...v.synonyms], groups: [...v.groups] });
    else {
      for (const s of v.synonyms) if (!ex.synonyms.includes(s)) ex.synonyms.push(s);
      for (const g of v.groups) if (!ex.groups.includes(g)) ex.groups.push(g);
    }
  }
  for (const a of c.aliases) {
    const ex = out.aliases.find((x) => x.ledger === a.ledger && x.field === a.field);
    if (!ex) out.aliases.push({ ...a, aliases: [...a.aliases] });
    else for (const s of a.aliases) if (!ex.aliases.includes(s)) ex.aliases.push(s);
  }
  for (const r of c.rules) {
    const ex = out.rules.find((x) => x.code === r.code);
    if (ex) ex.level = r.level;
  }
  return out;
}
