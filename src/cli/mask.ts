/** ID masking for what the CLI exports (`--mask-ids`): feedback workbooks, the JSON report, merge.
 *  The one implementation is the core's (the add-in's merged sheets mask the same way). */
export { maskIdsInText } from '../core/values/id';
