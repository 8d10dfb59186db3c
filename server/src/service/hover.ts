/**
 * Hover for the editor: finds what is under the cursor (iam/completion/hoverTarget) and describes it
 * in markdown from the catalog: actions, wildcard actions, resource ARNs, condition operators and
 * keys, principals, policy variables and the policy elements.
 */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { action, actionSupportsConditionKey, conditionKey, expandActionPattern, resourceTypesOf, service } from '../iam/catalog/catalog';
import type { ActionInfo, ResourceTypeInfo } from '../iam/catalog/types';
import { hasWildcard } from '../iam/arn/wildcard';
import { parseOperatorName } from '../iam/conditions/operators';
import { hoverTarget, type HoverTarget } from '../iam/completion/hoverTarget';
import { matchesTemplate } from '../iam/completion/arnTemplates';
import { statementActions } from '../iam/completion/statementActions';
import { countByLevel } from '../iam/completion/actionCompletion';
import { region } from '../iam/catalog/regions';
import { parsePrincipalValue, isAccountId } from '../iam/principals/principalParse';
import type { DocumentAnalysis } from './documentAnalysis';
import { rangeOf } from './diagnostics';
import { scenarioHover } from './scenarioAssist';
import { levelCounts, serviceReferenceUrl } from './completion';
import { plural } from './plural';

/** How many actions a wildcard hover lists. */
const LISTED = 10;

/** Documentation of the policy elements, for hover and completion. */
const ELEMENT_HOVER: Readonly<Record<string, string>> = {
  Version: '**Version**: the policy language version. Use `2012-10-17`; with `2008-10-17` (or none) policy variables such as `${aws:username}` are treated as literal text.',
  Id: '**Id**: an optional identifier of the policy. Some services (SQS, SNS) expect a GUID or a unique name.',
  Statement: '**Statement**: the statements of the policy, one object or an array of objects. Each is evaluated on its own; an explicit Deny in any statement wins.',
  Sid: '**Sid**: an optional statement identifier. It must be unique within the policy; some services restrict its characters to letters and digits.',
  Effect: '**Effect**: `Allow` or `Deny`. An explicit Deny overrides any Allow; without an Allow, access is implicitly denied.',
  Principal: '**Principal**: who the statement applies to. Required in resource-based and trust policies, not allowed in identity policies.',
  NotPrincipal: '**NotPrincipal**: every principal except the listed ones. Use with `Deny` only, and prefer a `Principal` with an `ArnNotEquals` condition on `aws:PrincipalArn`.',
  Action: '**Action**: the actions this statement covers, as `service:Action`; `*` and `?` wildcards match case-insensitively.',
  NotAction: '**NotAction**: every action except the listed ones. With `Allow` it grants a lot, including actions of services added later.',
  Resource: '**Resource**: the resources this statement covers, as ARNs; `*` and `?` wildcards match within the ARN.',
  NotResource: '**NotResource**: every resource except the listed ones.',
  Condition: '**Condition**: when the statement applies, as `"Operator": {"key": values}`. All operators and all keys must match; several values of one key match if any does.',
};

