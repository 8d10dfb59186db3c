/**
 * Check family `principal`: principal values and service-principal conditions (trust policies,
 * RCP actions, policy size and redundant statements have families of their own). The grammar family already
 * reports the shape of Principal and which kinds require or forbid it; this family looks at what
 * each value names (principals/principalParse.ts).
 *
 * Kinds: principal values are checked in resource and trust policies only (elsewhere the grammar
 * rejects the element). Service control policies: since September 2025 SCPs accept the full IAM
 * policy language (AWS Security Blog, "AWS Organizations service control policy now supports full
 * IAM language": conditions, resource ARNs and NotAction with Allow, NotResource, and wildcards at
 * the beginning or middle of Action strings), so SCP_SYNTAX_ERROR_ACTION_WILDCARD is deliberately
 * not reported; only the Principal/NotPrincipal ban remains (grammar) and the 5,120-character size.
 * Permissions boundaries and session policies take no principal (grammar) and have size quotas.
 */
import type { Statement } from '../../../document/model';
import { namesServiceSource, ownSourceKey } from '../../../principals/serviceSource';
import type { CheckContext, CheckFamily } from '../../engine/checkContext';
import type { Fix } from '../../engine/findings';
import { conditionUses, effectOf, principalValues, replaceFix, type PrincipalValue } from '../statementFacts';
import { parsePrincipalValue } from '../../../principals/principalParse';

const KNOWN_TYPES = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);

/**
 * Principal value checks (Access Analyzer policy check reference and IAM User Guide, "AWS JSON
 * policy elements: Principal"):
 * - UNSUPPORTED_WILDCARD_IN_PRINCIPAL: "Wildcards (*, ?) are not supported with the principal key";
 *   "You cannot use a wildcard to match part of a principal name or ARN". `{"AWS": "*"}` is allowed.
 * - ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL: `"Principal": "*"` in a role trust policy.
 * - FEDERATED_PRINCIPAL_NOT_SUPPORTED: Federated outside a role trust policy.
 * - INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY: a Federated value that is neither a
 *   domain name nor a SAML or OIDC provider ARN.
 * - INVALID_SERVICE_PRINCIPAL_FORMAT: a Service value not of the form `service-name.amazonaws.com`.
 * - INVALID_PRINCIPAL_FORMAT: other malformed values (account ids that are not 12 digits, ARNs of
 *   the wrong service or resource type, groups, bad canonical user ids).
 * - INVALID_ROLE_REFERENCE / INVALID_USER_REFERENCE: a role or user unique id instead of an ARN.
 */
