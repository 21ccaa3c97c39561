/**
 * `npx ledger …` — the terminal front end over the same core as the Excel add-in (cli.md).
 * Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 the command could not run
 * (bad usage, or a file that could not be read; the other files are still processed).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command, CommanderError, Option } from 'commander';
import { assertNotInput, UsageError } from './inputs';
import { makeProgress } from './progress';
import { buildJsonReport, countsPerFile, renderCountsTable, renderTopProblems } from './report';
import {
  addProblems,
  ensureDir,
  inputsFailed,
  loadInputs,
  repairProblems,
  reportInputProblems,
  resolveCliSettings,
  runChecks,
  type CommonOptions,
  type Io,
} from './session';
import { markedName, writeMarkedCopies } from './marked';
import { feedbackByVillage, feedbackPath, writeFeedback } from './feedback';
import { writeMerged } from './merge';
import { writeErrorText, writeWholeSync } from './write-errors';
import { writeTemplate } from './template';
import { writeSummary } from './summarize';
import { ConfigFileError, inputsConfig, loadCliConfig, writeDefaultConfig } from './config';
import { withConfigIssues } from '../core/config/apply';
import { registerCompareCommands } from './compare-commands';
import { addDeceasedProblems, deceasedFor, rosterFor } from './reconcile';
import { yoyFor } from './diff';

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_FAILED = 2;

const defaultIo: Io = {
  out: (l) => process.stdout.write(l + '\n'),
  err: (l) => process.stderr.write(l + '\n'),
};

interface CheckOptions extends CommonOptions {
  json?: string;
  marked?: string;
  feedback?: string;
  deceased?: string;
}

interface SummarizeOptions extends CommonOptions {
  out: string;
  template?: string;
  roster?: string;
  last?: string[];
}

interface MergeOptions extends CommonOptions {
  out: string;
}

interface TemplateOptions {
  out: string;
  village?: string;
  year?: string;
  quiet?: boolean;
  config?: string;
}

function showProgress(quiet: boolean | undefined): boolean {
  return !quiet && Boolean(process.stderr.isTTY) && !process.env.CI;
}

function writeFileSafe(out: string, data: string, inputs: string[]): string {
  assertNotInput(out, inputs);
  const abs = path.resolve(out);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  writeWholeSync(abs, data);
  return abs;
}

/**
 * What check, summarize and merge share: read the inputs, refuse any output that is an input
 * (before anything is written), resolve the settings and run the checks.
 */
async function loadAndCheck(args: string[], o: CommonOptions, io: Io, outputs: Array<string | undefined>) {
  // A configuration with a mistake stops the command before any input is read.
  const cfg = await loadCliConfig(o.config, o.locale === 'en-US' ? 'en-US' : 'zh-CN');
  const progress = makeProgress(showProgress(o.quiet));
  const loaded = await loadInputs(args, io, progress, Boolean(o.quiet));
  const inputs = loaded.inputs.map((i) => i.path);
  for (const out of outputs) if (out) assertNotInput(out, inputs);
  // The §8 sheets inside the workbooks, as the add-in reads them, under --config (docs/config.md).
  const own = inputsConfig(
    loaded.books.map((b) => b.data),
    cfg,
    o.locale === 'en-US' ? 'en-US' : 'zh-CN',
  );
  const settings = await resolveCliSettings(own.books, o, cfg?.settings);
  reportInputProblems(loaded, io, Boolean(o.quiet), Boolean(o.verbose));
  for (const line of own.lines) io.err(line);
  const checked = runChecks(own.books, settings, progress, own.checkOptions);
  // A mistake in a workbook's configuration sheet is a problem of that workbook, as in the add-in.
  const result = withConfigIssues(checked, own.issues);
  // Damage repaired while reading: file.repaired warnings (docs/cli.md).
  addProblems(result, repairProblems(loaded.books));
  return { loaded, inputs, settings, result, cfg };
}

