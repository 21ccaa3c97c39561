/**
 * The generated paragraph of 双拥工作年度汇总, in the register of an annual 双拥工作总结.
 * Every sentence (and clause) whose figure is 0 is dropped; a rate with no denominator is dropped.
 */
import { statValue, type StatAt } from '../stats/compute';
import { formatPercent } from '../stats/format';
import type { Statistics } from '../stats/types';

function n(stats: Statistics, name: string, at: StatAt = {}): number {
  return statValue(stats, name, at).value ?? 0;
}

/** Money for prose: whole 元 without decimals, else two decimals. */
export function moneyProse(v: number): string {
  const cents = Math.round(v * 100);
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2);
}

export function summaryParagraph(stats: Statistics, locale: 'zh-CN' | 'en-US' = 'zh-CN'): string {
  return locale === 'en-US' ? paragraphEn(stats) : paragraphZh(stats);
}

function paragraphZh(stats: Statistics): string {
  const s: string[] = [];
  const activities = n(stats, '活动次数');
  if (activities > 0) {
    const parts: string[] = [];
    for (const g of stats.vocabulary.activityGroups) {
      for (const activity of g.categories) {
        const c = n(stats, '活动次数', { activity });
        if (c > 0) parts.push(`${activity}活动${c}次`);
      }
    }
    let t = `辖区共开展各类双拥活动${activities}次`;
    if (parts.length > 0) t += `，其中${parts.join('、')}`;
    const extra: string[] = [];
    const joined = n(stats, '参加人数');
    const soldiers = n(stats, '官兵人次');
    const visited = n(stats, '慰问人数');
    if (joined > 0) extra.push(`参加人数达${joined}人次`);
    if (soldiers > 0) extra.push(`官兵参与${soldiers}人次`);
    if (visited > 0) extra.push(`走访慰问${visited}人`);
    if (extra.length > 0) t += `；${extra.join('，')}`;
    s.push(t + '。');
  }
  const money = n(stats, '投入资金(元)');
  const books = n(stats, '捐赠图书(册)');
  if (money > 0 && books > 0) s.push(`投入慰问金和物资折价共计${moneyProse(money)}元，捐赠图书${books}册。`);
  else if (money > 0) s.push(`投入慰问金和物资折价共计${moneyProse(money)}元。`);
  else if (books > 0) s.push(`捐赠图书${books}册。`);

  const military = n(stats, '军民共建对子数');
  const help = n(stats, '帮扶对子数');
  const pairs = [military > 0 ? `军民共建对子${military}个` : '', help > 0 ? `帮扶对子${help}个` : ''].filter(Boolean);
  if (pairs.length > 0) s.push(`结成${pairs.join('、')}，军地共建共育深入开展。`);

  const people = n(stats, '建档优抚对象人数');
  const paid = n(stats, '本年发放金额(元)');
  if (people > 0 && paid > 0) s.push(`建档优抚对象${people}人，全年发放优抚资金${moneyProse(paid)}元，各项优抚政策落实到位。`);
  else if (people > 0) s.push(`建档优抚对象${people}人，各项优抚政策落实到位。`);
  else if (paid > 0) s.push(`全年发放优抚资金${moneyProse(paid)}元。`);
  const yoy = stats.comparison?.yoy;
  if (yoy) {
    const at = { ledger: '优抚对象' };
    const parts = [['新增', n(stats, '新增人数', at)], ['减少', n(stats, '减少人数', at)], ['信息变更', n(stats, '变更人数', at)]] as const;
    const said = parts.filter(([, v]) => v > 0).map(([w, v]) => `${w}${v}人`);
    s.push(said.length > 0 ? `与${yoy.lastYear}年相比，优抚对象${said.join('、')}。` : `优抚对象与${yoy.lastYear}年相比没有变化。`);
  }

  const veterans = n(stats, '接收安置退役士兵人数');
  const families = n(stats, '安置随军家属人数');
  const placed = [veterans > 0 ? `接收安置退役士兵${veterans}人` : '', families > 0 ? `安置随军家属${families}人` : ''].filter(Boolean);
  if (placed.length > 0) s.push(`${placed.join('，')}。`);

  const rate = statValue(stats, '兵役登记率');
  const enlisted = n(stats, '批准入伍人数');
  const mil: string[] = [];
  if (stats.comparison?.roster && (rate.denominator ?? 0) > 0) mil.push(`对照公安户籍适龄男青年名单${rate.denominator}人`);
  if (rate.value !== null && (rate.numerator ?? 0) > 0) mil.push(`适龄青年兵役登记率达到${formatPercent(rate.value, rate.numerator, rate.denominator)}`);
  if (enlisted > 0) mil.push(`批准入伍${enlisted}人`);
  if (enlisted > 0) s.push(`${mil.join('，')}，圆满完成年度征兵工作任务。`);
  else if (mil.length > 0) s.push(`${mil.join('，')}。`);

  if (s.length === 0) return `${stats.year}年度暂无双拥工作统计数据。`;
  const opening = `今年以来，${stats.township}认真落实双拥工作各项部署。`;
  return opening + s.join('') + '军政军民团结更加巩固。';
}