/** One line per condition operator: what it compares. */
const OPERATOR_TEXT: Readonly<Record<string, string>> = {
  StringEquals: 'Exact, case-sensitive string match.',
  StringNotEquals: 'Negated exact, case-sensitive string match.',
  StringEqualsIgnoreCase: 'Exact string match, ignoring case.',
  StringNotEqualsIgnoreCase: 'Negated string match, ignoring case.',
  StringLike: 'Case-sensitive match with `*` and `?` wildcards.',
  StringNotLike: 'Negated case-sensitive match with `*` and `?` wildcards.',
  NumericEquals: 'Number equal to the value.',
  NumericNotEquals: 'Number not equal to the value.',
  NumericLessThan: 'Number less than the value.',
  NumericLessThanEquals: 'Number less than or equal to the value.',
  NumericGreaterThan: 'Number greater than the value.',
  NumericGreaterThanEquals: 'Number greater than or equal to the value.',
  DateEquals: 'Date equal to the value (ISO 8601 or epoch seconds).',
  DateNotEquals: 'Date not equal to the value.',
  DateLessThan: 'Date before the value.',
  DateLessThanEquals: 'Date at or before the value.',
  DateGreaterThan: 'Date after the value.',
  DateGreaterThanEquals: 'Date at or after the value.',
  Bool: 'Boolean match: `true` or `false`.',
  BinaryEquals: 'Byte-for-byte match of a base64-encoded value.',
  IpAddress: 'IP address within the CIDR range(s).',
  NotIpAddress: 'IP address outside all the CIDR range(s).',
  ArnEquals: 'ARN match, case-sensitive per ARN field, with `*` and `?` wildcards (same as ArnLike).',
  ArnLike: 'ARN match, case-sensitive per ARN field, with `*` and `?` wildcards.',
  ArnNotEquals: 'Negated ARN match (same as ArnNotLike).',
  ArnNotLike: 'Negated ARN match with `*` and `?` wildcards.',
  Null: '`true`: the key is absent from the request; `false`: the key is present (any value).',
};

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

function actionHover(a: ActionInfo): string {
  const serviceInfo = service(a.service);
  const lines = [`**${a.fullName}** · ${(a.accessLevels ?? [a.accessLevel]).join(', ')}`, '', a.description || '_No description in the reference._'];
  if (a.resourceTypes.length > 0) {
    lines.push('', `**Resource types**: ${a.resourceTypes.map((r) => `${code(r.name)}${r.required ? ' (required)' : ''}`).join(', ')}`);
  } else {
    lines.push('', '**Resource types**: none: the action supports only `"Resource": "*"`.');
  }
  const keys = new Set(a.conditionKeys);
  for (const r of a.resourceTypes) for (const k of r.conditionKeys) keys.add(k);
  if (keys.size > 0) lines.push('', `**Condition keys**: ${[...keys].slice(0, 20).map(code).join(', ')}${keys.size > 20 ? ` and ${keys.size - 20} more` : ''}`);
  if (a.dependentActions.length > 0) lines.push('', `**Dependent actions**: ${a.dependentActions.map(code).join(', ')}`);
  lines.push('', `[Service Authorization Reference: ${serviceInfo?.name ?? a.service}](${serviceReferenceUrl(serviceInfo ?? { name: a.service })})`);
  return lines.join('\n');
}

function wildcardHover(pattern: string, element: string): string {
  const actions = expandActionPattern(pattern);
  if (pattern === '*') {
    return `**${code('*')}**: all actions of all services${element === 'NotAction' ? ' (here: excluded)' : ''}.`;
  }
  if (actions.length === 0) return `**${code(pattern)}** matches no known action. Check the service prefix and the action name.`;
  const byLevel = countByLevel(actions);
  const lines = [`**${code(pattern)}** matches ${plural(actions.length, 'action')}: ${levelCounts(byLevel)}`, ''];
  for (const a of actions.slice(0, LISTED)) lines.push(`- ${code(a.fullName)} (${a.accessLevel})`);
  if (actions.length > LISTED) lines.push(`- … and ${actions.length - LISTED} more`);
  return lines.join('\n');
}

/** Splits an ARN into its six fields, the resource part keeping its colons. */
function arnFields(arn: string): { partition: string; service: string; region: string; account: string; resource: string } | undefined {
  if (!arn.startsWith('arn:')) return undefined;
  // Colons inside policy variables (`${aws:username}`) do not separate fields.
  const masked = arn.replace(/\$\{[^}]*\}/g, (m) => m.replace(/:/g, '\u0001'));
  const parts = masked.split(':').map((p) => p.replace(/\u0001/g, ':'));
  if (parts.length < 6) return undefined;
  return { partition: parts[1]!, service: parts[2]!, region: parts[3]!, account: parts[4]!, resource: parts.slice(5).join(':') };
}

