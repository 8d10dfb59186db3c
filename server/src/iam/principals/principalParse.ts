/**
 * Classifies the principal strings of a `Principal` or `NotPrincipal` element. Pure and positionless:
 * validation, completion, hover and the evaluator import it to agree on what a value names.
 *
 * Shapes, from the IAM User Guide, "AWS JSON policy elements: Principal" (sections "AWS account
 * principals", "IAM role principals", "Role session principals", "IAM user principals", "Federated
 * user principals", "AWS service principals", "Canonical user principals", "All principals") and
 * "IAM identifiers" (ARNs and unique ID prefixes):
 * - `AWS`: `*`, a 12-digit account id, `arn:PARTITION:iam::ACCOUNT:root`, `...:user/PATH/NAME`,
 *   `...:role/PATH/NAME`, `arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION`,
 *   `arn:PARTITION:sts::ACCOUNT:federated-user/NAME`; IAM turns ARNs of deleted users and roles into
 *   unique ids (`AIDA...`, `AROA...`), which may therefore appear too.
 * - `Service`: a service principal such as `ec2.amazonaws.com` (China: `.amazonaws.com.cn`).
 * - `Federated`: an IAM identity provider ARN (`saml-provider/NAME`, `oidc-provider/HOST[/PATH]`) or
 *   the domain of a built-in web identity provider (`cognito-identity.amazonaws.com`,
 *   `accounts.google.com`, `graph.facebook.com`, `www.amazon.com`).
 * - `CanonicalUser`: the 64-hex-digit canonical user id of an account (Amazon S3).
 * A wildcard may only be the whole value `*`: "You cannot use a wildcard to match part of a principal
 * name or ARN".
 */
import { hasWildcard } from '../arn/wildcard';
import { isKnownPartition } from '../catalog/regions';

/** What a principal string names. */
export type PrincipalValueKind =
  /** `*`: every principal, anonymous included. */
  | 'wildcard'
  /** A bare 12-digit account id. */
  | 'accountId'
  /** `arn:aws:iam::ACCOUNT:root`. */
  | 'accountRoot'
  | 'iamUser'
  | 'iamRole'
  /** `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`. */
  | 'assumedRole'
  /** `arn:aws:sts::ACCOUNT:federated-user/NAME`. */
  | 'federatedUser'
  /** A unique id of a role (`AROA...`): IAM's rewrite of a deleted role's ARN. */
  | 'roleUniqueId'
  /** A unique id of a user (`AIDA...`). */
  | 'userUniqueId'
  | 'service'
  | 'samlProvider'
  | 'oidcProvider'
  /** A web identity provider named by its domain, e.g. `cognito-identity.amazonaws.com`. */
  | 'webIdentityDomain'
  | 'canonicalUser'
  /** Not a valid principal of its type; `problem` says why. */
  | 'invalid';

/** A classified principal string. */
export interface ParsedPrincipal {
  readonly kind: PrincipalValueKind;
  /** The value as written. */
  readonly text: string;
  readonly partition?: string;
  /** The 12-digit account of an ARN or account id. */
  readonly account?: string;
  /** The user, role or federated user name (without path); for an assumed role, the role name. */
  readonly name?: string;
  /** The path of a user or role ARN, `/` when none. */
  readonly path?: string;
  /** The session name of an assumed-role ARN. */
  readonly sessionName?: string;
  /**
   * For identity providers: the provider name used as the condition key prefix, e.g.
   * `token.actions.githubusercontent.com` or `cognito-identity.amazonaws.com`; for SAML providers,
   * the provider name.
   */
  readonly provider?: string;
  /** Why the value is invalid, one sentence, user text in backticks. */
  readonly problem?: string;
  /** True when the value contains `*` or `?` without being exactly `*`. */
  readonly partialWildcard: boolean;
}

/** Built-in web identity providers named by domain (IAM User Guide, "OIDC federation"). */
const WEB_IDENTITY_DOMAINS: readonly string[] = ['cognito-identity.amazonaws.com', 'accounts.google.com', 'graph.facebook.com', 'www.amazon.com'];

/** The GitHub Actions OIDC issuer host (IAM User Guide, "Configuring a role for GitHub OIDC identity provider"). */
export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';

