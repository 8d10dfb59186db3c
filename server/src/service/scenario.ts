/**
 * Scenario files in words and LSP types: the one-line result of a test (code lens title and CLI
 * line), its markdown explanation, diagnostics for scenario problems and the code lenses above the
 * tests. Pure: the caller runs the tests (reading policy files is I/O) and passes the results.
 */
import { DiagnosticSeverity, type CodeLens, type Diagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DecidingStatement, ResolvedPolicy, ScenarioProblem, TestResult, TestStep } from '../iam/scenario/index';
import { ShowTestResultCommand, type ShowTestResultArguments } from '../protocol';
import { DIAGNOSTIC_SOURCE, rangeOf } from './diagnostics';

/** How a policy is named in a result line: the lens uses the base name, the CLI the path as written. */
export type PolicyNamer = (policy: ResolvedPolicy) => string;

const BASE_NAME: PolicyNamer = (policy) => (policy.ref.kind === 'file' ? policy.label : `inline policy \`${policy.ref.where}\``);

/** `✓`, `✗`, or `⚠` for a test that could not run. */
export function resultMark(result: TestResult): string {
  if (result.decision === 'Error') return '⚠';
  return result.passed ? '✓' : '✗';
}

function decidingStatementName(d: DecidingStatement, name: PolicyNamer): string {
  const statement = d.reason.sid ? `statement \`${d.reason.sid}\`` : `statement ${d.reason.statementIndex}`;
  return `${statement} of ${d.policy ? name(d.policy) : `\`${d.reason.policyId}\``}`;
}

/** Why a step was decided, in a few words: the deciding statements, or what did not allow it. */
export function stepReason(step: TestStep, deciding: readonly DecidingStatement[], name: PolicyNamer = BASE_NAME): string {
  const answer = step.answer;
  if (answer.decision === 'Allow') {
    // Cross-account and trust-policy answers name both sides; the last one is the resource's side.
    return deciding.length === 0 ? 'allowed' : deciding.map((d) => decidingStatementName(d, name)).join(' and ');
  }
  if (answer.decision === 'ExplicitDeny') {
    return deciding.length === 0 ? 'explicitly denied' : `${deciding.map((d) => decidingStatementName(d, name)).join(' and ')} denies`;
  }
  return implicitDenyReason(answer.explanation, step.request.action, step.request.resourcePolicy !== undefined);
}

/**
 * An implicit denial in a few words, from the evaluator's "Implicitly denied: …" sentence: "nothing
 * allows `X`" when no policy of any kind allows it, else the sentence without the resource (which
 * the request already shows) and without "no resource-based policy was given" (which is noise when
 * something else is the reason).
 */
export function implicitDenyReason(explanation: string, action: string, hasResourcePolicy: boolean): string {
  const line = explanation
    .split('\n')
    .find((l) => l.startsWith('Implicitly denied: '))
    ?.slice('Implicitly denied: '.length)
    .replace(/\.$/, '');
  if (!line) return `nothing allows \`${action}\``;
  if (!hasResourcePolicy && /^no identity-based policy allows `[^`]*` on `[^`]*`(; no resource-based policy was given)?$/.test(line)) return `nothing allows \`${action}\``;
  return line.replace(/ on `[^`]*`/g, '').replace(/; no resource-based policy was given$/, '');
}

/** The result without its mark: `Allow: statement …` or `expected Allow, got ImplicitDeny: …`. */
export function resultText(result: TestResult, name: PolicyNamer = BASE_NAME): string {
  if (result.decision === 'Error') return `cannot run: ${result.error ?? 'unknown problem'}`;
  const last = result.steps[result.steps.length - 1]!;
  let why = stepReason(last, result.deciding, name);
  if (result.failedStep !== undefined) {
    const role = last.request.resource.split('/').pop();
    why = `step ${result.failedStep + 1} \`sts:AssumeRole\` on \`${role}\` denied: ${why}`;
  }
  const expected = result.test.expect.value;
  const head = result.passed ? result.decision : `expected ${expected === 'Deny' ? 'a denial' : expected}, got ${result.decision}`;
  return `${head}: ${why}`;
}

/** The one-line result the code lens shows: `✓ Allow: statement \`S3Full\` of permissions.json`. */
export function resultLine(result: TestResult, name: PolicyNamer = BASE_NAME): string {
  return `${resultMark(result)} ${resultText(result, name)}`;
}

