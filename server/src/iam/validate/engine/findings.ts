/**
 * What validation produces: findings in offsets, with optional fixes. The service layer turns them
 * into LSP diagnostics and code actions; the CLI into text, JSON or SARIF.
 */
import type { Span } from '../../document/model';
import type { PolicyKind } from '../../document/policyKind';
import type { RuleCategory } from './registry';

/** A finding's category: Access Analyzer's categories, used for default severities. */
export type FindingCategory = RuleCategory;

/** The severities users see and may set per code. */
export type Severity = 'error' | 'warning' | 'info';

/** A replacement of `length` characters at `offset` with `newText`. */
export interface TextEdit {
  readonly offset: number;
  readonly length: number;
  readonly newText: string;
}

/** A known fix for a finding. */
export interface Fix {
  /** What the fix does, shown as the quick-fix title, e.g. "Change to `s3:GetObject`". */
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** True for the fix that the editor should offer first (auto-fix). */
  readonly preferred?: boolean;
}

/**
 * The fix of a comment or a trailing comma, which JSON does not allow where IAM or CloudFormation
 * reads it: delete it. The same fix for a policy file and a JSON template.
 */
export function removalFix(kind: 'comment' | 'trailingComma', span: Span): Fix {
  return { title: kind === 'comment' ? 'Remove the comment' : 'Remove the trailing comma', edits: [{ ...span, newText: '' }], preferred: true };
}

/** One finding. */
export interface Finding {
  /** Access Analyzer's code where the check is the same, otherwise our own UPPER_SNAKE code. */
  readonly code: string;
  readonly category: FindingCategory;
  /** One line; user text in backticks; the fix suggested where one exists. */
  readonly message: string;
  readonly span: Span;
  readonly fixes?: readonly Fix[];
  /** Set on findings that only add information, so editors can render them faded. */
  readonly unnecessary?: boolean;
}

/** Options that change what validation reports. */
export interface ValidationOptions {
  readonly kind: PolicyKind;
  /**
   * AWS managed policies are not subject to the customer-managed size quotas; the managed-policy
   * corpus test and benchmark set this.
   */
  readonly awsManaged?: boolean;
  /** Actions to accept although the catalog does not know them (newer than the data). */
  readonly extraActions?: readonly string[];
  /**
   * The CloudFormation type of the resource a resource policy is attached to (`AWS::S3::Bucket`),
   * when a host format knows it: the attached-resource checks then run.
   */
  readonly attachedResourceType?: string;
  /** The sample of the account a template deploys into (access checks: its principals are not other accounts). */
  readonly hostAccount?: string;
}

/** The default severity of a category (Access Analyzer ERROR is an error, warnings warn, suggestions inform). */
export function severityOfCategory(category: FindingCategory): Severity {
  switch (category) {
    case 'ERROR':
      return 'error';
    case 'SECURITY_WARNING':
    case 'GENERAL_WARNING':
      return 'warning';
    case 'SUGGESTION':
      return 'info';
  }
}
