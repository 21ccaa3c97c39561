/** Registration of `ledger diff` and `ledger reconcile` (the commands live in diff.ts and reconcile.ts). */
import type { Command } from 'commander';
import { cmdDiff, type DiffOptions } from './diff';
import { cmdReconcile, type ReconcileOptions } from './reconcile';
import type { Io } from './session';

export function registerCompareCommands(program: Command, common: (c: Command) => Command, io: Io, setCode: (code: number) => void): void {
  common(
    program
      .command('diff')
      .description('年度比对：去年与今年的台账逐行比对（新增、减少、变更、未核验）')
      .requiredOption('--last <inputs...>', '去年的台账（文件或文件夹）')
      .requiredOption('--this <inputs...>', '今年的台账（文件或文件夹）')
      .option('--json <FILE>', '写出 JSON')
      .option('--out <FILE>', '写出年度比对工作簿 .xlsx')
      .option('--mask-ids', '在 JSON 和工作簿中遮蔽身份证号'),
  ).action(async (o: DiffOptions) => {
    setCode(await cmdDiff(o, io));
  });

  common(
    program
      .command('reconcile')
      .description('名单比对：台账与公安适龄男青年名单、死亡人员名单比对')
      .argument('<inputs...>', '今年的台账（文件或文件夹）')
      .option('--roster <FILE>', '适龄男青年名单（公安户籍）')
      .option('--deceased <FILE>', '死亡人员名单')
      .option('--json <FILE>', '写出 JSON')
      .option('--out <FILE>', '写出名单比对工作簿 .xlsx')
      .option('--mask-ids', '在 JSON 和工作簿中遮蔽身份证号'),
  ).action(async (inputs: string[], o: ReconcileOptions) => {
    setCode(await cmdReconcile(inputs, o, io));
  });
}
