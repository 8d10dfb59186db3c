/**
 * What the rest of the product imports from validation: the runner, findings and their severities,
 * and the rule registry's lookups. `engine/` and `families/` are internals (docs/ARCHITECTURE.md,
 * "validate/").
 */
export { validatePolicy, type ValidationResult } from './engine/runner';
export { severityOfCategory, type Finding, type FindingCategory, type Fix, type Severity, type TextEdit, type ValidationOptions } from './engine/findings';
export { allRules, implementedCodes, ruleFor, type RuleCategory, type RuleMeta } from './engine/registry';