/** IAM names: letters, digits and `+=,.@_-` (IAM quotas: "Names of users, groups, roles..."). */
const IAM_NAME = /^[\w+=,.@-]+$/;
/** Role session names additionally allow nothing else; federated user names the same set. */
const SESSION_NAME = /^[\w+=,.@-]+$/;
/** Unique ids: a four-letter prefix and upper-case alphanumerics (IAM identifiers, "Unique identifiers"). */
const UNIQUE_ID = /^(AROA|AIDA)[A-Z0-9]{12,124}$/;
const CANONICAL_USER = /^[0-9a-f]{64}$/i;
/** A lower-case service principal: `name.amazonaws.com`, `name.amazonaws.com.cn`, a few `*.amazon.com`. */
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.(amazonaws\.com|amazonaws\.com\.cn|amazon\.com|api\.aws|c2s\.ic\.gov|sc2s\.sgov\.gov)$/;
const DNS_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * A DNS name of two or more labels, optionally followed by a path, as an OIDC issuer is written
 * (`oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE`). Checked label by label so that no pattern can
 * backtrack over user text.
 */
function isDomainWithPath(text: string): boolean {
  if (/\s/.test(text)) return false;
  const slash = text.indexOf('/');
  const host = slash < 0 ? text : text.slice(0, slash);
  const labels = host.split('.');
  if (labels.length < 2) return false;
  return labels.every((label) => DNS_LABEL.test(label));
}

function invalid(text: string, problem: string): ParsedPrincipal {
  return { kind: 'invalid', text, problem, partialWildcard: text !== '*' && hasWildcard(text) };
}

