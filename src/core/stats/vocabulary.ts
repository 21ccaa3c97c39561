import { DEFAULT_LEDGER_SCHEMAS } from '../schema/ledgers';
import type { LedgerSchema } from '../schema/types';

/**
 * The vocabularies the statistics group by (ledgers.md §4), as data. The default is the built-in
 * one; a caller may pass its own (a township that renamed or added categories).
 *
 * Values normally arrive canonical (the validation maps synonyms). The synonym tables below are
 * applied once more here, defensively, so that a synonym always counts under its standard term.
 */

export interface ActivityGroup {
  /** 方向: 拥军优属 or 拥政爱民. */
  direction: string;
  /** The 活动类别 of this 方向, in form order. */
  categories: string[];
}

export interface StatsVocabulary {
  /** 优抚类别, in the column order of 优抚对象统计表. */
  beneficiaryCategories: string[];
  /** 活动类别 grouped by 方向, in the row order of 双拥活动统计表. */
  activityGroups: ActivityGroup[];
  /** 共建对子 类型. */
  pairTypes: string[];
  /** 安置 安置类型. */
  placementTypes: string[];
  /** Synonym → canonical term, per canonical field name. */
  synonyms: Record<string, Record<string, string>>;
}

/** The vocabulary of ledgers.md §4 as written there (the fallback when a schema lacks a column). */
export const SPEC_VOCABULARY: StatsVocabulary = {
  beneficiaryCategories: [
    '残疾军人',
    '烈士遗属',
    '因公牺牲军人遗属',
    '病故军人遗属',
    '在乡复员军人',
    '带病回乡退役军人',
    '参战退役军人',
    '参试退役军人',
    '年满60周岁农村籍退役士兵',
    '烈士老年子女',
    '现役军人家属',
    '其他退役军人',
  ],
  activityGroups: [
    {
      direction: '拥军优属',
      categories: ['文化进军营', '体育进军营', '社会服务进军营', '科技法律进军营', '送温暖进军营', '就业岗位进军营'],
    },
    {
      direction: '拥政爱民',
      categories: ['治安服务进村镇', '卫生服务进村镇', '绿化服务进村镇', '国防教育进村镇', '扶贫帮困进村镇', '便民服务进村镇'],
    },
  ],
  pairTypes: ['军民共建', '帮扶'],
  placementTypes: ['退役士兵', '随军家属'],
  synonyms: {
    优抚类别: {
      伤残军人: '残疾军人',
      革命伤残军人: '残疾军人',
      烈属: '烈士遗属',
      老复员军人: '在乡复员军人',
      带病回乡退伍军人: '带病回乡退役军人',
      军属: '现役军人家属',
      退役士兵: '其他退役军人',
    },
    活动类别: {
      文艺演出: '文化进军营',
      送戏: '文化进军营',
      放电影: '文化进军营',
      篮球赛: '体育进军营',
      运动会: '体育进军营',
      走访慰问: '送温暖进军营',
      植树: '绿化服务进村镇',
    },
  },
};

/**
 * The statistics' vocabulary from ledger schemas (the defaults, or the user's changed ones from
 * `buildSchemas(override)`), so that renamed or added categories are counted and laid out too.
 * Synonyms of every vocabulary column are collected per field.
 */
export function vocabularyFromSchemas(schemas: readonly LedgerSchema[]): StatsVocabulary {
  const col = (ledger: string, field: string) => schemas.find((l) => l.id === ledger)?.columns.find((c) => c.field === field);
  const terms = (ledger: string, field: string) => col(ledger, field)?.vocab?.terms.map((t) => t.term);
  const synonyms: Record<string, Record<string, string>> = {};
  for (const l of schemas) {
    for (const c of l.columns) {
      if (!c.vocab) continue;
      const m = (synonyms[c.field] ??= {});
      for (const t of c.vocab.terms) for (const syn of t.synonyms ?? []) if (!(syn in m)) m[syn] = t.term;
    }
  }
  for (const [field, m] of Object.entries(SPEC_VOCABULARY.synonyms)) {
    const into = (synonyms[field] ??= {});
    for (const [k, v] of Object.entries(m)) if (!(k in into)) into[k] = v;
  }
  const directions = terms('双拥活动', '方向') ?? SPEC_VOCABULARY.activityGroups.map((g) => g.direction);
  const activity = col('双拥活动', '活动类别')?.vocab?.terms;
  const activityGroups: ActivityGroup[] = activity
    ? directions.map((direction) => ({
        direction,
        categories: activity.filter((t) => (t.groups ?? []).includes(direction)).map((t) => t.term),
      }))
    : SPEC_VOCABULARY.activityGroups;
  const ungrouped = activity?.filter((t) => !t.groups || !t.groups.some((g) => directions.includes(g))).map((t) => t.term) ?? [];
  if (ungrouped.length > 0) activityGroups.push({ direction: '其他', categories: ungrouped });
  return {
    beneficiaryCategories: terms('优抚对象', '优抚类别') ?? SPEC_VOCABULARY.beneficiaryCategories,
    activityGroups,
    pairTypes: terms('共建对子', '类型') ?? SPEC_VOCABULARY.pairTypes,
    placementTypes: terms('安置', '安置类型') ?? SPEC_VOCABULARY.placementTypes,
    synonyms,
  };
}

/** The default vocabulary: the default ledger schemas' (ledgers.md §4). */
export const DEFAULT_VOCABULARY: StatsVocabulary = vocabularyFromSchemas(DEFAULT_LEDGER_SCHEMAS);
