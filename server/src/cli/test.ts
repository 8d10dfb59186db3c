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
import { PolicySet, checkPolicyFiles, parseScenario, runScenario, type ScenarioProblem, type TestResult } from '../iam/scenario/index';
import { isScenarioPath } from '../service/documentAnalysis';
import { resultMark, resultText, stepReason, type PolicyNamer } from '../service/scenario';
import { describeReadError, type CliIo } from './cliIo';
import type { CliCommand } from './commands';

const TEST_USAGE = 'iam-policy test [--format text|json] <scenario files (*.iamtest.json) or dirs>...';

const HELP = `${TEST_USAGE}

Runs the policy tests of scenario files. Directories are searched for *.iamtest.json files.
Policy files named in a scenario are read relative to the scenario file.
  --format text|json   text (default): one line per test; json: machine-readable results
Exit codes: 0 all passed, 1 a test failed or could not run, 2 bad usage or unreadable scenario file.
`;

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', 'dist', 'out', '.e2e']);

function collect(io: CliIo, target: string, out: string[]): void {
  if (io.kindOf(target) !== 'dir') {
    out.push(target);
    return;
  }
  for (const entry of io.readDir(target).sort()) {
    if (SKIPPED_DIRECTORIES.has(path.basename(entry))) continue;
    if (io.kindOf(entry) === 'dir') collect(io, entry, out);
    else if (isScenarioPath(entry)) out.push(entry);
  }
}

interface FileReport {
  readonly path: string;
  readonly problems: readonly (ScenarioProblem & { line: number; character: number })[];
  readonly results: readonly TestResult[];
}

/** Runs `iam-policy test` with the arguments after the word `test`. */
function runTestCommand(argv: readonly string[], io: CliIo): number {
  let format: 'text' | 'json' = 'text';
  const targets: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      io.stdout(HELP);
      return 0;
    }
    if (arg === '--format') {
      const value = argv[++i];
      if (value !== 'text' && value !== 'json') {
        io.stderr(`iam-policy test: \`--format\` takes \`text\` or \`json\`${value === undefined ? '' : `, not \`${value}\``}.\nUsage: ${TEST_USAGE}\n`);
        return 2;
      }
      format = value;
    } else if (arg.startsWith('--format=')) {
      const value = arg.slice('--format='.length);
      if (value !== 'text' && value !== 'json') {
        io.stderr(`iam-policy test: \`--format\` takes \`text\` or \`json\`, not \`${value}\`.\nUsage: ${TEST_USAGE}\n`);
        return 2;
      }
      format = value;
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
    const dir = path.dirname(file);
    const policies = new PolicySet((relative) => {
      try {
        return { text: io.readFile(path.resolve(dir, relative)) };
      } catch (error) {
        return { error: `Cannot read policy file \`${relative}\`: ${describeReadError(error)}` };
      }
    });
    const problems = [...parsed.problems, ...checkPolicyFiles(parsed.scenario, policies)].map((p) => ({ ...p, ...document.positionAt(p.span.offset) }));
    const unparsable = (code: string) => code === 'SCENARIO_JSON_SYNTAX' || code === 'SCENARIO_TOO_DEEP';
    if (parsed.problems.some((p) => unparsable(p.code))) {
      for (const p of problems.filter((x) => unparsable(x.code))) io.stderr(`${file}:${p.line + 1}:${p.character + 1}: ${p.message}\n`);
      const tooDeep = parsed.problems.some((p) => p.code === 'SCENARIO_TOO_DEEP');
      io.stderr(`iam-policy test: \`${file}\` ${tooDeep ? 'nests JSON too deep to be read' : 'is not valid JSON'}.\n`);
      unreadable = true;
      continue;
    }
    reports.push({ path: file, problems, results: runScenario(parsed.scenario, policies, { isKnownAction: (name) => catalogAction(name) !== undefined }) });
  }

  const all = reports.flatMap((r) => r.results);
  const passed = all.filter((r) => r.passed).length;
  const failed = all.length - passed;
  // The CLI names policies by the path written in the scenario, which finds them from the scenario's folder.
  const name: PolicyNamer = (policy) => (policy.ref.kind === 'file' ? policy.ref.path : `inline policy \`${policy.ref.where}\``);

  if (format === 'json') {
    io.stdout(JSON.stringify({ files: reports.map((r) => fileJson(r, name)), passed, failed }, null, 2) + '\n');
  } else {
    const lines: string[] = [];
    for (const report of reports) {
      lines.push(report.path);
      for (const p of report.problems) lines.push(`  ${p.severity}: ${report.path}:${p.line + 1}:${p.character + 1}: ${p.message}`);
      for (const result of report.results) lines.push(`  ${resultMark(result)} ${result.test.name}: ${resultText(result, name)}`);
    }
    lines.push(`${passed} passed, ${failed} failed`);
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

/** The command entry for the CLI dispatcher's table. */
export const testCommand: CliCommand = { name: 'test', usage: TEST_USAGE, run: runTestCommand };
