/**
 * The policy formatter and shrinker: what the rest of the product imports from `iam/format/`.
 */
export { formatPolicy, type FormatResult } from './formatCheck';
export { DEFAULT_INDENT, type IndentOptions } from './formatPolicy';
export { isNearQuota, NEAR_QUOTA_SHARE, shrinkPolicy, type ShrinkResult } from './shrinkPolicy';
