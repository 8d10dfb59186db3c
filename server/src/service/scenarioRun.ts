/**
 * Scenario runs for the editor's Test Explorer, in protocol types: the tests of a scenario file with
 * their ranges, each run test's outcome (expected and actual decision, the one-line result, the
 * markdown explanation, the deciding statement), and statement coverage per file. Pure: the caller
 * runs the tests (reading policy files is I/O) and passes the results.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { PolicyCoverage } from '../iam/author/coverage';
import type { Scenario, TestResult } from '../iam/scenario/index';
import type { FileCoverageInfo, ScenarioTestInfo, ScenarioTestOutcome } from '../protocol';
import { rangeOf } from './diagnostics';
import { resultMarkdown, resultTarget, resultText, type PolicyUriResolver } from './scenario';

/** The tests of a parsed scenario, where each is written. */
export function scenarioTestInfos(document: TextDocument, scenario: Scenario): ScenarioTestInfo[] {
  return scenario.tests.map((test) => ({ index: test.index, name: test.name, range: rangeOf(document, test.span) }));
}

/** One test result as the Test Explorer shows it. */
export function scenarioTestOutcome(document: TextDocument, result: TestResult, policyUri: PolicyUriResolver): ScenarioTestOutcome {
  const target = resultTarget(result, document, policyUri);
  return {
    index: result.test.index,
    name: result.test.name,
    range: rangeOf(document, result.test.span),
    outcome: result.decision === 'Error' ? 'errored' : result.passed ? 'passed' : 'failed',
    expected: result.test.expect.value,
    actual: result.decision,
    summary: resultText(result),
    explanation: resultMarkdown(result),
    ...(target ? { location: target } : {}),
  };
}

/**
 * Statement coverage of one scenario run, per file: policy files and templates by their uri, inline
 * policies in the scenario file itself. Files that cannot be placed (no uri) are left out.
 */
export function scenarioCoverage(document: TextDocument, coverage: readonly PolicyCoverage[], policyUri: PolicyUriResolver, scenarioLabel: string): FileCoverageInfo[] {
  const files = new Map<string, { uri: string; statements: Array<FileCoverageInfo['statements'][number] & { tests: string[] }> }>();
  for (const policy of coverage) {
    const uri = policy.kind === 'file' && policy.file !== undefined ? policyUri(policy.file) : document.uri;
    if (!uri) continue;
    const text = policy.kind === 'file' ? TextDocument.create(uri, 'json', 0, policy.text ?? '') : document;
    const entry = files.get(uri) ?? { uri, statements: [] };
    files.set(uri, entry);
    // A template or a scenario holds several policies: name the policy too.
    const pointer = policy.kind === 'file' ? policy.id.split('#').slice(1).join('#') : policy.id;
    for (const s of policy.statements) {
      if (!s.span) continue;
      const range = rangeOf(text, s.span);
      // The same policy used twice (by two principals) is one set of statements.
      const existing = entry.statements.find((x) => x.range.start.line === range.start.line && x.range.start.character === range.start.character);
      if (existing) {
        for (const t of s.tests.map((name) => `${scenarioLabel}: ${name}`)) if (!existing.tests.includes(t)) existing.tests.push(t);
        continue;
      }
      const name = s.sid ? `statement \`${s.sid}\`` : `statement ${s.index}`;
      entry.statements.push({ range, label: pointer ? `${name} of \`${pointer}\`` : name, ...(s.effect ? { effect: s.effect } : {}), tests: s.tests.map((t) => `${scenarioLabel}: ${t}`) });
    }
  }
  return [...files.values()];
}
