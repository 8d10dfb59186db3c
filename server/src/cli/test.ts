/**
 * `iam-policy test <files or dirs>...`: runs the tests of scenario files (`*.iamtest.json`) and
 * prints each with ✓/✗, its result and the deciding statement, then `N passed, M failed`.
 * Policy files named in a scenario are read relative to the scenario file.
 *
 * Exit codes: 0 when every test passed, 1 when any failed or could not run, 2 for bad usage or a
 * scenario file that cannot be read or is not valid JSON.
 */
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { action as catalogAction } from '../iam/catalog/catalog';
import { checkPolicyFiles, isUnreadableScenarioProblem, parseScenario, runScenario, type PolicySet, type ScenarioProblem, type TestResult } from '../iam/scenario/index';
import { isScenarioPath } from '../service/documentAnalysis';
import { resultMark, resultText, stepReason, type PolicyNamer } from '../service/scenario';
import { statementCoverage } from '../iam/author/index';
import type { Scenario } from '../iam/scenario/index';
import { describeReadError, scenarioPolicies, walkFiles, type CliIo } from './cliIo';
import type { CliCommand } from './commands';

const TEST_USAGE = 'iam-policy test [--coverage] [--format text|json|lcov] <scenario files (*.iamtest.json) or dirs>...';

const HELP = `${TEST_USAGE}

Runs the policy tests of scenario files. Directories are searched for *.iamtest.json files.
Policy files named in a scenario are read relative to the scenario file.
  --format text|json   text (default): one line per test; json: machine-readable results
  --coverage           also report which policy statements decided at least one test, per policy
                       file, with a percentage (text and json), or only that as lcov (--format lcov)
Exit codes: 0 all passed, 1 a test failed or could not run, 2 bad usage or unreadable scenario file.
`;

/** A command-line target: a directory's scenario files, or the file itself. */
function collect(io: CliIo, target: string, out: string[]): void {
  if (io.kindOf(target) !== 'dir') out.push(target);
  else out.push(...walkFiles(io, target, isScenarioPath));
}

interface FileReport {
  readonly path: string;
  readonly text: string;
  readonly scenario: Scenario;
  readonly policies: PolicySet;
  readonly problems: readonly (ScenarioProblem & { line: number; character: number })[];
  readonly results: readonly TestResult[];
}

