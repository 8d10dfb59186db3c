/**
 * The rule table: every code that validation can report, with its category and title. Access
 * Analyzer's codes come from its reference list; our own codes, for checks Access Analyzer does not
 * have or words differently, are declared here. Each check family (one file each) reports only codes
 * from this table, which a test enforces.
 */
import { AWS_CHECK_CODES, type AwsCheckCategory } from './awsCheckCodes';
import { CHECK_FAMILIES } from './engine/families';

/** One row of the rule table. */
export interface RuleDefinition {
  readonly code: string;
  readonly category: AwsCheckCategory;
  readonly title: string;
  /** True for Access Analyzer's own codes; false for codes this product adds. */
  readonly accessAnalyzer: boolean;
}

/** Codes this product adds, for checks that Access Analyzer does not make or makes differently. */
const OWN_RULES: ReadonlyArray<readonly [string, AwsCheckCategory, string]> = [
  ['DUPLICATE_KEY', 'ERROR', 'Duplicate key'],
  ['INVALID_TYPE', 'ERROR', 'Wrong JSON type for a policy element'],
  ['MISSING_STATEMENT_ELEMENT_VALUE', 'ERROR', 'Element without a value'],
];

const TABLE = new Map<string, RuleDefinition>();
for (const [code, category, title] of AWS_CHECK_CODES) TABLE.set(code, { code, category, title, accessAnalyzer: true });
for (const [code, category, title] of OWN_RULES) TABLE.set(code, { code, category, title, accessAnalyzer: false });
for (const family of CHECK_FAMILIES) {
  for (const [code, category, title] of family.ownRules ?? []) TABLE.set(code, { code, category, title, accessAnalyzer: false });
}

/** The codes some family declares: the implemented checks. */
export function implementedCodes(): ReadonlySet<string> {
  const codes = new Set<string>(['JSON_SYNTAX_ERROR']);
  for (const family of CHECK_FAMILIES) for (const code of family.codes) codes.add(code);
  return codes;
}

/** Every rule, Access Analyzer's first. */
export function allRules(): readonly RuleDefinition[] {
  return [...TABLE.values()];
}

/** The rule for a code, or undefined for a code not in the table. */
export function ruleFor(code: string): RuleDefinition | undefined {
  return TABLE.get(code);
}