function paragraphEn(stats: Statistics): string {
  const s: string[] = [];
  const activities = n(stats, '活动次数');
  if (activities > 0) {
    const parts: string[] = [];
    for (const g of stats.vocabulary.activityGroups) {
      for (const activity of g.categories) {
        const c = n(stats, '活动次数', { activity });
        if (c > 0) parts.push(`${c} × ${activity}`);
      }
    }
    s.push(`${activities} ${activities === 1 ? 'activity was' : 'activities were'} held${parts.length ? ` (${parts.join(', ')})` : ''}.`);
  }
  const money = n(stats, '投入资金(元)');
  if (money > 0) s.push(`Funds and goods worth ¥${moneyProse(money)} were given.`);
  const books = n(stats, '捐赠图书(册)');
  if (books > 0) s.push(`${books} books were donated.`);
  const military = n(stats, '军民共建对子数');
  const help = n(stats, '帮扶对子数');
  if (military > 0) s.push(`${military} military–civilian co-construction pairs are active.`);
  if (help > 0) s.push(`${help} help pairs are active.`);
  const people = n(stats, '建档优抚对象人数');
  if (people > 0) s.push(`${people} beneficiaries are on file.`);
  const paid = n(stats, '本年发放金额(元)');
  if (paid > 0) s.push(`¥${moneyProse(paid)} of benefits were paid this year.`);
  const yoyEn = stats.comparison?.yoy;
  if (yoyEn) {
    const at = { ledger: '优抚对象' };
    s.push(`Compared with ${yoyEn.lastYear}: ${n(stats, '新增人数', at)} beneficiary rows added, ${n(stats, '减少人数', at)} removed, ${n(stats, '变更人数', at)} changed.`);
  }
  const veterans = n(stats, '接收安置退役士兵人数');
  if (veterans > 0) s.push(`${veterans} veterans were placed.`);
  const families = n(stats, '安置随军家属人数');
  if (families > 0) s.push(`${families} military family members were placed.`);
  const rate = statValue(stats, '兵役登记率');
  if (rate.value !== null && (rate.numerator ?? 0) > 0)
    s.push(`The military service registration rate reached ${rate.text}${stats.comparison?.roster ? ` of the ${rate.denominator} men on the police list` : ''}.`);
  const enlisted = n(stats, '批准入伍人数');
  if (enlisted > 0) s.push(`${enlisted} young people were approved for enlistment.`);
  if (s.length === 0) return `No 双拥 figures for ${stats.year}.`;
  return `In ${stats.year}${stats.township ? `, ${stats.township}` : ''}: ` + s.join(' ');
}