interface ArnParts {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

/** Splits an ARN into its six fields; the resource keeps any further colons. */
function splitArn(text: string): ArnParts | undefined {
  if (!text.startsWith('arn:')) return undefined;
  const parts = text.split(':');
  if (parts.length < 6) return undefined;
  return { partition: parts[1]!, service: parts[2]!, region: parts[3]!, account: parts[4]!, resource: parts.slice(5).join(':') };
}

/** Checks the common ARN fields of an IAM or STS principal ARN; returns a problem or undefined. */
function arnFieldProblem(text: string, arn: ArnParts): string | undefined {
  if (!isKnownPartition(arn.partition)) return `\`${arn.partition}\` in \`${text}\` is not an AWS partition: use \`aws\`, \`aws-cn\` or \`aws-us-gov\`.`;
  if (arn.region !== '') return `Principal ARNs of IAM and STS have no Region: remove \`${arn.region}\` from \`${text}\`.`;
  if (!isAccountId(arn.account)) return `The account \`${arn.account}\` in \`${text}\` must be a 12-digit AWS account id.`;
  return undefined;
}

/** Splits `user/path/name` into path and name. */
function pathAndName(rest: string): { path: string; name: string } {
  const slash = rest.lastIndexOf('/');
  return slash < 0 ? { path: '/', name: rest } : { path: `/${rest.slice(0, slash + 1)}`, name: rest.slice(slash + 1) };
}

function parseAwsValue(text: string): ParsedPrincipal {
  if (text === '*') return { kind: 'wildcard', text, partialWildcard: false };
  const partialWildcard = hasWildcard(text);
  if (/^\d+$/.test(text)) {
    return isAccountId(text) ? { kind: 'accountId', text, account: text, partialWildcard } : invalid(text, `The account id \`${text}\` must have exactly 12 digits.`);
  }
  if (UNIQUE_ID.test(text)) {
    return { kind: text.startsWith('AROA') ? 'roleUniqueId' : 'userUniqueId', text, partialWildcard };
  }
  const arn = splitArn(text);
  if (!arn) {
    return invalid(text, `\`${text}\` is not a valid \`AWS\` principal: use a 12-digit account id or the ARN of an account root, user, role, role session or federated user.`);
  }
  // A CloudFront origin access identity (legacy OAI): `arn:aws:iam::cloudfront:user/CloudFront Origin
  // Access Identity ID` (CloudFront Developer Guide, "Restricting access to an Amazon S3 origin").
  const oai = /^user\/CloudFront Origin Access Identity ([A-Z0-9]+)$/.exec(arn.resource);
  if (arn.service === 'iam' && arn.account === 'cloudfront' && arn.region === '' && isKnownPartition(arn.partition) && oai && !partialWildcard) {
    return { kind: 'iamUser', text, partition: arn.partition, name: arn.resource.slice('user/'.length), path: '/', partialWildcard };
  }
  const fieldProblem = arnFieldProblem(text, arn);
  const base = { text, partition: arn.partition, account: arn.account, partialWildcard };
  if (arn.service === 'iam') {
    if (arn.resource === 'root') return fieldProblem ? invalid(text, fieldProblem) : { ...base, kind: 'accountRoot' };
    const slash = arn.resource.indexOf('/');
    const type = slash < 0 ? arn.resource : arn.resource.slice(0, slash);
    const rest = slash < 0 ? '' : arn.resource.slice(slash + 1);
    if (type === 'user' || type === 'role') {
      if (fieldProblem) return invalid(text, fieldProblem);
      const { path, name } = pathAndName(rest);
      if (!name) return invalid(text, `\`${text}\` has no ${type} name after \`${type}/\`.`);
      if (!partialWildcard && !IAM_NAME.test(name)) return invalid(text, `The ${type} name \`${name}\` may only contain letters, digits and \`+=,.@_-\`.`);
      return { ...base, kind: type === 'user' ? 'iamUser' : 'iamRole', name, path };
    }
    if (type === 'group') return invalid(text, `\`${text}\` names an IAM group, and groups cannot be principals: name the users, or use an \`aws:PrincipalArn\` condition.`);
    return invalid(text, `\`${text}\` is not an IAM principal ARN: use \`:root\`, \`:user/NAME\` or \`:role/NAME\`.`);
  }
  if (arn.service === 'sts') {
    if (fieldProblem) return invalid(text, fieldProblem);
    const [type, ...rest] = arn.resource.split('/');
    if (type === 'assumed-role') {
      if (rest.length !== 2 || !rest[0] || !rest[1]) return invalid(text, `An assumed-role ARN is \`arn:${arn.partition}:sts::${arn.account}:assumed-role/ROLE_NAME/SESSION_NAME\`, not \`${text}\`.`);
      if (!partialWildcard && !SESSION_NAME.test(rest[1])) return invalid(text, `The session name \`${rest[1]}\` may only contain letters, digits and \`+=,.@_-\`.`);
      return { ...base, kind: 'assumedRole', name: rest[0], sessionName: rest[1] };
    }
    if (type === 'federated-user') {
      if (rest.length !== 1 || !rest[0]) return invalid(text, `A federated user ARN is \`arn:${arn.partition}:sts::${arn.account}:federated-user/NAME\`, not \`${text}\`.`);
      return { ...base, kind: 'federatedUser', name: rest[0] };
    }
    return invalid(text, `\`${text}\` is not an STS principal ARN: use \`:assumed-role/ROLE/SESSION\` or \`:federated-user/NAME\`.`);
  }
  return invalid(text, `\`${text}\` is not an IAM or STS principal ARN: an \`AWS\` principal is an account, user, role, role session or federated user.`);
}

function parseServiceValue(text: string): ParsedPrincipal {
  if (text === '*') return { kind: 'wildcard', text, partialWildcard: false };
  if (SERVICE_PRINCIPAL.test(text)) return { kind: 'service', text, provider: text, partialWildcard: false };
  const lower = text.toLowerCase();
  if (lower !== text && SERVICE_PRINCIPAL.test(lower)) return invalid(text, `Service principals are lower case: use \`${lower}\`.`);
  if (/^[a-z0-9-]+$/.test(text)) return invalid(text, `\`${text}\` is not a service principal: write it as \`${text}.amazonaws.com\`.`);
  return invalid(text, `\`${text}\` is not a service principal: use the form \`service-name.amazonaws.com\`.`);
}

function parseFederatedValue(text: string): ParsedPrincipal {
  if (text === '*') return { kind: 'wildcard', text, partialWildcard: false };
  const partialWildcard = hasWildcard(text);
  const arn = splitArn(text);
  if (arn) {
    const fieldProblem = arn.service === 'iam' ? arnFieldProblem(text, arn) : `\`${text}\` is not an IAM identity provider ARN.`;
    if (arn.resource.startsWith('saml-provider/')) {
      const name = arn.resource.slice('saml-provider/'.length);
      if (fieldProblem) return invalid(text, fieldProblem);
      if (!name) return invalid(text, `\`${text}\` has no provider name after \`saml-provider/\`.`);
      return { kind: 'samlProvider', text, partition: arn.partition, account: arn.account, provider: name, partialWildcard };
    }
    if (arn.resource.startsWith('oidc-provider/')) {
      const host = arn.resource.slice('oidc-provider/'.length);
      if (fieldProblem) return invalid(text, fieldProblem);
      if (!host || (!partialWildcard && !isDomainWithPath(host))) return invalid(text, `\`${text}\` must name the provider's URL without \`https://\`, e.g. \`oidc-provider/${GITHUB_OIDC_HOST}\`.`);
      return { kind: 'oidcProvider', text, partition: arn.partition, account: arn.account, provider: host, partialWildcard };
    }
    return invalid(text, `\`${text}\` is not an identity provider ARN: use \`arn:aws:iam::ACCOUNT:saml-provider/NAME\` or \`arn:aws:iam::ACCOUNT:oidc-provider/HOST\`.`);
  }
  if (!partialWildcard && isDomainWithPath(text) && !text.startsWith('https://')) {
    return { kind: 'webIdentityDomain', text, provider: text, partialWildcard };
  }
  if (text.startsWith('https://')) return invalid(text, `Name the provider without \`https://\`: \`${text.slice(8)}\`.`);
  return invalid(text, `\`${text}\` is not an identity provider: use a provider domain such as \`cognito-identity.amazonaws.com\` or an IAM SAML or OIDC provider ARN.`);
}

function parseCanonicalValue(text: string): ParsedPrincipal {
  if (text === '*') return { kind: 'wildcard', text, partialWildcard: false };
  if (CANONICAL_USER.test(text)) return { kind: 'canonicalUser', text, partialWildcard: false };
  return invalid(text, `\`${text}\` is not a canonical user id: it has 64 hexadecimal digits.`);
}

/** Whether `text` is an AWS account id: exactly 12 digits. */
export function isAccountId(text: string): boolean {
  return /^\d{12}$/.test(text);
}

/** Classifies one value of a principal type. Unknown types yield `invalid`. Never throws. */
export function parsePrincipalValue(type: string, text: string): ParsedPrincipal {
  switch (type) {
    case 'AWS':
      return parseAwsValue(text);
    case 'Service':
      return parseServiceValue(text);
    case 'Federated':
      return parseFederatedValue(text);
    case 'CanonicalUser':
      return parseCanonicalValue(text);
    default:
      return invalid(text, `\`${type}\` is not a principal type.`);
  }
}

/**
 * Classifies a principal string whose type is not known (hover, evaluator input): tries the shapes
 * in the order that cannot be confused (service principal, provider ARN, canonical id, then AWS).
 */
export function classifyPrincipal(text: string): ParsedPrincipal {
  if (text === '*') return { kind: 'wildcard', text, partialWildcard: false };
  if (SERVICE_PRINCIPAL.test(text)) return parseServiceValue(text);
  if (/:(saml|oidc)-provider\//.test(text)) return parseFederatedValue(text);
  if (CANONICAL_USER.test(text) && !/^\d+$/.test(text)) return parseCanonicalValue(text);
  if (isWebIdentityDomain(text)) return parseFederatedValue(text);
  return parseAwsValue(text);
}

/** True for the domain of a built-in web identity provider, in any case (`accounts.google.com`). */
export function isWebIdentityDomain(text: string): boolean {
  return WEB_IDENTITY_DOMAINS.includes(text.toLowerCase());
}

/** True for a role ARN or assumed-role ARN of the same account and role name (role session of role). */
export function isSessionOfRole(session: ParsedPrincipal, role: ParsedPrincipal): boolean {
  return (
    session.kind === 'assumedRole' &&
    role.kind === 'iamRole' &&
    session.partition === role.partition &&
    session.account === role.account &&
    session.name === role.name &&
    !session.partialWildcard &&
    !role.partialWildcard
  );
}

/** True for identity providers that federate with OIDC (AssumeRoleWithWebIdentity). */
export function isOidcPrincipal(parsed: ParsedPrincipal): boolean {
  return parsed.kind === 'oidcProvider' || parsed.kind === 'webIdentityDomain';
}