function resourceHover(target: Extract<HoverTarget, { kind: 'resource' }>): string {
  const arn = target.value;
  if (arn === '*') return `**${code('*')}**: all resources${target.element === 'NotResource' ? ' (here: excluded)' : ''}.`;
  const fields = arnFields(arn);
  if (!fields) return `${code(arn)} is not an ARN: a resource is written \`arn:partition:service:region:account:resource\`.`;
  const lines = [`**Resource** ${code(arn)}`, '', '| Field | Value |', '|---|---|'];
  const show = (v: string, empty: string) => (v === '' ? `_${empty}_` : code(v));
  lines.push(`| Partition | ${show(fields.partition, 'missing')} |`);
  lines.push(`| Service | ${show(fields.service, 'missing')}${service(fields.service) ? ` (${service(fields.service)!.name})` : ''} |`);
  const regionInfo = region(fields.region);
  lines.push(`| Region | ${show(fields.region, 'none (global resource)')}${regionInfo ? ` (${regionInfo.name})` : ''} |`);
  lines.push(`| Account | ${show(fields.account, 'none')} |`);
  lines.push(`| Resource | ${show(fields.resource, 'missing')} |`);

  // Which resource types fit, and which of the statement's actions accept them. A policy variable
  // stands for one value, so it is matched as a plain word.
  const arnForMatch = arn.replace(/\$\{[^}]*\}/g, 'variable');
  const accepted = statementActions(target.statement);
  const matching: { info: ResourceTypeInfo; actions: readonly ActionInfo[] }[] = [];
  for (const entry of accepted.resourceTypes) {
    if (entry.info.service.toLowerCase() === fields.service.toLowerCase() && entry.info.arnTemplates.some((t) => matchesTemplate(arnForMatch, t))) matching.push(entry);
  }
  if (matching.length === 0) {
    for (const info of resourceTypesOf(fields.service)) if (info.arnTemplates.some((t) => matchesTemplate(arnForMatch, t))) matching.push({ info, actions: [] });
  }
  lines.push('');
  if (matching.length === 0) {
    lines.push(`Matches no resource type of ${code(fields.service)} in the Service Authorization Reference.`);
  } else {
    for (const m of matching) {
      lines.push(`Resource type ${code(m.info.name)}: ${code(m.info.arnTemplates[0] ?? '')}`);
      if (m.actions.length > 0) {
        lines.push(`- applies to ${plural(m.actions.length, 'action')} of this statement: ${m.actions.slice(0, LISTED).map((a) => code(a.fullName)).join(', ')}${m.actions.length > LISTED ? ', …' : ''}`);
      } else if (!accepted.unbounded) {
        lines.push('- none of this statement\'s actions accept this resource type');
      }
    }
  }
  return lines.join('\n');
}

function operatorHover(written: string): string {
  const parsed = parseOperatorName(written);
  const info = parsed.info;
  if (!info) return `${code(written)} is not a condition operator.`;
  const qualifier = parsed.qualifier;
  const lines = [`**${written}** · ${info.family} condition operator`, '', OPERATOR_TEXT[info.name] ?? info.description];
  if (info.variables) lines.push('', 'Policy variables such as `${aws:username}` are replaced in values.');
  // IAM User Guide, "Condition operators" and "Single-valued vs. multivalued context keys": what a
  // missing key and several values do is the question people most often get wrong.
  let missing = info.missingKey;
  if (parsed.ifExists) missing = 'true: with **IfExists** the condition is true when the key is absent from the request.';
  else if (qualifier === 'ForAllValues') missing = 'true: **ForAllValues** is also true when the key is absent or empty (pair it with a `Null` check).';
  else if (qualifier === 'ForAnyValue') missing = 'false: `ForAnyValue` needs at least one request value.';
  lines.push('', `**Missing key**: ${missing}`);
  const several = info.negated
    ? 'true only if the request value matches none of them (NOR).'
    : info.family === 'Null'
      ? 'give one value, `true` or `false`.'
      : 'true if the request value matches any of them (OR).';
  lines.push('', `**Several policy values**: ${several}`);
  if (qualifier === 'ForAllValues') lines.push('', '**ForAllValues**: every value of the (multivalued) request key must match one of the policy values.');
  if (qualifier === 'ForAnyValue') lines.push('', '**ForAnyValue**: at least one value of the (multivalued) request key must match one of the policy values.');
  return lines.join('\n');
}