function checkPrincipalValues(context: CheckContext, statement: Statement): void {
  const { kind } = context;
  if (kind === 'trust' && statement.principal?.wildcard?.value === '*') {
    context.report(
      'ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL',
      statement.principal.wildcard.span,
      '`"Principal": "*"` is not supported in a role trust policy: name the accounts, roles, services or identity providers that may assume the role.',
    );
  }
  for (const element of [statement.principal, statement.notPrincipal]) {
    for (const entry of element?.entries ?? []) {
      if (entry.type === 'Federated' && kind !== 'trust') {
        context.report(
          'FEDERATED_PRINCIPAL_NOT_SUPPORTED',
          entry.property.keySpan,
          'This policy type does not support a federated identity provider in the principal element: federated principals belong in role trust policies. Use an `AWS`, `Service` or `CanonicalUser` principal.',
        );
        continue;
      }
      for (const value of entry.values) {
        const parsed = parsePrincipalValue(entry.type, value.value);
        const known = KNOWN_TYPES.has(entry.type);
        if (known && (parsed.partialWildcard || (value.value === '*' && entry.type !== 'AWS'))) {
          context.report(
            'UNSUPPORTED_WILDCARD_IN_PRINCIPAL',
            value.span,
            value.value === '*'
              ? `Wildcards are not supported with the principal key \`${entry.type}\`: name the ${entry.type === 'Service' ? 'service principals' : entry.type === 'Federated' ? 'identity providers' : 'canonical user ids'}, or use \`{"AWS": "*"}\` with conditions.`
              : `Wildcards (\`*\`, \`?\`) are not supported in \`${entry.type}\` principal \`${value.value}\`: name each principal, or use \`{"AWS": "*"}\` with a condition such as \`ArnLike\` on \`aws:PrincipalArn\`.`,
          );
          continue;
        }
        switch (parsed.kind) {
          case 'roleUniqueId':
            context.report('INVALID_ROLE_REFERENCE', value.span, `The Principal element includes the IAM role ID \`${value.value}\`: use the role's ARN, because a recreated role gets a new ID.`);
            break;
          case 'userUniqueId':
            context.report('INVALID_USER_REFERENCE', value.span, `The Principal element includes the IAM user ID \`${value.value}\`: use the user's ARN, because a recreated user gets a new ID.`);
            break;
          case 'invalid': {
            if (!known) break; // The grammar reports INVALID_PRINCIPAL_KEY.
            const lower = value.value.toLowerCase();
            if (entry.type === 'Service') {
              const candidate = /^[a-z0-9-]+$/.test(value.value) ? `${value.value}.amazonaws.com` : lower;
              const fix = candidate !== value.value && parsePrincipalValue('Service', candidate).kind === 'service' ? [replaceFix(`Change to \`${candidate}\``, value.span, JSON.stringify(candidate))] : undefined;
              // The parse problem already names the right form (principalParse.ts, parseServiceValue).
              context.report('INVALID_SERVICE_PRINCIPAL_FORMAT', value.span, parsed.problem!, fix);
            } else if (entry.type === 'Federated') {
              const fix = value.value.startsWith('https://') ? [replaceFix(`Change to \`${value.value.slice(8)}\``, value.span, JSON.stringify(value.value.slice(8)))] : undefined;
              context.report('INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY', value.span, `${parsed.problem!} Use a domain name or an IAM SAML or OIDC provider ARN.`, fix);
            } else if (entry.type === 'AWS' && /^\d{1,11}$/.test(value.value)) {
              // Account ids that start with 0 lose their leading zeros when a template or script
              // writes them as numbers; padding restores them.
              const padded = value.value.padStart(12, '0');
              context.report('INVALID_PRINCIPAL_FORMAT', value.span, `${parsed.problem!} If leading zeros were lost, use \`${padded}\`.`, [
                replaceFix(`Change to \`${padded}\``, value.span, JSON.stringify(padded), false),
              ]);
            } else {
              context.report('INVALID_PRINCIPAL_FORMAT', value.span, parsed.problem!);
            }
            break;
          }
          default:
            break;
        }
      }
    }
  }
}

/**
 * Keys that a service principal's own request never carries (IAM User Guide, "AWS global condition
 * context keys", Availability of each: present only for IAM principals, members of an organization,
 * IAM users, MFA or role sessions). Access Analyzer's example is `aws:PrincipalOrgID` with
 * `cloudfront.amazonaws.com`.
 */
const KEYS_ABSENT_FOR_SERVICES = new Set([
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:username',
  'aws:sourceidentity',
  'aws:multifactorauthpresent',
  'aws:multifactorauthage',
  'aws:federatedprovider',
  'aws:tokenissuetime',
]);
const ABSENT_PREFIXES = ['aws:principaltag/'];

/**
 * Service principals that do set principal tags on the request: IAM Roles Anywhere maps the X.509
 * certificate's subject, issuer and SAN to `aws:PrincipalTag/x509Subject/CN` and the like (IAM Roles
 * Anywhere User Guide, "Attribute mapping and trust policy", whose example trust policy conditions on
 * `aws:PrincipalTag/x509Issuer/CN`).
 */
const SERVICES_SETTING_PRINCIPAL_TAGS = new Set(['rolesanywhere.amazonaws.com']);

