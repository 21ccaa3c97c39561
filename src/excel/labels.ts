/** Progress labels: the core's (src/core/ops/labels.ts), where every host's operations take them. */
export { PROGRESS_LABELS, labelParams, progressLabel, type ProgressCode } from '../core/ops/labels';
