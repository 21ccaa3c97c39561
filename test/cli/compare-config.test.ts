/**
 * diff and reconcile honour the configuration as check does (docs/config.md): the 设置 sheet of the
 * input workbooks gives the year when --year is not given, and the township's 词表 (in the
 * workbooks or --config) normalises the values compared — a local word for a standard term is no
 * change. (Since the 设置 sheet moved from the reader to the configuration, diff and reconcile
 * read neither.)
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { BENEFICIARY_HEADER, beneficiaryRow, CONSCRIPT_HEADER, conscriptRow } from '../core/fixtures';
import { makeId } from '../../src/core/values/id';
import { writeRows } from './fixtures';
import { cli, tmpDir } from './helpers';

const man = (i: number): string => makeId('110105', '20080315', 11 + 2 * i);
const SETTINGS = (year: number) => [['项目', '值'], ['年度', year]];
const VOCAB = [['列', '标准写法', '同义词', '所属'], ['优抚类别', '其他退役军人', '复退老兵']];

test('diff: the year from this year\'s 设置 sheet; a 词表 synonym (in the workbook or --config) is no change', async () => {
  const dir = tmpDir();
  const cat = BENEFICIARY_HEADER.indexOf('优抚类别');
  const local = (i: number) => beneficiaryRow(i).map((v, j) => (j === cat ? '复退老兵' : v));
  const std = (i: number) => beneficiaryRow(i).map((v, j) => (j === cat ? '其他退役军人' : v));
  await writeRows(path.join(dir, '2024', '红旗村.xlsx'), { 优抚对象: [BENEFICIARY_HEADER, std(1), std(2)], 设置: SETTINGS(2024) });
  await writeRows(path.join(dir, '2025', '红旗村.xlsx'), { 优抚对象: [BENEFICIARY_HEADER, std(1), local(2)], 设置: SETTINGS(2025), 词表: VOCAB });
  const json = path.join(dir, 'd.json');
  const r = await cli('diff', '--last', path.join(dir, '2024'), '--this', path.join(dir, '2025'), '--json', json, '--quiet');
  expect(r.code).toBe(0);
  const j = JSON.parse(fs.readFileSync(json, 'utf8'));
  expect(j.year).toBe(2025);
  expect(r.out).toContain('年度比对（2024 → 2025）');
  expect(j.changes).toEqual([]);

  // The same word with the 词表 only in a --config workbook.
  await writeRows(path.join(dir, '2025b', '红旗村.xlsx'), { 优抚对象: [BENEFICIARY_HEADER, std(1), local(2)] });
  await writeRows(path.join(dir, 'config.xlsx'), { 词表: VOCAB });
  const r2 = await cli('diff', '--last', path.join(dir, '2024'), '--this', path.join(dir, '2025b'), '--year', '2025', '--config', path.join(dir, 'config.xlsx'), '--json', json, '--quiet');
  expect(r2.code).toBe(0);
  expect(JSON.parse(fs.readFileSync(json, 'utf8')).changes).toEqual([]);
  // Without the 词表 the local word is a change of 优抚类别 (a removal and an addition).
  const r3 = await cli('diff', '--last', path.join(dir, '2024'), '--this', path.join(dir, '2025b'), '--year', '2025', '--json', json, '--quiet');
  expect(r3.code).toBe(0);
  expect(JSON.parse(fs.readFileSync(json, 'utf8')).changes.length).toBeGreaterThan(0);
});

test('reconcile: the year from the 设置 sheet', async () => {
  const dir = tmpDir();
  await writeRows(path.join(dir, 'in', '红旗村.xlsx'), {
    兵役登记: [CONSCRIPT_HEADER, conscriptRow(1, { 身份证号: man(1) })],
    优抚对象: [BENEFICIARY_HEADER, beneficiaryRow(1)],
    设置: SETTINGS(2025),
  });
  await writeRows(path.join(dir, '公安名单.xlsx'), { Sheet1: [['姓名', '身份证号', '所在村'], ['甲', man(1), '红旗村']] });
  const json = path.join(dir, 'r.json');
  const r = await cli('reconcile', path.join(dir, 'in'), '--roster', path.join(dir, '公安名单.xlsx'), '--json', json, '--quiet');
  expect(r.code).toBe(0);
  expect(JSON.parse(fs.readFileSync(json, 'utf8')).year).toBe(2025);
});

test('summarize --last --config: last year is read with the configuration too (a 词表 synonym is no change, as in diff)', async () => {
  const dir = tmpDir();
  const cat = BENEFICIARY_HEADER.indexOf('优抚类别');
  const local = (i: number) => beneficiaryRow(i).map((v, j) => (j === cat ? '复退老兵' : v));
  const std = (i: number) => beneficiaryRow(i).map((v, j) => (j === cat ? '其他退役军人' : v));
  // Last year's workbook says it the local way, this year's the standard way: the same people.
  await writeRows(path.join(dir, '2024', '红旗村.xlsx'), { 优抚对象: [BENEFICIARY_HEADER, local(1), local(2)] });
  await writeRows(path.join(dir, '2025', '红旗村.xlsx'), { 优抚对象: [BENEFICIARY_HEADER, std(1), std(2)] });
  await writeRows(path.join(dir, 'config.xlsx'), { 词表: VOCAB });
  await writeRows(path.join(dir, 'tpl.xlsx'), { 我的表: [['新增', '{{新增人数|优抚对象}}'], ['减少', '{{减少人数|优抚对象}}'], ['变更', '{{变更人数}}']] });
  const out = path.join(dir, 'o.xlsx');
  const r = await cli('summarize', path.join(dir, '2025'), '--last', path.join(dir, '2024'), '--year', '2025', '--config', path.join(dir, 'config.xlsx'), '--template', path.join(dir, 'tpl.xlsx'), '--out', out, '--quiet');
  expect(r.code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet('我的表')!;
  expect([ws.getCell('B1').value, ws.getCell('B2').value, ws.getCell('B3').value]).toEqual([0, 0, 0]);
  // diff with the same configuration agrees.
  const json = path.join(dir, 'd.json');
  await cli('diff', '--last', path.join(dir, '2024'), '--this', path.join(dir, '2025'), '--year', '2025', '--config', path.join(dir, 'config.xlsx'), '--json', json, '--quiet');
  expect(JSON.parse(fs.readFileSync(json, 'utf8')).changes).toEqual([]);
});