/** Keys that only weakly tie a service's request to its source; aws:SourceArn/aws:SourceAccount are recommended instead. */
const WEAK_SOURCE_KEYS = new Set(['aws:referer', 'aws:useragent', 'aws:sourceip', 'aws:sourcevpc', 'aws:sourcevpce']);

/**
 * Service principals in resource policies (Access Analyzer: RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL,
 * RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL, UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL;
 * IAM User Guide, "The confused deputy problem"). Only Allow statements whose principals are all
 * service principals are judged: with other principals in the statement the keys still apply to them.
 */
function checkServicePrincipals(context: CheckContext, statement: Statement, principals: readonly PrincipalValue[]): void {
  if (principals.length === 0 || effectOf(statement) !== 'Allow') return;
  if (!principals.every((principal) => principal.type === 'Service' && principal.parsed.kind === 'service')) return;
  const uses = conditionUses(statement);
  const setsPrincipalTags = principals.every((principal) => SERVICES_SETTING_PRINCIPAL_TAGS.has(principal.value.value));
  for (const use of uses) {
    if (KEYS_ABSENT_FOR_SERVICES.has(use.lowerKey) || (!setsPrincipalTags && ABSENT_PREFIXES.some((prefix) => use.lowerKey.startsWith(prefix)))) {
      context.report(
        'UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL',
        use.key.keySpan,
        `The condition key \`${use.key.key}\` is not present when the service principal ${principals.map((principal) => `\`${principal.value.value}\``).join(', ')} calls: remove it and scope access with \`aws:SourceArn\` or \`aws:SourceAccount\`.`,
      );
    }
  }
  // Trust policies are not resource policies of a service acting on your behalf: ec2.amazonaws.com
  // assuming a role needs no source condition.
  if (context.kind !== 'resource') return;
  const services = principals.map((principal) => principal.value.value);
  if (uses.some((use) => namesServiceSource(use.key.key, services))) return;
  const weak = uses.filter((use) => WEAK_SOURCE_KEYS.has(use.lowerKey));
  const first = principals[0]!;
  if (weak.length > 0) {
    for (const use of weak) {
      context.report(
        'RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL',
        use.key.keySpan,
        `To restrict the service principal \`${first.value.value}\` acting on your behalf, use \`aws:SourceArn\` or \`aws:SourceAccount\` instead of \`${use.key.key}\`.`,
      );
    }
    return;
  }
  const named = principals.map((principal) => `\`${principal.value.value}\``).join(', ');
  const own = ownSourceKey(services);
  context.report(
    'RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL',
    first.typeSpan,
    own === undefined
      ? `Granting access to ${named} without naming the source is overly permissive: add an \`aws:SourceArn\` or \`aws:SourceAccount\` condition (confused deputy protection).`
      : `Granting access to ${named} without naming the source is overly permissive: any Alexa skill could invoke the function. Add your skill ID as a \`${own}\` condition (skill ID verification).`,
    sourceConditionFix(statement, own === undefined ? { key: 'aws:SourceAccount', placeholder: 'ACCOUNT_ID' } : { key: own, placeholder: 'SKILL_ID' }),
  );
}

/**
 * A fix that adds a source condition with a placeholder (`aws:SourceAccount`, or a service's own key)
 * to a statement that has no Condition yet; the placeholder matches no source, so the fix never
 * widens access.
 */
function sourceConditionFix(statement: Statement, condition: { key: string; placeholder: string }): Fix[] | undefined {
  if (statement.condition) return undefined;
  const last = statement.properties[statement.properties.length - 1];
  if (!last) return undefined;
  const at = last.span.offset + last.span.length;
  return [
    {
      title: `Add ${/^[aeiou]/i.test(condition.key) ? 'an' : 'a'} \`${condition.key}\` condition`,
      edits: [{ offset: at, length: 0, newText: `, "Condition": {"StringEquals": {"${condition.key}": "${condition.placeholder}"}}` }],
      preferred: false,
    },
  ];
}

