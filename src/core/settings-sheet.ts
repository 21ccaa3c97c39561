/**
 * `readSettingsSheet`: a sheet (normally named 设置) of label/value rows → Partial<Settings>.
 *   年度 | 2026            乡镇 | 城关镇
 *   村名单 | 红旗村、东风村  (or the villages in the following cells, or in the rows below with an
 *                            empty label)
 *   登记截止日期 | 10月31日 (also 10-31, 2026-10-31, a date cell)
 */
import type { CellValue, SheetData } from './model';
import type { Settings } from './settings';
import { cellText, normCompact } from './text/normalize';
import { dateToIso, serialToIso } from './values/date';

type PeopleKey = 'head' | 'reviewer' | 'preparer' | 'contact' | 'phone';
const LABELS: Record<string, 'year' | 'township' | 'villages' | 'deadline' | 'maskIds' | 'locale' | 'resubmitDays' | `people.${PeopleKey}`> = {
  年度: 'year', 年份: 'year', 报表年度: 'year', 统计年度: 'year', 填报年度: 'year',
  乡镇: 'township', 镇: 'township', 乡: 'township', 街道: 'township', 乡镇名称: 'township', '乡镇(街道)': 'township', 乡镇街道: 'township',
  村名单: 'villages', 村: 'villages', '村(社区)名单': 'villages', 行政村: 'villages', 村社区名单: 'villages',
  登记截止日期: 'deadline', 截止日期: 'deadline', 兵役登记截止日期: 'deadline',
  身份证脱敏: 'maskIds', 隐藏身份证号: 'maskIds',
  语言: 'locale',
  负责人: 'people.head', 审核人: 'people.reviewer', 填表人: 'people.preparer', 制表人: 'people.preparer',
  联系人: 'people.contact', 联系电话: 'people.phone', 电话: 'people.phone',
  重新报送期限: 'resubmitDays', '重新报送期限(天)': 'resubmitDays', 反馈期限: 'resubmitDays',
};

function labelOf(c: CellValue | undefined): string | null {
  if (typeof c !== 'string') return null;
  const k = normCompact(c).replace(/[:：*]+$/, '');
  return k === '' ? null : k;
}

const SPLIT = /[,，、;；\s]+/;

export function parseYear(c: CellValue): number | undefined {
  const t = typeof c === 'number' ? String(c) : normCompact(cellText(c)).replace(/年(度)?$/, '');
  const n = +t;
  return Number.isInteger(n) && n >= 1950 && n <= 2200 ? n : undefined;
}

export function parseDeadline(c: CellValue): { month: number; day: number } | undefined {
  let iso = '';
  if (c instanceof Date) iso = dateToIso(c);
  else if (typeof c === 'number' && c > 1000) iso = serialToIso(c);
  if (iso) return { month: +iso.slice(5, 7), day: +iso.slice(8, 10) };
  const t = normCompact(cellText(c));
  const m = /^(?:\d{4}[-/.年])?(\d{1,2})[-/.月](\d{1,2})日?$/.exec(t);
  if (!m) return undefined;
  const month = +m[1];
  const day = +m[2];
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return { month, day };
}

export function readSettingsSheet(sheet: SheetData): Partial<Settings> {
  const out: Partial<Settings> = {};
  let current: string | null = null;
  const villages: string[] = [];
  for (const row of sheet.rows) {
    const cells = row.cells;
    const label = labelOf(cells[0]);
    const key = label !== null ? LABELS[label] : undefined;
    const values = cells.slice(1).filter((c) => c !== null && c !== undefined && cellText(c).trim() !== '');
    if (label !== null && key === undefined) {
      current = null;
      continue;
    }
    if (key !== undefined) current = key;
    if (current === null || values.length === 0) continue;
    switch (current) {
      case 'year': {
        const y = parseYear(values[0]);
        if (y !== undefined) out.year = y;
        break;
      }
      case 'township':
        out.township = normCompact(cellText(values[0]));
        break;
      case 'villages':
        for (const v of values) for (const p of normCompact(cellText(v)) === '' ? [] : cellText(v).split(SPLIT)) {
          const n = normCompact(p);
          if (n && !villages.includes(n)) villages.push(n);
        }
        break;
      case 'deadline': {
        const d = parseDeadline(values[0]);
        if (d) out.deadline = d;
        break;
      }
      case 'maskIds': {
        const t = normCompact(cellText(values[0])).toLowerCase();
        out.maskIds = ['是', 'y', 'yes', 'true', '1', '√'].includes(t);
        break;
      }
      case 'locale': {
        const t = normCompact(cellText(values[0]));
        if (t === 'en-US' || t === 'English' || t === '英文') out.locale = 'en-US';
        else if (t === 'zh-CN' || t === '中文') out.locale = 'zh-CN';
        break;
      }
      case 'resubmitDays': {
        const n = typeof values[0] === 'number' ? values[0] : Number(normCompact(cellText(values[0])).replace(/天$/, ''));
        if (Number.isInteger(n) && n > 0 && n <= 365) out.resubmitDays = n;
        break;
      }
      default:
        if (current.startsWith('people.')) out.people = { ...out.people, [current.slice(7)]: normCompact(cellText(values[0])) };
    }
    // Only 村名单 continues onto following rows with an empty label.
    if (current !== 'villages') current = null;
  }
  if (villages.length > 0) out.villages = villages;
  return out;
}
