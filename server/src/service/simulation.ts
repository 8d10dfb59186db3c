/**
 * Simulating a request against one policy document in the editor: the choices offered in the
 * simulate input (the policy's own actions, resources and principals), the answer for
 * SimulateRequest, and the "Simulate…" code lens at the top of a policy. Pure: the analysis and the
 * parameters come in, protocol results go out.
 *
 * A lone document is evaluated in its role: an identity policy as the caller's only identity-based
 * policy; a resource or trust policy as the resource-based policy; a boundary, SCP, RCP or session
 * policy together with an allow-all identity policy, so that the answer says what this document
 * limits. The explanation says which.
 */
import type { CodeLens } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { expandActionPattern } from '../iam/catalog/catalog';
import { deriveContext, evaluate } from '../iam/evaluate/index';
import type { EvaluationAnswer, EvaluationRequest, PolicyInput } from '../iam/evaluate/types';
import type { PolicyKind } from '../iam/document/policyKind';
import type { SimulateParams, SimulateResult, SimulationChoicesResult } from '../protocol';
import type { DocumentAnalysis } from './documentAnalysis';
import { rangeOf } from './diagnostics';
import { implicitDenyReason } from './scenario';
import { getNodeValue } from 'jsonc-parser';
import { MAX_NESTING_DEPTH } from '../iam/document/jsonNesting';

/** The command the "Simulate…" lens runs; its argument is the document uri. */
const SIMULATE_COMMAND = 'iamPolicy.simulate';

/** The most actions offered; wildcards are expanded up to this many in total. */
const MAX_ACTIONS = 300;
/** The fewest actions each wildcard may contribute when several share the budget. */
const MIN_PER_PATTERN = 30;

/** The stand-in identity policy used when the document is a limit rather than a grant. */
const ALLOW_ALL_ID = 'allow-all identity policy (stand-in)';
const ALLOW_ALL: PolicyInput = { id: ALLOW_ALL_ID, document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } };

/** The id the document gets in reasons. */
const DOCUMENT_ID = 'this policy';

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/** The document's own actions (wildcards expanded, bounded), resources and principals. */
export function simulationChoices(analysis: DocumentAnalysis): SimulationChoicesResult {
  if (analysis.role !== 'policy') return { actions: [], resources: [], principals: [] };
  const actions: string[] = [];
  const resources: string[] = [];
  const principals: string[] = [];
  const statements = analysis.parse.document.statements;
  // The budget is shared among the wildcards, so that one `*` does not crowd out the rest.
  const wildcards = statements.reduce((n, s) => n + (s.action?.values ?? []).filter((v) => /[*?]/.test(v.value)).length, 0);
  const perPattern = Math.max(MIN_PER_PATTERN, Math.floor(MAX_ACTIONS / Math.max(1, wildcards)));
  for (const statement of statements) {
    for (const value of statement.action?.values ?? []) {
      if (actions.length >= MAX_ACTIONS) break;
      if (!/[*?]/.test(value.value)) {
        actions.push(value.value);
        continue;
      }
      for (const a of expandActionPattern(value.value).slice(0, perPattern)) {
        if (actions.length >= MAX_ACTIONS) break;
        actions.push(a.fullName);
      }
    }
    for (const value of statement.resource?.values ?? []) resources.push(value.value);
    for (const entry of statement.principal?.entries ?? []) for (const value of entry.values) principals.push(value.value);
    if (statement.principal?.wildcard) principals.push(statement.principal.wildcard.value);
  }
  return { actions: unique(actions), resources: unique(resources), principals: unique(principals) };
}

const ROLE_NOTES: Record<PolicyKind, string> = {
  identity: 'This document is evaluated as the caller\'s only identity-based policy.',
  resource: 'This document is evaluated as the resource-based policy; the caller has no identity-based policies here, so a cross-account request cannot be allowed.',
  trust: 'This document is evaluated as the role\'s trust policy (the resource-based policy of `sts:AssumeRole`); the caller has no identity-based policies here.',
  boundary: `This document is evaluated as the permissions boundary, with an allow-all identity-based policy standing in for the caller's policies: the answer says what the boundary limits.`,
  scp: 'This document is evaluated as the only SCP of one organization level, with an allow-all identity-based policy standing in for the caller\'s policies: the answer says what the SCP limits.',
  rcp: 'This document is evaluated as the only RCP of one organization level, with an allow-all identity-based policy standing in for the caller\'s policies: the answer says what the RCP denies.',
  session: 'This document is evaluated as the session policy, with an allow-all identity-based policy standing in for the role\'s policies: the answer says what the session policy limits.',
};