/** Runs `iam-policy test` with the arguments after the word `test`. */
function runTestCommand(argv: readonly string[], io: CliIo): number {
  let format: 'text' | 'json' | 'lcov' = 'text';
  let coverage = false;
  const targets: string[] = [];
  const formats = (value: string | undefined) => value === 'text' || value === 'json' || (value === 'lcov' && argv.includes('--coverage'));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      io.stdout(HELP);
      return 0;
    }
    if (arg === '--coverage') {
      coverage = true;
    } else if (arg === '--format') {
      const value = argv[++i];
      if (!formats(value)) {
        io.stderr(`iam-policy test: \`--format\` takes \`text\` or \`json\`${argv.includes('--coverage') ? ' or `lcov`' : ''}${value === undefined ? '' : `, not \`${value}\``}.\nUsage: ${TEST_USAGE}\n`);
        return 2;
      }
      format = value as 'text' | 'json' | 'lcov';
    } else if (arg.startsWith('--format=')) {
      const value = arg.slice('--format='.length);
      if (!formats(value)) {
        io.stderr(`iam-policy test: \`--format\` takes \`text\` or \`json\`${argv.includes('--coverage') ? ' or `lcov`' : ''}, not \`${value}\`.\nUsage: ${TEST_USAGE}\n`);
        return 2;
      }
      format = value as 'text' | 'json' | 'lcov';
    } else if (arg.startsWith('-') && arg !== '-') {
      io.stderr(`iam-policy test: unknown option \`${arg}\`.\nUsage: ${TEST_USAGE}\n`);
      return 2;
    } else {
      targets.push(arg);
    }
  }
  if (targets.length === 0) {
    io.stderr(`iam-policy test: give scenario files or directories.\nUsage: ${TEST_USAGE}\n`);
    return 2;
  }

  const files: string[] = [];
  for (const target of targets) {
    if (io.kindOf(target) === 'missing') {
      io.stderr(`iam-policy test: cannot read \`${target}\`: no such file or directory.\n`);
      return 2;
    }
    collect(io, target, files);
  }
  if (files.length === 0) {
    io.stderr(`iam-policy test: no scenario files (*.iamtest.json) in ${targets.map((t) => `\`${t}\``).join(', ')}.\n`);
    return 2;
  }

  const reports: FileReport[] = [];
  let unreadable = false;
  for (const file of files) {
    let text: string;
    try {
      text = io.readFile(file);
    } catch (error) {
      io.stderr(`iam-policy test: cannot read \`${file}\`: ${describeReadError(error)}.\n`);
      unreadable = true;
      continue;
    }
    const document = TextDocument.create(file, 'json', 0, text);
    const parsed = parseScenario(text);
    const policies = scenarioPolicies(io, file);
    const problems = [...parsed.problems, ...checkPolicyFiles(parsed.scenario, policies)].map((p) => ({ ...p, ...document.positionAt(p.span.offset) }));
    if (parsed.problems.some(isUnreadableScenarioProblem)) {
      for (const p of problems.filter(isUnreadableScenarioProblem)) io.stderr(`${file}:${p.line + 1}:${p.character + 1}: ${p.message}\n`);
      const tooDeep = parsed.problems.some((p) => p.code === 'SCENARIO_TOO_DEEP');
      io.stderr(`iam-policy test: \`${file}\` ${tooDeep ? 'nests JSON too deep to be read' : 'is not valid JSON'}.\n`);
      unreadable = true;
      continue;
    }
    reports.push({ path: file, text, scenario: parsed.scenario, policies, problems, results: runScenario(parsed.scenario, policies, { isKnownAction: (name) => catalogAction(name) !== undefined }) });
  }

  const all = reports.flatMap((r) => r.results);
  const passed = all.filter((r) => r.passed).length;
  const failed = all.length - passed;
  // The CLI names policies by the path written in the scenario, which finds them from the scenario's folder.
  const name: PolicyNamer = (policy) => (policy.ref.kind === 'file' ? policy.ref.path : `inline policy \`${policy.ref.where}\``);

  const covered = coverage ? coverageByFile(reports) : [];
  if (format === 'lcov') {
    io.stdout(lcov(covered));
  } else if (format === 'json') {
    io.stdout(JSON.stringify({ files: reports.map((r) => fileJson(r, name)), passed, failed, ...(coverage ? { coverage: coverageJson(covered) } : {}) }, null, 2) + '\n');
  } else {
    const lines: string[] = [];
    for (const report of reports) {
      lines.push(report.path);
      for (const p of report.problems) lines.push(`  ${p.severity}: ${report.path}:${p.line + 1}:${p.character + 1}: ${p.message}`);
      for (const result of report.results) lines.push(`  ${resultMark(result)} ${result.test.name}: ${resultText(result, name)}`);
    }
    lines.push(`${passed} passed, ${failed} failed`);
    if (coverage) lines.push(...coverageText(covered));
    io.stdout(lines.join('\n') + '\n');
  }
  if (unreadable) return 2;
  return failed > 0 ? 1 : 0;
}

function fileJson(report: FileReport, name: PolicyNamer): unknown {
  return {
    path: report.path,
    problems: report.problems.map((p) => ({ code: p.code, severity: p.severity, message: p.message, line: p.line + 1, column: p.character + 1 })),
    tests: report.results.map((r) => ({
      name: r.test.name,
      expect: r.test.expect.value,
      decision: r.decision,
      passed: r.passed,
      reason: resultText(r, name),
      ...(r.error ? { error: r.error } : {}),
      ...(r.failedStep !== undefined ? { failedStep: r.failedStep + 1 } : {}),
      deciding: r.deciding.map((d) => ({
        policy: d.policy ? name(d.policy) : d.reason.policyId,
        policyRole: d.reason.policyRole,
        statementIndex: d.reason.statementIndex,
        ...(d.reason.sid ? { sid: d.reason.sid } : {}),
        effect: d.reason.effect,
        ...(d.span && d.policy?.text !== undefined ? { line: TextDocument.create('', 'json', 0, d.policy.text).positionAt(d.span.offset).line + 1 } : {}),
      })),
      steps: r.steps.map((s) => ({
        kind: s.kind,
        label: s.label,
        principal: s.request.principal,
        action: s.request.action,
        resource: s.request.resource,
        decision: s.answer.decision,
        reason: stepReason(s, [], name),
        explanation: s.answer.explanation,
        derivedContext: s.derived,
      })),
    })),
  };
}

/** One statement of one policy file, with the lines it spans (1-based) and the tests it decided. */
interface CoveredStatement {
  readonly policy: string;
  readonly index: number;
  readonly sid?: string;
  readonly effect?: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly tests: string[];
}

/** Coverage per file that holds statements: policy files, templates, and scenario files for inline policies. */
interface CoveredFile {
  readonly path: string;
  readonly statements: CoveredStatement[];
}

