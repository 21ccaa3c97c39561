import { nameCheck, WHITE_SPACE } from '../../src/core/checks/name';
import type { CellCtx } from '../../src/core/checks/types';

test('the name rule\'s white space is exactly what \\s matches, for every code unit', () => {
  const set = new Set(WHITE_SPACE);
  for (let c = 0; c < 0x10000; c++) expect([c, set.has(c)]).toEqual([c, /\s/.test(String.fromCharCode(c))]);
});

test('the name rule: dots, spaces and digits found in one pass give the problems and values they gave', () => {
  const parse = nameCheck.parser!({ field: '姓名', type: 'name' } as never, {} as never);
  const run = (raw: string) => {
    const reported: string[] = [];
    const c = { report: (code: string) => reported.push(code) } as unknown as CellCtx;
    return { value: parse(raw, c), reported };
  };
  expect(run('买买提.吐尔逊')).toEqual({ value: '买买提·吐尔逊', reported: ['name.middle-dot'] });
  expect(run('王\u3000伟')).toEqual({ value: '王伟', reported: ['name.spaces'] });
  expect(run('王 伟 2')).toEqual({ value: '王伟2', reported: ['name.spaces', 'name.invalid'] });
  expect(run('男123')).toEqual({ value: '男123', reported: ['name.invalid'] });
  expect(run('阿依古丽•买买提 3')).toEqual({ value: '阿依古丽·买买提3', reported: ['name.middle-dot', 'name.invalid'] });
  expect(run('John Smith')).toEqual({ value: 'JohnSmith', reported: ['name.spaces'] });
  expect(run('王伟')).toEqual({ value: '王伟', reported: [] });
  expect(run('王\u200b伟')).toEqual({ value: '王伟', reported: ['text.normalized'] });
  expect(run('１２３')).toEqual({ value: '123', reported: ['text.normalized', 'name.invalid'] });
});