/** The evaluator request for a document in its role. */
function simulationRequest(kind: PolicyKind, document: unknown, params: Pick<SimulateParams, 'principal' | 'action' | 'resource' | 'context'>): EvaluationRequest {
  const self: PolicyInput = { id: DOCUMENT_ID, document };
  const base = { principal: params.principal, action: params.action, resource: params.resource, context: { ...(params.context ?? {}) } };
  switch (kind) {
    case 'identity':
      return { ...base, identityPolicies: [self] };
    case 'resource':
    case 'trust':
      return { ...base, resourcePolicy: self };
    case 'boundary':
      return { ...base, identityPolicies: [ALLOW_ALL], permissionBoundary: self };
    case 'scp':
      return { ...base, identityPolicies: [ALLOW_ALL], scps: [[self]] };
    case 'rcp':
      return { ...base, identityPolicies: [ALLOW_ALL], rcps: [[self]] };
    case 'session':
      return { ...base, identityPolicies: [ALLOW_ALL], sessionPolicy: self };
  }
}

/** A short reason for the summary line. */
function shortReason(answer: EvaluationAnswer, action: string, hasResourcePolicy: boolean): string {
  const name = (r: EvaluationAnswer['reasons'][number]) => `${r.sid ? `statement \`${r.sid}\`` : `statement ${r.statementIndex}`}${r.policyId === DOCUMENT_ID ? '' : ` of the ${r.policyId}`}`;
  if (answer.decision === 'Allow') return answer.reasons.length > 0 ? `allowed by ${answer.reasons.map(name).join(' and ')}` : 'allowed';
  if (answer.decision === 'ExplicitDeny') return `denied by ${answer.reasons.map(name).join(' and ')}`;
  return implicitDenyReason(answer.explanation, action, hasResourcePolicy);
}

function errorResult(message: string): SimulateResult {
  return { decision: 'Error', summary: message, explanation: message, decidingRanges: [] };
}

/** Evaluates a request against the document in its role. */
export function simulateDocument(document: TextDocument, analysis: DocumentAnalysis, params: SimulateParams, options: { isKnownAction?: (action: string) => boolean } = {}): SimulateResult {
  if (analysis.role !== 'policy' || !analysis.kind) return errorResult('This document is not an IAM policy, so there is nothing to simulate against.');
  if (!params.principal || !params.action || !params.resource) return errorResult('Give a principal, an action and a resource to simulate.');
  if (!/^[^:\s]+:[^:\s]+$/.test(params.action)) return errorResult(`Action \`${params.action}\` must be \`service:Action\`, e.g. \`s3:GetObject\`.`);
  // Blanked too-deep content would make the evaluator judge a different policy.
  if (analysis.parse.problems.some((problem) => problem.kind === 'depth')) return errorResult(`This policy nests JSON more than ${MAX_NESTING_DEPTH} levels deep, so it cannot be simulated; see its diagnostics.`);
  const root = analysis.parse.document.root;
  const json = root ? getNodeValue(root) : undefined;
  const kind = analysis.kind.kind;
  let request = simulationRequest(kind, json, params);
  let derived: string[] | undefined;
  if (params.deriveContext) {
    const result = deriveContext(request);
    request = { ...request, context: result.context };
    derived = result.derived;
  }
  const answer = evaluate(request, options.isKnownAction ? { isKnownAction: options.isKnownAction } : {});
  const decidingRanges = answer.reasons
    .filter((r) => r.policyId === DOCUMENT_ID)
    .flatMap((r) => {
      const statement = analysis.parse.document.statements.find((s) => s.index === r.statementIndex);
      return statement ? [rangeOf(document, statement.span)] : [];
    });
  const summary = `${answer.decision}: ${shortReason(answer, params.action, request.resourcePolicy !== undefined)}`;
  const lines = [
    `# ${answer.decision}`,
    '',
    `\`${params.principal}\` calls \`${params.action}\` on \`${params.resource}\`.`,
    '',
    ROLE_NOTES[kind],
    '',
    ...answer.explanation.split('\n').filter((l) => !l.startsWith('Decision: ')).map((l) => l.replaceAll(`\`${DOCUMENT_ID}\``, 'this policy')),
    '',
  ];
  if (derived) {
    lines.push(derived.length > 0 ? 'Context derived from the principal:' : 'No context was derived (every derivable key was set or unknowable).', '');
    for (const d of derived) lines.push(`- \`${d.replace(/ \(.*\)$/, '')}\` ${/\((.*)\)$/.exec(d)?.[1] ?? ''}`);
    lines.push('');
  }
  if (answer.missingContextKeys.length > 0) lines.push(`Missing context keys that mattered: ${answer.missingContextKeys.map((k) => `\`${k}\``).join(', ')}`, '');
  for (const w of answer.warnings) lines.push(`- warning: ${w}`);
  for (const e of answer.errors) lines.push(`- error: ${e}`);
  return { decision: answer.decision, summary, explanation: lines.join('\n'), decidingRanges, ...(derived ? { derived } : {}) };
}

/** The "Simulate…" lens at the top of a policy document. */
export function simulationCodeLenses(document: TextDocument, analysis: DocumentAnalysis): CodeLens[] {
  if (analysis.role !== 'policy' || analysis.parse.document.statements.length === 0) return [];
  const start = document.positionAt(analysis.parse.document.root?.offset ?? 0);
  return [{ range: { start, end: start }, command: { title: 'Simulate…', command: SIMULATE_COMMAND, arguments: [document.uri] } }];
}
