/**
 * Security warnings about what an Allow statement grants through its actions and resources (Access
 * Analyzer policy check reference: "Security Warning – Pass role with ..." (six checks) and "General
 * Warning – Create SLR with ..." (six checks)), and our own ALLOW_WITH_NOT_ACTION /
 * ALLOW_WITH_NOT_RESOURCE (IAM User Guide, "IAM JSON policy elements: NotAction" and "NotResource":
 * Allow with NotAction or NotResource grants everything not listed, including actions and resources
 * that do not exist yet).
 */
import type { Statement, StringValue } from '../../../document/model';
import { hasWildcard, matchWildcard } from '../../../arn/wildcard';
import { splitArnFields } from '../../../arn/arnParse';
import type { CheckContext } from '../../engine/checkContext';

/** Kinds where an Allow statement grants permissions to the principal the policy is attached to. */
const GRANTING_KINDS = new Set(['identity', 'boundary', 'session']);

/** One sensitive IAM action and the codes of its six findings. */
interface SensitiveAction {
  readonly action: string;
  /** The condition key that limits the action to one service (suppresses the star-in-resource findings). */
  readonly limitingKey: string;
  /** The code prefix: `PASS_ROLE` or `CREATE_SLR`. */
  readonly code: string;
  /** A role path whose roles the action is limited to, when a wildcard after it still counts as "star". */
  readonly rolePath?: string;
}

const SENSITIVE: readonly SensitiveAction[] = [
  { action: 'iam:PassRole', limitingKey: 'iam:passedtoservice', code: 'PASS_ROLE' },
  { action: 'iam:CreateServiceLinkedRole', limitingKey: 'iam:awsservicename', code: 'CREATE_SLR', rolePath: 'aws-service-role/' },
];

function hasConditionKey(statement: Statement, key: string): boolean {
  return statement.condition?.operators.some((op) => op.keys.some((k) => k.key.toLowerCase() === key)) ?? false;
}

/**
 * Whether a Resource value is a "star" for a role action: `*`, or a role ARN with nothing literal in
 * the role name (`arn:aws:iam::*:role/*`). Access Analyzer does not flag names that follow a service's
 * role naming convention such as `role/Service*`, so a literal name prefix is not a star.
 */
function isStarResource(text: string, rolePath: string | undefined): boolean {
  if (text === '*') return true;
  const fields = splitArnFields(text);
  if (fields.length < 6) return false;
  const resource = fields[5]!.text;
  if (resource === '*') return true;
  let rest: string | undefined;
  if (resource.startsWith('role/')) rest = resource.slice(5);
  else if (resource.startsWith('role*') || resource.startsWith('*')) return true;
  if (rest === undefined) return false;
  if (rolePath && rest.startsWith(rolePath)) rest = rest.slice(rolePath.length);
  return rest.startsWith('*');
}

function isAllow(statement: Statement): boolean {
  const effect = statement.effect?.value;
  return effect?.type === 'string' && effect.value === 'Allow';
}

/** Reports the Pass role / Create SLR findings of one Allow statement. */
function checkSensitive(context: CheckContext, statement: Statement, sensitive: SensitiveAction): void {
  const lowerAction = sensitive.action.toLowerCase();
  let explicit: StringValue | undefined;
  let starAction: StringValue | undefined;
  for (const value of statement.action?.values ?? []) {
    // The length test first spares a lower-cased copy of every action of large statements.
    if (value.value.length === lowerAction.length && value.value.toLowerCase() === lowerAction) explicit ??= value;
    else if (hasWildcard(value.value) && matchWildcard(value.value, sensitive.action, true)) starAction ??= value;
  }
  const viaNotAction = statement.notAction !== undefined && !statement.notAction.values.some((v) => matchWildcard(v.value, sensitive.action, true));
  if (!explicit && !starAction && !viaNotAction) return;
  const prefix = sensitive.code;
  const name = `\`${sensitive.action}\``;
  if (statement.notResource) {
    // The NotResource list may exclude every role, in which case nothing is granted.
    if (statement.notResource.values.some((v) => v.value === '*' || isStarResource(v.value, undefined))) return;
    const span = statement.notResource.property.keySpan;
    if (explicit) {
      context.report(`${prefix}_WITH_NOT_RESOURCE`, span, `Allowing ${name} with \`NotResource\` grants it on every resource not listed: list the allowed role ARNs in \`Resource\` instead.`);
    } else if (starAction) {
      context.report(`${prefix}_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE`, starAction.span, `\`${starAction.value}\` includes ${name}, and with \`NotResource\` it is granted on every resource not listed: list the allowed role ARNs in \`Resource\` instead.`);
    } else {
      context.report(`${prefix}_WITH_NOT_ACTION_AND_NOT_RESOURCE`, statement.notAction!.property.keySpan, `\`NotAction\` with \`NotResource\` grants ${name} on every resource not listed: exclude ${name} in \`NotAction\`, or grant it separately on specific role ARNs.`);
    }
    return;
  }
  const star = statement.resource?.values.find((v) => isStarResource(v.value, sensitive.rolePath));
  if (!star) return;
  // The condition key that limits the action to one service is Access Analyzer's recommended mitigation.
  if (hasConditionKey(statement, sensitive.limitingKey)) return;
  const keyName = sensitive.code === 'PASS_ROLE' ? 'iam:PassedToService' : 'iam:AWSServiceName';
  if (explicit) {
    context.report(`${prefix}_WITH_STAR_IN_RESOURCE`, star.span, `Allowing ${name} on \`${star.value}\` covers every role: list the role ARNs, or add a condition on \`${keyName}\`.`);
  } else if (starAction) {
    context.report(`${prefix}_WITH_STAR_IN_ACTION_AND_RESOURCE`, starAction.span, `\`${starAction.value}\` includes ${name}, and on \`${star.value}\` that covers every role: narrow the actions or resources, or add a condition on \`${keyName}\`.`);
  } else {
    context.report(`${prefix}_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION`, statement.notAction!.property.keySpan, `\`NotAction\` with \`"Resource": "${star.value}"\` grants ${name} on every role: exclude it in \`NotAction\`, scope \`Resource\`, or add a condition on \`${keyName}\`.`);
  }
}

/** The security checks of one statement. */
export function checkStatementSecurity(context: CheckContext, statement: Statement): void {
  if (!isAllow(statement)) return;
  if (context.kind !== 'trust' && context.kind !== 'rcp') {
    if (statement.notAction) {
      context.report(
        'ALLOW_WITH_NOT_ACTION',
        statement.notAction.property.keySpan,
        '`Allow` with `NotAction` grants every action not listed, including actions AWS adds later: list the allowed actions in `Action`, or use `Deny` with `NotAction`.',
      );
    }
    if (statement.notResource) {
      context.report(
        'ALLOW_WITH_NOT_RESOURCE',
        statement.notResource.property.keySpan,
        '`Allow` with `NotResource` grants access to every resource not listed, including resources created later: list the allowed resources in `Resource`.',
      );
    }
  }
  if (!GRANTING_KINDS.has(context.kind)) return;
  for (const sensitive of SENSITIVE) checkSensitive(context, statement, sensitive);
}
