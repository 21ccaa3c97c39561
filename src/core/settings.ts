/** Settings that travel with the workbook (ledgers.md §1). */
export interface Settings {
  /** Reporting year 年度: ages and periods are computed against 31 December of it. */
  year: number;
  /** Township name 乡镇, used in form titles. */
  township: string;
  /** Village list 村名单; empty = the village-list rule does not run. */
  villages: string[];
  /** Registration deadline 登记截止日期 within the year (default 10月31日). */
  deadline: { month: number; day: number };
  /** Locale of rendered messages and forms' prose. */
  locale: Locale;
  /** Mask ID numbers (身份证号) in what is exported. */
  maskIds: boolean;
  /** People named on the forms' signature line and in the feedback (设置: 负责人, 审核人, 填表人,
   *  联系人, 联系电话). Optional: an empty one is printed as a blank to sign by hand. */
  people?: People;
  /** Days a village has to send its corrected ledger back after the feedback (设置: 重新报送期限;
   *  default 7, see docs/cli.md). */
  resubmitDays?: number;
}

export interface People {
  /** 负责人 (the township's head of 双拥 work). */
  head?: string;
  /** 审核人. */
  reviewer?: string;
  /** 填表人. */
  preparer?: string;
  /** 联系人 of the feedback (default: the 填表人). */
  contact?: string;
  /** 联系电话. */
  phone?: string;
}

/** Default days to resubmit after feedback. */
export const DEFAULT_RESUBMIT_DAYS = 7;

export type Locale = 'zh-CN' | 'en-US';

/** Default settings; `now` is only used for the default year (never for age computations). */
export function defaultSettings(now: Date = new Date()): Settings {
  return {
    year: now.getFullYear(),
    township: '',
    villages: [],
    deadline: { month: 10, day: 31 },
    locale: 'zh-CN',
    maskIds: false,
  };
}

export function resolveSettings(...parts: Array<Partial<Settings> | undefined>): Settings {
  const s = defaultSettings();
  for (const p of parts) {
    if (!p) continue;
    for (const [k, v] of Object.entries(p)) {
      if (v !== undefined) (s as unknown as Record<string, unknown>)[k] = v;
    }
  }
  return s;
}