function conditionKeyHover(target: Extract<HoverTarget, { kind: 'conditionKey' }>): string {
  const info = conditionKey(target.key);
  if (!info) return `${code(target.key)} is not a known condition key.`;
  const lines = [`**${target.key}** · ${info.type}${info.global ? ' · global key' : ''}`, '', info.description || '_No description in the reference._'];
  if (info.key !== target.key && info.key.toLowerCase() !== target.key.toLowerCase()) lines.push('', `Documented as ${code(info.key)}.`);
  if (info.availability) lines.push('', info.availability);
  if (info.multiValued) lines.push('', 'Multivalued: use it with `ForAnyValue:` or `ForAllValues:`.');
  const accepted = statementActions(target.statement);
  if (!info.global && accepted.actions.length > 0) {
    const supporting = accepted.actions.filter((a) => actionSupportsConditionKey(a, target.key));
    lines.push('', supporting.length === 0
      ? `**None** of this statement's ${plural(accepted.actions.length, 'action')} support this key: the condition never matches for them.`
      : `Supported by ${supporting.length} of this statement's ${plural(accepted.actions.length, 'action')}: ${supporting.slice(0, LISTED).map((a) => code(a.fullName)).join(', ')}${supporting.length > LISTED ? ', …' : ''}`);
  }
  return lines.join('\n');
}


function principalHover(target: Extract<HoverTarget, { kind: 'principal' }>): string {
  const v = target.value;
  const type = target.principalType;
  if (type === '*' || v === '*') {
    return `**${code('*')}**: every principal, including anonymous requests${type === 'AWS' ? ' (any AWS account)' : ''}. Limit it with conditions such as \`aws:PrincipalOrgID\` or \`aws:SourceAccount\`.`;
  }
  if (v === '') {
    const text: Record<string, string> = {
      AWS: '**AWS**: AWS accounts, IAM users and roles, role sessions.',
      Service: '**Service**: AWS service principals such as `lambda.amazonaws.com`.',
      Federated: '**Federated**: SAML or OIDC identity providers, for `sts:AssumeRoleWithSAML` / `sts:AssumeRoleWithWebIdentity`.',
      CanonicalUser: '**CanonicalUser**: an S3 canonical user id (legacy; prefer account ids).',
    };
    return text[type] ?? `${code(type)} is not a principal type: use \`AWS\`, \`Service\`, \`Federated\` or \`CanonicalUser\`.`;
  }
  if (isAccountId(v)) return `**Account ${v}**: the same as \`arn:aws:iam::${v}:root\`: any principal of that account that the account's own IAM policies allow.`;
  const fields = arnFields(v);
  if (fields && (fields.service === 'iam' || fields.service === 'sts')) {
    const resource = fields.resource;
    if (resource === 'root') return `**Account ${fields.account}**: any principal of that account whose own IAM policies allow it, not only the root user.`;
    const [kind, ...restParts] = resource.split('/');
    const rest = restParts.join('/');
    switch (kind) {
      case 'role':
        return `**Role** ${code(rest)} in account ${fields.account}: sessions of this role. If the role is deleted and recreated, the policy must be updated (it stores the role's unique id).`;
      case 'user':
        return `**IAM user** ${code(rest)} in account ${fields.account}.`;
      case 'assumed-role':
        return `**Role session** ${code(restParts[1] ?? '')} of role ${code(restParts[0] ?? '')} in account ${fields.account}.`;
      case 'federated-user':
        return `**Federated user session** ${code(rest)} in account ${fields.account}.`;
      case 'saml-provider':
        return `**SAML identity provider** ${code(rest)} in account ${fields.account}: users it authenticates can call \`sts:AssumeRoleWithSAML\`.`;
      case 'oidc-provider':
        return `**OIDC identity provider** ${code(rest)} in account ${fields.account}: identities it issues tokens for can call \`sts:AssumeRoleWithWebIdentity\`. Restrict \`${rest}:sub\` and \`:aud\` with conditions.`;
      default:
        return `**IAM principal** ${code(v)}.`;
    }
  }
  if (type === 'Service' || parsePrincipalValue('Service', v).kind === 'service') {
    return `**Service principal** ${code(v)}: the AWS service acts on your behalf. Add \`aws:SourceAccount\` or \`aws:SourceArn\` conditions to avoid the confused deputy problem.`;
  }
  if (type === 'Federated') return `**Web identity provider** ${code(v)}: identities it authenticates can call \`sts:AssumeRoleWithWebIdentity\`.`;
  return `**Principal** ${code(v)} (${type}).`;
}