function coverageByFile(reports: readonly FileReport[]): CoveredFile[] {
  const files = new Map<string, CoveredFile>();
  for (const report of reports) {
    const dir = path.dirname(report.path);
    for (const policy of statementCoverage(report.scenario, report.results, report.policies)) {
      const filePath = policy.kind === 'file' && policy.file !== undefined ? path.join(dir, policy.file) : report.path;
      const text = policy.kind === 'file' ? policy.text ?? '' : report.text;
      const lines = TextDocument.create(filePath, 'json', 0, text);
      const entry = files.get(filePath) ?? { path: filePath, statements: [] };
      files.set(filePath, entry);
      for (const s of policy.statements) {
        const start = s.span ? lines.positionAt(s.span.offset).line + 1 : 1;
        const end = s.span ? lines.positionAt(s.span.offset + s.span.length).line + 1 : start;
        // The same file used by several scenarios (or twice in one) is one set of statements.
        const existing = entry.statements.find((x) => x.startLine === start && x.index === s.index && x.policy === (policy.kind === 'file' ? policy.id.split('#').slice(1).join('#') || filePath : policy.id));
        if (existing) {
          for (const t of s.tests) if (!existing.tests.includes(t)) existing.tests.push(t);
        } else {
          entry.statements.push({ policy: policy.kind === 'file' ? policy.id.split('#').slice(1).join('#') || filePath : policy.id, index: s.index, ...(s.sid ? { sid: s.sid } : {}), ...(s.effect ? { effect: s.effect } : {}), startLine: start, endLine: end, tests: [...s.tests] });
        }
      }
    }
  }
  return [...files.values()];
}

function percent(covered: number, total: number): number {
  return total === 0 ? 100 : Math.round((covered / total) * 1000) / 10;
}

function coverageText(files: readonly CoveredFile[]): string[] {
  const lines = ['', 'Coverage (statements that decided at least one test):'];
  let covered = 0;
  let total = 0;
  for (const file of files) {
    const hit = file.statements.filter((s) => s.tests.length > 0).length;
    covered += hit;
    total += file.statements.length;
    lines.push(`  ${file.path}: ${hit}/${file.statements.length} statements (${percent(hit, file.statements.length)}%)`);
    for (const s of file.statements) {
      const name = `statement ${s.sid ? `\`${s.sid}\` (index ${s.index})` : s.index}${s.policy !== file.path ? ` of \`${s.policy}\`` : ''}, line ${s.startLine}`;
      lines.push(s.tests.length > 0 ? `    ✓ ${name}: decided ${s.tests.length} test${s.tests.length === 1 ? '' : 's'}` : `    ✗ ${name}: never decided a test${s.effect === 'Allow' ? ' (this Allow is never exercised)' : s.effect === 'Deny' ? ' (this Deny is never exercised)' : ''}`);
    }
  }
  lines.push(`Total: ${covered}/${total} statements (${percent(covered, total)}%)`);
  return lines;
}

function coverageJson(files: readonly CoveredFile[]): unknown {
  const covered = files.reduce((n, f) => n + f.statements.filter((s) => s.tests.length > 0).length, 0);
  const total = files.reduce((n, f) => n + f.statements.length, 0);
  return {
    files: files.map((f) => {
      const hit = f.statements.filter((s) => s.tests.length > 0).length;
      return {
        path: f.path,
        covered: hit,
        total: f.statements.length,
        percent: percent(hit, f.statements.length),
        statements: f.statements.map((s) => ({ policy: s.policy, index: s.index, ...(s.sid ? { sid: s.sid } : {}), ...(s.effect ? { effect: s.effect } : {}), startLine: s.startLine, endLine: s.endLine, covered: s.tests.length > 0, tests: s.tests })),
      };
    }),
    covered,
    total,
    percent: percent(covered, total),
  };
}

/** lcov tracefile: one record per file, each line of each statement a DA line with the tests it decided. */
function lcov(files: readonly CoveredFile[]): string {
  const out: string[] = [];
  for (const file of files) {
    const hits = new Map<number, number>();
    for (const s of file.statements) for (let line = s.startLine; line <= s.endLine; line++) hits.set(line, Math.max(hits.get(line) ?? 0, s.tests.length));
    const lines = [...hits.keys()].sort((a, b) => a - b);
    out.push('TN:', `SF:${file.path}`, ...lines.map((line) => `DA:${line},${hits.get(line)}`), `LF:${lines.length}`, `LH:${lines.filter((line) => hits.get(line)! > 0).length}`, 'end_of_record');
  }
  return out.join('\n') + (out.length > 0 ? '\n' : '');
}

/** The command entry for the CLI dispatcher's table. */
export const testCommand: CliCommand = { name: 'test', usage: TEST_USAGE, run: runTestCommand };
