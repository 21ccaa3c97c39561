/** Every check, and every code with its severity. */
import type { Severity } from '../problem';
import type { ColumnType } from '../schema/types';
import { activityDateCheck } from './activity-date';
import { activityDuplicateCheck } from './activity-duplicate';
import { activityPairRefCheck } from './activity-pair-ref';
import { amountCheck } from './amount';
import { beneficiaryDuplicateCheck } from './beneficiary-duplicate';
import { birthIdCheck } from './birth-id';
import { categoryAge60Check } from './category-age60';
import { categoryDemobilizedCheck } from './category-demobilized';
import { conscriptAgeCheck } from './conscript-age';
import { conscriptDuplicateCheck } from './conscript-duplicate';
import { conscriptPipelineCheck } from './conscript-pipeline';
import { conscriptRegDateCheck } from './conscript-reg-date';
import { conscriptSexCheck } from './conscript-sex';
import { countCheck } from './count';
import { dateCheck, monthDateCheck } from './date';
import { disabilityCheck } from './disability';
import { ethnicCheck } from './ethnic';
import { idCheck } from './id';
import { nameCheck } from './name';
import { pairDateCheck } from './pair-date';
import { pairHelpTargetCheck } from './pair-help-target';
import { pairUniqueCheck } from './pair-unique';
import { personCrossVillageCheck } from './person-cross-village';
import { phoneCheck } from './phone';
import { placementDuplicateCheck } from './placement-duplicate';
import { placementUnitCheck } from './placement-unit';
import { servicePeriodCheck } from './service-period';
import { sexIdCheck } from './sex-id';
import { structureCheck } from './structure';
import { codeCheck, seqCheck, textCheck } from './text';
import type { Check } from './types';
import { villageCheck } from './village';
import { configCheck } from '../config/codes';
import { vocabCheck, vocabGroupCheck } from './vocab';
import { yesNoCheck } from './yesno';
import { compareCodes } from '../compare/codes';

export const CHECKS: readonly Check[] = [
  structureCheck,
  seqCheck,
  textCheck,
  codeCheck,
  nameCheck,
  idCheck,
  dateCheck,
  monthDateCheck,
  amountCheck,
  countCheck,
  yesNoCheck,
  vocabCheck,
  vocabGroupCheck,
  phoneCheck,
  villageCheck,
  ethnicCheck,
  sexIdCheck,
  birthIdCheck,
  disabilityCheck,
  servicePeriodCheck,
  categoryDemobilizedCheck,
  categoryAge60Check,
  beneficiaryDuplicateCheck,
  personCrossVillageCheck,
  conscriptAgeCheck,
  conscriptSexCheck,
  conscriptRegDateCheck,
  conscriptPipelineCheck,
  conscriptDuplicateCheck,
  activityDateCheck,
  activityPairRefCheck,
  activityDuplicateCheck,
  pairUniqueCheck,
  pairHelpTargetCheck,
  pairDateCheck,
  placementUnitCheck,
  placementDuplicateCheck,
  configCheck,
  compareCodes,
];

export const PARSER_CHECKS: ReadonlyMap<ColumnType, Check> = new Map(
  CHECKS.filter((c) => c.type !== undefined).map((c) => [c.type as ColumnType, c]),
);

export interface CodeInfo {
  code: string;
  severity: Severity;
  /** The check that reports it. */
  check: string;
  /** Its fix is a choice between two sources of truth (see CodeDef.fixNeedsChoice). */
  fixNeedsChoice?: boolean;
}

/** Every problem code, in registry order, with its severity. */
export const CODES: readonly CodeInfo[] = (() => {
  const out: CodeInfo[] = [];
  const seen = new Set<string>();
  for (const c of CHECKS) {
    for (const d of c.codes) {
      if (seen.has(d.code)) continue;
      seen.add(d.code);
      out.push({ code: d.code, severity: d.severity, check: c.id, ...(d.fixNeedsChoice ? { fixNeedsChoice: true } : {}) });
    }
  }
  return out;
})();

export const CODE_SEVERITY: ReadonlyMap<string, Severity> = new Map(CODES.map((c) => [c.code, c.severity]));

/** Codes whose fix proposal needs a person's choice (never applied in bulk). */
export const CODE_FIX_NEEDS_CHOICE: ReadonlySet<string> = new Set(CODES.filter((c) => c.fixNeedsChoice).map((c) => c.code));