function variableHover(target: Extract<HoverTarget, { kind: 'variable' }>): string {
  const special: Record<string, string> = { '*': 'a literal `*`', '?': 'a literal `?`', $: 'a literal `$`' };
  if (special[target.name]) return `**Policy variable** ${code(`\${${target.name}}`)}: ${special[target.name]}.`;
  const info = conditionKey(target.name);
  const lines = [`**Policy variable** ${code(`\${${target.name}}`)}`, '', `Replaced by the request's value of ${code(target.name)} (only with \`"Version": "2012-10-17"\`).`];
  if (info?.description) lines.push('', info.description);
  if (info?.multiValued) lines.push('', '**Multivalued keys cannot be used as variables.**');
  lines.push('', target.fallback !== undefined ? `When the key is absent, the default ${code(target.fallback)} is used.` : 'When the key is absent, the value matches nothing.');
  return lines.join('\n');
}

/** The markdown for a target. */
export function describeTarget(target: HoverTarget): string {
  switch (target.kind) {
    case 'element':
      return ELEMENT_HOVER[target.name] ?? `${code(target.name)} is not a ${target.level === 'top' ? 'policy' : 'statement'} element.`;
    case 'effect':
      return target.value === 'Allow' ? '**Allow**: grants the actions, unless another statement denies them.' : target.value === 'Deny' ? '**Deny**: denies the actions; an explicit Deny overrides every Allow.' : `${code(target.value)} is not an effect: use \`Allow\` or \`Deny\`.`;
    case 'version':
      return target.value === '2012-10-17' ? '**2012-10-17**: the current policy language version.' : `${code(target.value)}: ${target.value === '2008-10-17' ? 'an old version: policy variables are not replaced.' : 'not a policy language version; use `2012-10-17`.'}`;
    case 'action': {
      if (hasWildcard(target.value)) return wildcardHover(target.value, target.element);
      const a = action(target.value);
      return a ? actionHover(a) : `${code(target.value)} is not a known action.`;
    }
    case 'resource':
      return resourceHover(target);
    case 'conditionOperator':
      return operatorHover(target.operator);
    case 'conditionKey':
      return conditionKeyHover(target);
    case 'principal':
      return principalHover(target);
    case 'variable':
      return variableHover(target);
  }
}

/** Hover at a position of an analysed document. */
export function getHover(document: TextDocument, analysis: DocumentAnalysis, position: Position): Hover | null {
  if (analysis.role === 'scenario') return scenarioHover(document, position);
  if (analysis.role !== 'policy') return null;
  const target = hoverTarget(analysis.parse.document, document.offsetAt(position));
  if (!target) return null;
  return { contents: { kind: MarkupKind.Markdown, value: describeTarget(target) }, range: rangeOf(document, target.span) };
}
