/**
 * `accessFindings(document, kind)`: the access analyses as validation findings, for the editor and
 * `iam-policy lint`: public and cross-account access in resource-based and trust policies, and the
 * risk methods of identity policies. Codes, categories and titles are those of `accessCodes.ts`.
 */
import type { PolicyDocument, Statement } from '../document/model';
import type { PolicyKind } from '../document/policyKind';
import type { Finding } from '../validate';
import { ACCESS_CODES } from './accessCodes';
import { analyzeExternalAccess, type ExternalAccessOptions } from './externalAccess';
import { analyzeRisks, type RiskResult } from './risks';
import { statementLabel } from './statements';
import { namesServiceSource } from '../principals/serviceSource';
import { action as catalogAction } from '../catalog/catalog';

/** Options of `accessFindings`. */
export interface AccessFindingOptions extends ExternalAccessOptions {
  /** Leave out the risk analysis of identity policies. */
  readonly skipRisks?: boolean;
}

function list(values: readonly string[]): string {
  return values.map((v) => `\`${v}\``).join(', ');
}

function spanFor(document: PolicyDocument, index: number, element: 'principal' | 'action'): { offset: number; length: number } {
  const statement: Statement | undefined = document.statements.find((s) => s.index === index);
  if (!statement) return { offset: 0, length: 0 };
  const target = element === 'principal' ? (statement.principal ?? statement.notPrincipal)?.property : (statement.action ?? statement.notAction)?.property;
  return target ? target.span : statement.span;
}

/**
 * Whether a statement tests where its services' requests come from (`principals/serviceSource.ts`:
 * `aws:SourceArn`, `aws:SourceAccount`, ..., or Alexa's skill ID) under a positive operator (IAM User
 * Guide, "The confused deputy problem"). Any value counts: a bucket ARN, which has no account, or a
 * template parameter, names the source as well as an account does.
 */
function hasSourceCondition(document: PolicyDocument, index: number, services: readonly string[]): boolean {
  const condition = document.statements.find((s) => s.index === index)?.condition;
  return (condition?.operators ?? []).some((entry) => !/Not|^Null$/i.test(entry.operator) && entry.keys.some((key) => namesServiceSource(key.key, services)));
}

/** Whether a statement's principals are all AWS service principals (`{"Service": ...}` only). */
function onlyServices(document: PolicyDocument, index: number): boolean {
  const principal = document.statements.find((s) => s.index === index)?.principal;
  return principal !== undefined && !principal.wildcard && principal.entries.length > 0 && principal.entries.every((entry) => entry.type === 'Service');
}

/** Whether every step action of a group of exposure methods takes no resource ARN (the catalog lists no resource type for it). */
function everyStepTakesNoResource(group: readonly RiskResult[]): boolean {
  return group.every((r) => r.method.steps.every((step) => catalogAction(step.action)?.resourceTypes.length === 0));
}

