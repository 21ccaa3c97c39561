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
}

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
