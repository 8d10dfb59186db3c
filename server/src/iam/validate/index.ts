/**
 * What the rest of the product imports from validation: the runner, findings and their severities,
 * and the rule registry's lookups. `engine/` and `families/` are internals (docs/ARCHITECTURE.md,
 * "validate/").
 */
export { validatePolicy, type ValidationResult } from './engine/runner';
export { removalFix, severityOfCategory, type Finding, type Fix, type Severity, type TextEdit } from './engine/findings';
export { compareCodes, ruleFor } from './engine/registry';