function riskFindings(document: PolicyDocument, risks: readonly RiskResult[]): Finding[] {
  // Methods given by the same statements share one finding, so that `"Action": "*"` is one warning, not thirty.
  const grouped = new Map<string, RiskResult[]>();
  for (const r of risks) {
    const key = `${r.method.family}:${r.statements.join(',')}`;
    const list = grouped.get(key) ?? [];
    list.push(r);
    grouped.set(key, list);
  }
  const findings: Finding[] = [];
  for (const group of grouped.values()) {
    const first = group[0]!;
    const several = first.statements.length > 1;
    const where = first.statements.map((i) => statementLabel({ index: i, sid: document.statements.find((s) => s.index === i)?.sid?.value?.value as string | undefined })).join(' and ');
    const code = first.method.family === 'privilege-escalation' ? ACCESS_CODES.PRIVILEGE_ESCALATION : first.method.family === 'resource-exposure' ? ACCESS_CODES.RESOURCE_EXPOSURE : ACCESS_CODES.CREDENTIAL_EXPOSURE;
    const names = group.map((r) => (r.method.family === 'privilege-escalation' ? `\`${r.method.id}\`` : r.method.steps.map((s) => `\`${s.action}\``).join(', ')));
    let message: string;
    if (first.method.family === 'privilege-escalation') {
      message = group.length === 1
        ? `Privilege escalation (${names[0]}): ${where} ${several ? 'let' : 'lets'} the holder ${first.method.title}; block it with ${first.method.blockedBy}.`
        : `Privilege escalation: ${where} ${several ? 'give' : 'gives'} ${group.length} published methods (${names.join(', ')}); block them with conditions, resource limits or a \`Deny\`.`;
    } else if (everyStepTakesNoResource(group)) {
      // Such an action applies to every resource whatever `Resource` says (Service Authorization
      // Reference: no resource types), so "name the resources" cannot be followed.
      const one = group.length === 1 && first.method.steps.length === 1;
      const does = first.method.family === 'resource-exposure' ? 'can open resources to other accounts or the public' : one ? 'returns credentials' : 'return credentials';
      message =
        `${first.method.family === 'resource-exposure' ? 'Resource' : 'Credential'} exposure: ${where} ${several ? 'allow' : 'allows'} ${names.join(', ')}, which ${does}. ` +
        (one
          ? 'The action supports no resource-level permissions, so it applies to every resource: grant it only to the principals that need it, or bound it with a condition.'
          : 'These actions support no resource-level permissions, so they apply to every resource: grant them only to the principals that need them, or bound them with a condition.');
    } else if (first.method.family === 'resource-exposure') {
      message = `Resource exposure: ${where} ${several ? 'allow' : 'allows'} ${names.join(', ')} on resources ${several ? 'they do' : 'it does'} not name, which can open them to other accounts or the public; name the resources or deny them.`;
    } else {
      message = `Credential exposure: ${where} ${several ? 'allow' : 'allows'} ${names.join(', ')}, which return credentials, on resources ${several ? 'they do' : 'it does'} not name.`;
    }
    findings.push({ code: code.code, category: code.category, message, span: spanFor(document, first.statements[0] ?? 0, 'action') });
  }
  return findings;
}

/** The access findings of one policy. Never throws: a failure yields no findings. */
export function accessFindings(document: PolicyDocument, kind: PolicyKind, options: AccessFindingOptions = {}): Finding[] {
  try {
    if (kind === 'resource' || kind === 'trust') {
      const analysis = analyzeExternalAccess(document, kind, options);
      const findings: Finding[] = [];
      for (const s of analysis.statements) {
        const label = statementLabel(s);
        const span = spanFor(document, s.index, 'principal');
        if (s.public) {
          findings.push({
            code: ACCESS_CODES.PUBLIC_ACCESS.code,
            category: ACCESS_CODES.PUBLIC_ACCESS.category,
            message: s.identityProviders.length > 0 && !s.summary.startsWith('anyone (public)')
              ? `Public access: ${label} lets ${s.summary} perform ${list(s.actions)}; add a condition on the provider's \`sub\` (or \`aud\`) key.`
              : `Public access: ${label} lets anyone perform ${list(s.actions)} on ${list(s.resources)}; name the principals or bound them with \`aws:PrincipalOrgID\`, \`aws:PrincipalAccount\` or \`aws:SourceArn\`.`,
            span,
          });
        }
        if (s.externalAccounts.length > 0 || s.canonicalUsers.length > 0) {
          const who = [...s.externalAccounts, ...s.canonicalUsers];
          findings.push({
            code: ACCESS_CODES.CROSS_ACCOUNT_ACCESS.code,
            category: ACCESS_CODES.CROSS_ACCOUNT_ACCESS.category,
            message: `Cross-account access: ${label} lets ${analysis.owner ? 'other ' : ''}account(s) ${list(who)} perform ${list(s.actions)}${analysis.owner ? '' : ' (cross-account unless the policy belongs to that account)'}.`,
            span,
          });
        }
        // A statement whose principals are all services is Access Analyzer's own check
        // (RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL, or RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL, in the
        // principal family): one finding says it. This one covers a service among other principals.
        if (kind === 'resource' && s.services.length > 0 && !onlyServices(document, s.index) && !hasSourceCondition(document, s.index, s.services)) {
          findings.push({
            code: ACCESS_CODES.SERVICE_ACCESS_WITHOUT_SOURCE.code,
            category: ACCESS_CODES.SERVICE_ACCESS_WITHOUT_SOURCE.category,
            message: `${label} lets ${list(s.services)} act without \`aws:SourceArn\` or \`aws:SourceAccount\`; add one so the service acts only for your resources (the confused deputy problem).`,
            span,
          });
        }
      }
      return findings;
    }
    if (kind === 'identity' && !options.skipRisks) return riskFindings(document, analyzeRisks(document, kind));
    return [];
  } catch {
    return [];
  }
}