function stepMarkdown(step: TestStep): string[] {
  const title = /^step \d+: /.test(step.label) ? step.label.replace(/^step (\d+): /, 'Step $1: ') : `Request: ${step.label}`;
  const lines = [`## ${title}`, ''];
  lines.push(`- principal: \`${step.request.principal}\``, `- action: \`${step.request.action}\``, `- resource: \`${step.request.resource}\``);
  const policies = [
    ...(step.request.identityPolicies ?? []).map((p) => `identity \`${p.id}\``),
    ...(step.request.resourcePolicy ? [`resource-based \`${step.request.resourcePolicy.id}\``] : []),
    ...(step.request.permissionBoundary ? [`boundary \`${step.request.permissionBoundary.id}\``] : []),
    ...(step.request.sessionPolicy ? [`session \`${step.request.sessionPolicy.id}\``] : []),
    ...(step.request.scps ?? []).map((level, i) => `SCPs level ${i}: ${level.map((p) => `\`${p.id}\``).join(', ')}`),
    ...(step.request.rcps ?? []).map((level, i) => `RCPs level ${i}: ${level.map((p) => `\`${p.id}\``).join(', ')}`),
  ];
  lines.push(`- policies: ${policies.length > 0 ? policies.join('; ') : 'none'}`, '');
  // Each sentence of the evaluator's explanation is its own paragraph.
  lines.push(`**${step.answer.decision}**`, '', ...step.answer.explanation.split('\n').filter((l) => l && !l.startsWith('Decision: ')).flatMap((l) => [l, '']));
  if (step.derived.length > 0) lines.push('Context derived from the principal:', '', ...step.derived.map((d) => `- \`${d.replace(/ \(.*\)$/, '')}\` ${/\((.*)\)$/.exec(d)?.[1] ?? ''}`), '');
  const context = Object.entries(step.request.context ?? {});
  if (context.length > 0 && step.derived.length === 0) lines.push('Context:', '', ...context.map(([k, v]) => `- \`${k}\` = \`${JSON.stringify(v)}\``), '');
  if (step.answer.missingContextKeys.length > 0) lines.push(`Missing context keys that mattered: ${step.answer.missingContextKeys.map((k) => `\`${k}\``).join(', ')}`, '');
  for (const w of step.answer.warnings) lines.push(`- warning: ${w}`);
  for (const e of step.answer.errors) lines.push(`- error: ${e}`);
  return lines;
}

/** The markdown explanation of a test result: every step, its decision, context and statements. */
export function resultMarkdown(result: TestResult): string {
  const lines = [`# Test \`${result.test.name}\``, '', `${resultLine(result)}`, ''];
  lines.push(`Expected: \`${result.test.expect.value}\`${result.test.expect.value === 'Deny' ? ' (either denial)' : ''}. Got: \`${result.decision}\`.`, '');
  if (result.error) lines.push(result.error, '');
  if (result.failedStep !== undefined) lines.push(`The assume-role chain stopped at step ${result.failedStep + 1}, so the request itself was not made.`, '');
  for (const step of result.steps) lines.push(...stepMarkdown(step));
  if (!result.test.deriveContext) lines.push('Context derivation is off for this test (`"deriveContext": false`).', '');
  return lines.join('\n');
}

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning } as const;

/** Scenario problems → diagnostics. */
export function scenarioDiagnostics(document: TextDocument, problems: readonly ScenarioProblem[]): Diagnostic[] {
  return problems.map((p) => ({ range: rangeOf(document, p.span), severity: SEVERITY[p.severity], code: p.code, source: DIAGNOSTIC_SOURCE, message: p.message }));
}

/** The uri of a policy file given by its path as written in the scenario, or undefined. */
export type PolicyUriResolver = (relativePath: string) => string | undefined;

/** The statement a result's lens reveals: the first deciding statement that has a place. */
export function resultTarget(result: TestResult, scenarioDocument: TextDocument, policyUri: PolicyUriResolver): ShowTestResultArguments['target'] {
  for (const d of result.deciding) {
    if (!d.span || !d.policy) continue;
    if (d.policy.ref.kind === 'inline') return { uri: scenarioDocument.uri, range: rangeOf(scenarioDocument, d.span) };
    const uri = policyUri(d.policy.ref.path);
    if (!uri || d.policy.text === undefined) continue;
    const file = TextDocument.create(uri, 'json', 0, d.policy.text);
    return { uri, range: rangeOf(file, d.span) };
  }
  // Nothing decided by a statement: reveal the test itself.
  return { uri: scenarioDocument.uri, range: rangeOf(scenarioDocument, result.test.span) };
}

/** One code lens above each test, showing its live result. */
export function scenarioCodeLenses(document: TextDocument, results: readonly TestResult[], policyUri: PolicyUriResolver): CodeLens[] {
  return results.map((result) => {
    const start = document.positionAt(result.test.span.offset);
    const title = resultLine(result);
    const args: ShowTestResultArguments = { title, explanation: resultMarkdown(result), target: resultTarget(result, document, policyUri) };
    return { range: { start, end: start }, command: { title, command: ShowTestResultCommand, arguments: [args] } };
  });
}
