/**
 * The policy formatter and shrinker: what the rest of the product imports from `iam/format/`.
 */
export { formatPolicy, formatPolicyRange } from './formatCheck';
export { DEFAULT_INDENT, type IndentOptions } from './formatPolicy';
export { isNearQuota, shrinkPolicy } from './shrinkPolicy';