async function cmdCheck(args: string[], o: CheckOptions, io: Io): Promise<number> {
  const { loaded, inputs, settings, result } = await loadAndCheck(args, o, io, [o.json]);
  if (o.deceased) addDeceasedProblems(result, await deceasedFor(o.deceased, result, settings, io, Boolean(o.quiet)));
  // Refuse any output that would overwrite an input before writing anything.
  if (o.marked) for (const b of loaded.books) assertNotInput(path.join(path.resolve(o.marked), markedName(b.input.display)), inputs);
  if (o.feedback) for (const v of feedbackByVillage(result, settings, false).keys()) assertNotInput(feedbackPath(path.resolve(o.feedback), v), inputs);
  const order = loaded.inputs.map((i) => i.display);
  const counts = countsPerFile(order, result, loaded.failures);
  io.out(renderCountsTable(counts));
  if (!o.quiet) for (const line of renderTopProblems(result, settings.locale)) io.out(line);
  // Per-sheet counts include the problems beyond the listing cap.
  const errors = counts.reduce((a, c) => a + c.errors, 0);
  const warnings = counts.reduce((a, c) => a + c.warnings, 0);
  const omitted = counts.reduce((a, c) => a + c.omitted, 0);
  if (o.json) {
    const report = buildJsonReport(order, result, loaded.failures, settings.locale, settings.maskIds);
    const abs = writeFileSafe(o.json, JSON.stringify(report, null, 2) + '\n', inputs);
    if (!o.quiet) io.out(`已写出 JSON 报告：${abs}`);
  }
  if (o.marked) {
    const dir = ensureDir(o.marked);
    const written = await writeMarkedCopies(loaded.books, result, settings, dir, inputs, (l) => io.err(l));
    if (!o.quiet) io.out(`已写出标注副本 ${written.length} 个：${dir}`);
  }
  if (o.feedback) {
    const dir = ensureDir(o.feedback);
    const written = await writeFeedback(result, settings, dir, inputs, { maskIds: Boolean(o.maskIds) });
    if (!o.quiet) io.out(`已写出反馈表 ${written.length} 个（每村一个）：${dir}`);
  }
  if (loaded.books.length === 0) {
    io.out('没有读到任何工作簿，未做校验。');
    return EXIT_FAILED;
  }
  io.out(
    `共 ${errors} 个错误，${warnings} 个警告` +
      (omitted > 0 ? `（另有 ${omitted} 个问题超出每表上限，未逐条列出）` : '') +
      (loaded.failures.length + loaded.missing.length > 0 ? `；${loaded.failures.length + loaded.missing.length} 个文件无法读取` : '') +
      '。',
  );
  if (!o.quiet && errors + warnings > 0 && !o.json && !o.marked && !o.feedback) {
    // The terminal shows counts only (no personal data in what may end up in a log).
    io.out('逐条问题：--json FILE 报告，--marked DIR 标注副本，--feedback DIR 各村反馈表。');
  }
  if (inputsFailed(loaded)) return EXIT_FAILED;
  return errors > 0 ? EXIT_ERRORS : EXIT_OK;
}

async function cmdSummarize(args: string[], o: SummarizeOptions, io: Io): Promise<number> {
  if (o.template && !fs.existsSync(o.template)) throw new UsageError(`--template 文件不存在：${o.template}`);
  const { loaded, inputs, settings, result, cfg } = await loadAndCheck(args, o, io, [o.out]);
  const roster = o.roster ? await rosterFor(o.roster, result, settings, io, Boolean(o.quiet)) : undefined;
  const yoy = o.last ? await yoyFor(o.last, result, settings, io, Boolean(o.quiet), cfg) : undefined;
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  const warnings = result.problems.filter((p) => p.severity === 'warning').length;
  io.out(`校验：${errors} 个错误，${warnings} 个警告` + (errors > 0 ? '（有错误的行仍计入统计，请先改正后再上报）' : '') + '。');
  const written = await writeSummary(result, settings, o.out, { template: o.template, io, quiet: Boolean(o.quiet), inputs, roster, yoy });
  if (!o.quiet) for (const w of written) io.out(`已写出：${w}`);
  if (inputsFailed(loaded)) return EXIT_FAILED;
  return errors > 0 ? EXIT_ERRORS : EXIT_OK;
}

async function cmdMerge(args: string[], o: MergeOptions, io: Io): Promise<number> {
  const { loaded, settings, result } = await loadAndCheck(args, o, io, [o.out]);
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  const stats = await writeMerged(result, settings, o.out, loaded);
  if (!o.quiet) {
    for (const s of stats.sheets)
      io.out(`${s.ledger}：${s.rows} 行（来自 ${s.files} 个文件${s.errorRows > 0 ? `，其中 ${s.errorRows} 行有错误，已标红保留` : ''}）`);
    io.out(`已写出合并工作簿：${path.resolve(o.out)}`);
  }
  if (inputsFailed(loaded)) return EXIT_FAILED;
  return errors > 0 ? EXIT_ERRORS : EXIT_OK;
}

async function cmdTemplate(o: TemplateOptions, io: Io): Promise<number> {
  let year: number | undefined;
  if (o.year !== undefined) {
    if (!/^\d{4}$/.test(o.year)) throw new UsageError(`--year 应为四位年份（收到：${o.year}）`);
    year = Number(o.year);
  }
  const cfg = await loadCliConfig(o.config);
  const abs = await writeTemplate(o.out, {
    village: o.village,
    year: year ?? cfg?.settings.year ?? new Date().getFullYear(),
    township: cfg?.settings.township,
  });
  if (!o.quiet) io.out(`已写出空白台账模板：${abs}`);
  return EXIT_OK;
}

