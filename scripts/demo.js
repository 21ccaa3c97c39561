#!/usr/bin/env node
'use strict';
/**
 * `npm run demo`: runs the CLI on the bundled sample village workbooks (samples/) and writes
 * everything to demo-output/. The samples contain deliberate errors, so `ledger check` exits 1 on
 * purpose; the demo itself exits 0 when every command ran.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const bin = path.join(root, 'bin', 'ledger.js');
const out = path.join(root, 'demo-output');

function say(s) {
  process.stdout.write(s + '\n');
}

if (!fs.existsSync(path.join(root, 'dist-cli', 'cli', 'main.js'))) {
  say('› 首次运行：编译命令行工具（npm run build:cli）…');
  const b = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build:cli'], { cwd: root, stdio: 'inherit' });
  // tsc still emits JavaScript when it reports type errors; only a missing output stops the demo.
  if (!fs.existsSync(path.join(root, 'dist-cli', 'cli', 'main.js'))) {
    say('编译失败，演示中止。');
    process.exit(b.status || 1);
  }
  if (b.status !== 0) say('（编译报告了类型错误，但已生成可运行的代码，继续演示）');
}

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });

const steps = [
  {
    title: '1. 校验四个村的台账（样例中故意埋了错误，所以这一步的退出码是 1，这是预期的）',
    args: ['check', 'samples/', '--year', '2026', '--json', 'demo-output/report.json', '--marked', 'demo-output/marked', '--feedback', 'demo-output/feedback'],
    expect: [1],
  },
  {
    title: '2. 汇总：填写五张标准统计表',
    args: ['summarize', 'samples/', '--year', '2026', '--out', 'demo-output/汇总.xlsx'],
    expect: [0, 1],
  },
  {
    title: '3. 合并：每种台账一张表，附来源列',
    args: ['merge', 'samples/', '--year', '2026', '--out', 'demo-output/合并.xlsx'],
    expect: [0, 1],
  },
  {
    title: '4. 空白模板：发给各村的标准台账',
    args: ['template', '--out', 'demo-output/空白台账-红旗村.xlsx', '--village', '红旗村', '--year', '2026'],
    expect: [0],
  },
  {
    title: '5. 年度比对：去年（samples-2025/）与今年（samples/）的台账逐行比对——新增、减少（未说明减少）、变更、未核验',
    args: ['diff', '--last', 'samples-2025/', '--this', 'samples/', '--year', '2026', '--out', 'demo-output/年度比对.xlsx', '--json', 'demo-output/年度比对.json'],
    expect: [0],
  },
  {
    title: '6. 名单比对：对照公安适龄男青年名单和死亡人员名单（样例里有未登记的人和死亡后仍在册的人，所以退出码是 1）',
    args: ['reconcile', 'samples/', '--roster', 'samples-lists/公安适龄男青年名单.xlsx', '--deceased', 'samples-lists/死亡人员名单.xlsx', '--year', '2026', '--out', 'demo-output/名单比对.xlsx', '--json', 'demo-output/名单比对.json'],
    expect: [1],
  },
];

let ok = true;
for (const s of steps) {
  say('');
  say(`━━ ${s.title}`);
  say(`$ npx ledger ${s.args.join(' ')}`);
  const r = spawnSync(process.execPath, [bin, ...s.args], { cwd: root, stdio: 'inherit', env: { ...process.env, CI: '1' } });
  const code = r.status;
  if (s.expect.includes(code)) {
    say(`（退出码 ${code}${code === 1 ? '：发现了错误——样例里的错误是故意的' : ''}）`);
  } else {
    say(`✗ 意外的退出码 ${code}`);
    ok = false;
  }
}

say('');
say('━━ 演示输出（demo-output/）：');
function list(dir, prefix) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      say(`  ${prefix}${e.name}/`);
      list(p, prefix + '  ');
    } else {
      say(`  ${prefix}${e.name}  (${Math.max(1, Math.round(fs.statSync(p).size / 1024))} KB)`);
    }
  }
}
list(out, '');
say('');
say('report.json 是机器可读的校验报告；marked/ 里是标注了问题单元格的副本（原文件未改动）；');
say('feedback/ 里是每个村一份的反馈表，可直接发回各村；汇总.xlsx 是五张标准统计表；合并.xlsx 是合并后的台账。');
say('年度比对.xlsx 列出与去年相比的新增、减少、变更和未核验人员；名单比对.xlsx 是各村登记率和每村一张的未登记名单，以及死亡后仍在册的人。');
process.exit(ok ? 0 : 1);