/**
 * Condition keys whose values are service principals (IAM User Guide, "AWS global condition context
 * keys": aws:PrincipalServiceName, aws:PrincipalServiceNamesList, aws:CalledVia, aws:CalledViaFirst,
 * aws:CalledViaLast; IAM and STS keys: iam:PassedToService, iam:AWSServiceName), and kms:ViaService,
 * whose values are Regional (`service-name.REGION.amazonaws.com`, AWS KMS Developer Guide,
 * "kms:ViaService"). Access Analyzer: INVALID_SERVICE_PRINCIPAL_FORMAT, "Use the format
 * {expectedFormat}". Values with wildcards or policy variables are not judged.
 */
const SERVICE_VALUED_KEYS = new Set(['aws:principalservicename', 'aws:principalservicenameslist', 'aws:calledvia', 'aws:calledviafirst', 'aws:calledvialast', 'iam:passedtoservice', 'iam:awsservicename']);
const KMS_VIA_SERVICE = /^[a-z0-9-]+\.[a-z]{2}(-[a-z]+)+-\d\.amazonaws\.com(\.cn)?$/;

function checkServicePrincipalConditionValues(context: CheckContext, statement: Statement): void {
  for (const use of conditionUses(statement)) {
    const viaService = use.lowerKey === 'kms:viaservice';
    if (!viaService && !SERVICE_VALUED_KEYS.has(use.lowerKey)) continue;
    if (!/^(ForAllValues:|ForAnyValue:)?String(Not)?Equals(IgnoreCase)?(IfExists)?$/.test(use.operator.operator)) continue;
    for (const value of use.key.values) {
      if (value.type !== 'string') continue;
      const text = value.value as string;
      if (text.includes('*') || text.includes('?') || text.includes('${')) continue;
      if (viaService) {
        if (!KMS_VIA_SERVICE.test(text)) {
          context.report('INVALID_SERVICE_PRINCIPAL_FORMAT', value.span, `\`${text}\` does not match the format of \`kms:ViaService\`: use \`service-name.REGION.amazonaws.com\`, e.g. \`s3.us-east-1.amazonaws.com\`.`);
        }
      } else if (parsePrincipalValue('Service', text).kind !== 'service') {
        const lower = text.toLowerCase();
        const fix = lower !== text && parsePrincipalValue('Service', lower).kind === 'service' ? [replaceFix(`Change to \`${lower}\``, value.span, JSON.stringify(lower))] : undefined;
        context.report('INVALID_SERVICE_PRINCIPAL_FORMAT', value.span, `\`${text}\` is not a service principal: use the format \`service-name.amazonaws.com\`.`, fix);
      }
    }
  }
}

/** ALLOW_WITH_NOT_PRINCIPAL: "Using Allow with NotPrincipal can be overly permissive." */
function checkAllowWithNotPrincipal(context: CheckContext, statement: Statement): void {
  if (!statement.notPrincipal || effectOf(statement) !== 'Allow') return;
  context.report(
    'ALLOW_WITH_NOT_PRINCIPAL',
    statement.notPrincipal.property.keySpan,
    '`"Effect": "Allow"` with `NotPrincipal` grants access to everyone not listed, anonymous users included: list who needs access in `Principal`, or use `NotPrincipal` only with `Deny`.',
  );
}

/** The principal family. */
export const principalChecks: CheckFamily = {
  name: 'principal',
  check(context) {
    const { kind } = context;
    for (const statement of context.document.statements) {
      if (kind === 'resource' || kind === 'trust') {
        checkPrincipalValues(context, statement);
        checkServicePrincipals(context, statement, principalValues(statement));
      }
      if (kind === 'resource') checkAllowWithNotPrincipal(context, statement);
      checkServicePrincipalConditionValues(context, statement);
    }
  },
};
