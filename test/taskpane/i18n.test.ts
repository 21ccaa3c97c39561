import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { zhCN } from '../../src/taskpane/i18n/zh-CN';
import { enUS } from '../../src/taskpane/i18n/en-US';
import { createTranslator, pickLocale } from '../../src/taskpane/i18n';

function args(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const e of elements) {
    if (e.type === TYPE.literal || e.type === TYPE.pound) continue;
    into.add(e.value);
    if (e.type === TYPE.select || e.type === TYPE.plural) {
      for (const opt of Object.values(e.options)) args(opt.value, into);
    }
    if (e.type === TYPE.tag) args(e.children, into);
  }
  return into;
}

describe('pane catalogues', () => {
  it('have the same keys in zh-CN and en-US', () => {
    expect(Object.keys(enUS).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('use the same ICU arguments in both languages and no empty text', () => {
    const mismatches: string[] = [];
    for (const k of Object.keys(zhCN) as Array<keyof typeof zhCN>) {
      const zh = [...args(parse(zhCN[k], { ignoreTag: true }))].sort().join(',');
      const en = [...args(parse(enUS[k], { ignoreTag: true }))].sort().join(',');
      if (zh !== en) mismatches.push(`${k}: zh-CN {${zh}} vs en-US {${en}}`);
      if (!zhCN[k].trim() || !enUS[k].trim()) mismatches.push(`${k}: empty`);
    }
    expect(mismatches).toEqual([]);
  });

  it('the English catalogue is English and the Chinese one Chinese', () => {
    const han = /[\u4e00-\u9fff]/;
    expect(han.test(zhCN['actions.check'])).toBe(true);
    expect(zhCN['outside.title']).toBe('请在 Excel 中打开本加载项');
    expect(enUS['outside.title']).toMatch(/open this add-in in Excel/);
    expect(han.test(enUS['actions.check'])).toBe(false);
  });

  it('formats arguments', () => {
    expect(createTranslator('zh-CN')('status.fixed', { count: 3 })).toBe('已修正 3 个单元格。');
    expect(createTranslator('en-US')('progress.count', { done: 2, total: 5 })).toBe('2 / 5');
  });

  it('picks English only for English display languages', () => {
    expect(pickLocale('en-US')).toBe('en-US');
    expect(pickLocale('en-GB')).toBe('en-US');
    expect(pickLocale('zh-CN')).toBe('zh-CN');
    expect(pickLocale('zh-TW')).toBe('zh-CN');
    expect(pickLocale('fr-FR')).toBe('zh-CN');
    expect(pickLocale(undefined)).toBe('zh-CN');
  });
});
