/**
 * The Office theme for Fluent UI v9: Excel's green as the brand colour, light or dark following
 * Office's theme, and Fluent's high-contrast theme when the system forces colours.
 */
import {
  createDarkTheme,
  createLightTheme,
  teamsHighContrastTheme,
  type BrandVariants,
  type Theme,
} from '@fluentui/react-components';

/** Excel green (#107C41 at 80) from dark to light. */
export const excelBrand: BrandVariants = {
  10: '#040C07',
  20: '#061C0F',
  30: '#072C18',
  40: '#093C20',
  50: '#0B4C28',
  60: '#0D5C30',
  70: '#0E6C39',
  80: '#107C41',
  90: '#2C8C57',
  100: '#479B6D',
  110: '#62AA83',
  120: '#7EBA99',
  130: '#9ACAAF',
  140: '#B5D9C5',
  150: '#D0E8DB',
  160: '#ECF8F1',
};

export type ThemeKind = 'light' | 'dark' | 'highContrast';

export interface OfficeThemeLike {
  bodyBackgroundColor?: string;
  bodyForegroundColor?: string;
  isDarkTheme?: boolean;
}

function luminance(hex: string): number | null {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const n = parseInt(m[1], 16);
  const ch = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
}

/** Which theme to use, from an explicit override, forced colours, or Office's theme colours. */
export function detectThemeKind(
  officeTheme: OfficeThemeLike | null | undefined,
  forcedColors: boolean,
  override?: string | null,
): ThemeKind {
  if (override === 'light' || override === 'dark' || override === 'highContrast') return override;
  if (forcedColors) return 'highContrast';
  if (!officeTheme) return 'light';
  if (typeof officeTheme.isDarkTheme === 'boolean') return officeTheme.isDarkTheme ? 'dark' : 'light';
  const bg = officeTheme.bodyBackgroundColor ? luminance(officeTheme.bodyBackgroundColor) : null;
  return bg !== null && bg < 0.2 ? 'dark' : 'light';
}

const themes: Partial<Record<ThemeKind, Theme>> = {};

export function themeFor(kind: ThemeKind): Theme {
  let t = themes[kind];
  if (!t) {
    if (kind === 'highContrast') t = teamsHighContrastTheme;
    else if (kind === 'dark') {
      t = { ...createDarkTheme(excelBrand), colorBrandForeground1: excelBrand[110], colorBrandForeground2: excelBrand[120] };
    } else t = createLightTheme(excelBrand);
    themes[kind] = t;
  }
  return t;
}