function commonOptions(c: Command): Command {
  return c
    .option('--year <YYYY>', '统计年度（默认：设置表中的年度，否则今年）')
    .option('--villages <FILE>', '村名单：文本文件（每行一个）或 .xlsx（第一列）')
    .option('--quiet', '不显示进度与提示')
    .option('--verbose', '无法读取的文件另附技术细节')
    .option('--config <FILE>', '配置：配置工作簿 .xlsx 或 .json（村名单、词表、列名、规则；命令行设置优先）')
    .addOption(new Option('--locale <LOCALE>', '报告语言').choices(['zh-CN', 'en-US']));
}

/** Runs the CLI with the given arguments (without `node` and the script); resolves to the exit code. */
export async function runWith(argv: string[], io: Io = defaultIo): Promise<number> {
  let code = EXIT_OK;
  const program = new Command('ledger');
  program
    .description('双拥台账助手 — 校验、汇总、合并村级双拥台账')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.replace(/\n$/, '')), writeErr: (s) => io.err(s.replace(/\n$/, '')) })
    .showHelpAfterError('（用 ledger --help 查看用法）');

  commonOptions(
    program
      .command('check')
      .description('校验台账：逐文件列出错误与警告数')
      .argument('<inputs...>', '.xlsx 文件或文件夹')
      .option('--json <FILE>', '写出 JSON 报告')
      .option('--marked <DIR>', '写出标注了问题单元格的副本')
      .option('--feedback <DIR>', '按村写出反馈表')
      .option('--mask-ids', '在 JSON 报告和反馈表中遮蔽身份证号（反馈表保留出错的那个，以便改正）')
      .option('--deceased <FILE>', '死亡人员名单：死亡后仍在册、死亡后仍发放的行报为错误'),
  ).action(async (inputs: string[], o: CheckOptions) => {
    code = await cmdCheck(inputs, o, io);
  });

  commonOptions(
    program
      .command('summarize')
      .description('汇总：填写五张标准统计表')
      .argument('<inputs...>', '.xlsx 文件或文件夹')
      .requiredOption('--out <FILE>', '输出 .xlsx')
      .option('--template <FILE>', '自定义汇总模板（含 {{占位符}} 的 .xlsx）')
      .option('--roster <FILE>', '适龄男青年名单：兵役登记统计表以名单人数为应登记人数')
      .option('--last <inputs...>', '去年的台账：年度比对的人数（新增人数等）计入统计与模板'),
  ).action(async (inputs: string[], o: SummarizeOptions) => {
    code = await cmdSummarize(inputs, o, io);
  });

  commonOptions(
    program
      .command('merge')
      .description('合并：每种台账一张表，附“来源”列')
      .argument('<inputs...>', '.xlsx 文件或文件夹')
      .requiredOption('--out <FILE>', '输出 .xlsx')
      .option('--mask-ids', '合并结果中遮蔽身份证号'),
  ).action(async (inputs: string[], o: MergeOptions) => {
    code = await cmdMerge(inputs, o, io);
  });

  program
    .command('template')
    .description('写出发给各村的空白标准台账')
    .requiredOption('--out <FILE>', '输出 .xlsx')
    .option('--village <NAME>', '村名（填入模板）')
    .option('--year <YYYY>', '年度')
    .option('--config <FILE>', '配置：配置工作簿 .xlsx 或 .json（年度、乡镇）')
    .option('--quiet', '不显示提示')
    .action(async (o: TemplateOptions) => {
      code = await cmdTemplate(o, io);
    });

  program
    .command('config')
    .description('写出配置工作簿：内置的村名单、词表、列名与规则级别，供修改后用 --config 使用')
    .requiredOption('--out <FILE>', '输出 .xlsx（或 .json）')
    .option('--config <FILE>', '在内置默认值上叠加这个配置一起写出')
    .option('--quiet', '不显示提示')
    .action(async (o: { out: string; config?: string; quiet?: boolean }) => {
      const cfg = await loadCliConfig(o.config);
      if (o.config && path.resolve(o.config) === path.resolve(o.out)) throw new UsageError(`--out 不能覆盖 --config 文件：${o.out}`);
      const abs = await writeDefaultConfig(o.out, cfg?.config);
      if (!o.quiet) io.out(`已写出配置工作簿（内置默认值，可修改后用 --config 使用）：${abs}`);
      code = EXIT_OK;
    });
  registerCompareCommands(program, commonOptions, io, (c) => {
    code = c;
  });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help exits 0; help shown because the command was missing is bad usage.
      return e.exitCode === 0 ? EXIT_OK : EXIT_FAILED;
    }
    if (e instanceof ConfigFileError) {
      for (const l of e.lines) io.err(l);
      return EXIT_FAILED;
    }
    if (e instanceof UsageError) {
      io.err(`错误  ${e.message}`);
      return EXIT_FAILED;
    }
    const unwritable = writeErrorText(e);
    io.err(`错误  ${unwritable ?? (e instanceof Error ? e.message : String(e))}`);
    return EXIT_FAILED;
  }
}

export function run(argv: string[]): Promise<number> {
  return runWith(argv, defaultIo);
}
