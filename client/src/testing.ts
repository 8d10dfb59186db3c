/**
 * Policy tests in VS Code's Test Explorer: a test controller whose items are the workspace's scenario
 * files (`*.iamtest.json`) and their tests, a Run profile (with continuous runs) and a Coverage profile.
 * The server lists, runs and measures the tests (`iam/runScenario`, the same core as
 * `iam-policy test --coverage`); this module only maps its answers onto the testing API.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { RunScenarioRequest, type FileCoverageInfo, type ProtocolRange, type RunScenarioParams, type RunScenarioResult } from '../../server/src/protocol';

const SCENARIO_GLOB = '**/*.iamtest.json';
const EXCLUDE_GLOB = '**/node_modules/**';
/** Edits are batched for this long before items refresh and continuous runs re-run. */
const REFRESH_DELAY_MS = 400;

/** What one run reported, kept for callers of the extension's API (the editor tests read it). */
export interface RecordedRun {
  readonly coverage: boolean;
  readonly continuous: boolean;
  /** By test item id: the state reported and the messages. */
  readonly outcomes: Map<string, { state: 'passed' | 'failed' | 'errored'; messages: Array<{ text: string; expected?: string; actual?: string; uri?: string; line?: number }> }>;
  /** By file uri: the coverage added to the run. */
  readonly files: Map<string, { covered: number; total: number; statements: Array<{ line: number; executed: number; label: string }> }>;
  /** The FileCoverage objects added to the run, as VS Code got them. */
  readonly fileCoverage: vscode.FileCoverage[];
}

/** What the extension's API exposes of the Test Explorer integration. */
export interface TestingApi {
  readonly controller: vscode.TestController;
  readonly runProfile: vscode.TestRunProfile;
  readonly coverageProfile: vscode.TestRunProfile;
  /** Finds the workspace's scenario files and lists their tests again. */
  refresh(): Promise<void>;
  /** The runs so far, oldest first (the last 20). */
  readonly runs: RecordedRun[];
}

function toRange(range: ProtocolRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

function isScenarioUri(uri: vscode.Uri): boolean {
  return uri.path.toLowerCase().endsWith('.iamtest.json');
}

/** The text of a scenario file: an open document's unsaved text wins over the file on disk. */
async function scenarioText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** The workspace's scenario files: found on disk and open in editors (unsaved ones included). */
async function findScenarioFiles(): Promise<vscode.Uri[]> {
  const found = await vscode.workspace.findFiles(SCENARIO_GLOB, EXCLUDE_GLOB, 2000);
  const seen = new Set(found.map((u) => u.toString()));
  for (const document of vscode.workspace.textDocuments) {
    if (isScenarioUri(document.uri) && !seen.has(document.uri.toString())) {
      seen.add(document.uri.toString());
      found.push(document.uri);
    }
  }
  return found.sort((a, b) => a.toString().localeCompare(b.toString()));
}

/** The texts of the workspace's scenario files, for requests that read scenarios. */
export async function scenarioTexts(): Promise<Array<{ uri: string; text: string }>> {
  const out: Array<{ uri: string; text: string }> = [];
  for (const uri of await findScenarioFiles()) {
    const text = await scenarioText(uri);
    if (text !== undefined) out.push({ uri: uri.toString(), text });
  }
  return out;
}

export function registerTesting(context: vscode.ExtensionContext, client: LanguageClient): TestingApi {
  const controller = vscode.tests.createTestController('iamPolicyTests', 'IAM policy tests');
  context.subscriptions.push(controller);
  const runs: RecordedRun[] = [];
  // The files each scenario's last run read (its policy files), to know which scenarios a change affects.
  const dependencies = new Map<string, Set<string>>();
  // The details behind each FileCoverage, for loadDetailedCoverage.
  const details = new WeakMap<vscode.FileCoverage, vscode.StatementCoverage[]>();
  const continuous = new Set<{ request: vscode.TestRunRequest; coverage: boolean; token: vscode.CancellationToken }>();

  const testIndex = (item: vscode.TestItem) => Number(item.id.slice(item.id.lastIndexOf('#') + 1));

  /** Lists a scenario file's tests under its item (created when missing). */
  async function refreshFile(uri: vscode.Uri): Promise<vscode.TestItem | undefined> {
    const text = await scenarioText(uri);
    if (text === undefined) {
      controller.items.delete(uri.toString());
      return undefined;
    }
    let file = controller.items.get(uri.toString());
    if (!file) {
      file = controller.createTestItem(uri.toString(), vscode.workspace.asRelativePath(uri), uri);
      controller.items.add(file);
    }
    const params: RunScenarioParams = { uri: uri.toString(), text };
    let result: RunScenarioResult;
    try {
      result = await client.sendRequest<RunScenarioResult>(RunScenarioRequest, params);
    } catch (error) {
      file.error = `The tests could not be listed: ${String(error)}`;
      return file;
    }
    file.error = result.error;
    file.range = new vscode.Range(0, 0, 0, 0);
    const parent = file;
    parent.children.replace(
      result.tests.map((test) => {
        const item = controller.createTestItem(`${uri.toString()}#${test.index}`, test.name, uri);
        item.range = toRange(test.range);
        return item;
      }),
    );
    return file;
  }

  async function refreshAll(): Promise<void> {
    const files = await findScenarioFiles();
    const keep = new Set(files.map((u) => u.toString()));
    controller.items.forEach((item) => {
      if (!keep.has(item.id)) controller.items.delete(item.id);
    });
    await Promise.all(files.map(refreshFile));
  }

  controller.resolveHandler = async (item) => {
    if (!item) await refreshAll();
    else if (item.uri) await refreshFile(item.uri);
  };
  controller.refreshHandler = () => refreshAll();

  /** Which tests of which file a request runs: file uri → test indexes (undefined: every test). */
  function plan(request: vscode.TestRunRequest): Map<string, { file: vscode.TestItem; tests?: Set<number> }> {
    const out = new Map<string, { file: vscode.TestItem; tests?: Set<number> }>();
    const excluded = new Set((request.exclude ?? []).map((i) => i.id));
    const add = (item: vscode.TestItem) => {
      if (excluded.has(item.id)) return;
      if (item.parent) {
        const entry = out.get(item.parent.id) ?? { file: item.parent, tests: new Set<number>() };
        out.set(item.parent.id, entry);
        entry.tests?.add(testIndex(item));
      } else {
        const tests = new Set<number>();
        item.children.forEach((child) => {
          if (!excluded.has(child.id)) tests.add(testIndex(child));
        });
        out.set(item.id, { file: item, ...(excluded.size > 0 ? { tests } : {}) });
      }
    };
    if (request.include) request.include.forEach(add);
    else controller.items.forEach(add);
    return out;
  }

  async function execute(request: vscode.TestRunRequest, token: vscode.CancellationToken, coverage: boolean, isContinuous: boolean, only?: ReadonlySet<string>): Promise<void> {
    const run = controller.createTestRun(request, undefined, true);
    const record: RecordedRun = { coverage, continuous: isContinuous, outcomes: new Map(), files: new Map(), fileCoverage: [] };
    runs.push(record);
    if (runs.length > 20) runs.shift();
    const byFile = new Map<string, FileCoverageInfo['statements'][number][]>();
    try {
      for (const [uri, entry] of plan(request)) {
        if (token.isCancellationRequested) break;
        if (only && !only.has(uri)) continue;
        // Items may be stale: list the tests again so that the run sees the file as it is now.
        const file = (await refreshFile(vscode.Uri.parse(uri))) ?? entry.file;
        const items = new Map<number, vscode.TestItem>();
        file.children.forEach((child) => {
          if (!entry.tests || entry.tests.has(testIndex(child))) items.set(testIndex(child), child);
        });
        for (const item of items.values()) run.started(item);
        const text = await scenarioText(vscode.Uri.parse(uri));
        if (text === undefined) continue;
        let result: RunScenarioResult;
        try {
          result = await client.sendRequest<RunScenarioResult>(RunScenarioRequest, { uri, text, run: true, tests: [...items.keys()], coverage: true } satisfies RunScenarioParams, token);
        } catch (error) {
          for (const item of items.values()) report(run, record, item, 'errored', [new vscode.TestMessage(`The tests could not run: ${String(error)}`)]);
          continue;
        }
        if (result.error) {
          for (const item of items.values()) report(run, record, item, 'errored', [new vscode.TestMessage(result.error)]);
          continue;
        }
        for (const outcome of result.results ?? []) {
          const item = items.get(outcome.index);
          if (!item) continue;
          if (outcome.outcome === 'passed') {
            report(run, record, item, 'passed', []);
            continue;
          }
          const body = new vscode.MarkdownString(`${outcome.summary}\n\n${outcome.explanation}`);
          const main = outcome.outcome === 'failed' ? vscode.TestMessage.diff(body, outcome.expected, outcome.actual) : new vscode.TestMessage(body);
          main.location = new vscode.Location(vscode.Uri.parse(uri), toRange(outcome.range));
          const messages = [main];
          // The statement that decided it, when it is elsewhere, so that a click there reveals it.
          if (outcome.location && outcome.location.uri !== uri) {
            const deciding = new vscode.TestMessage(`Decided here: ${outcome.summary}`);
            deciding.location = new vscode.Location(vscode.Uri.parse(outcome.location.uri), toRange(outcome.location.range));
            messages.push(deciding);
          }
          report(run, record, item, outcome.outcome, messages, outcome);
        }
        dependencies.set(uri, new Set((result.coverage ?? []).map((f) => f.uri)));
        if (coverage) {
          for (const fileCoverage of result.coverage ?? []) {
            const statements = byFile.get(fileCoverage.uri) ?? [];
            byFile.set(fileCoverage.uri, statements);
            for (const s of fileCoverage.statements) {
              const existing = statements.find((x) => x.range.start.line === s.range.start.line && x.range.start.character === s.range.start.character);
              if (existing) (existing.tests as string[]).push(...s.tests.filter((t) => !existing.tests.includes(t)));
              else statements.push({ ...s, tests: [...s.tests] });
            }
          }
        }
      }
      for (const [uri, statements] of byFile) {
        const statementDetails = statements.map((s) => new vscode.StatementCoverage(s.tests.length, toRange(s.range)));
        const fileCoverage = vscode.FileCoverage.fromDetails(vscode.Uri.parse(uri), statementDetails);
        details.set(fileCoverage, statementDetails);
        run.addCoverage(fileCoverage);
        record.fileCoverage.push(fileCoverage);
        record.files.set(uri, {
          covered: fileCoverage.statementCoverage.covered,
          total: fileCoverage.statementCoverage.total,
          statements: statements.map((s) => ({ line: s.range.start.line, executed: s.tests.length, label: s.label })),
        });
      }
    } finally {
      run.end();
    }
  }

  function report(run: vscode.TestRun, record: RecordedRun, item: vscode.TestItem, state: 'passed' | 'failed' | 'errored', messages: vscode.TestMessage[], outcome?: { expected: string; actual: string }): void {
    if (state === 'passed') run.passed(item);
    else if (state === 'failed') run.failed(item, messages);
    else run.errored(item, messages);
    record.outcomes.set(item.id, {
      state,
      messages: messages.map((m) => ({
        text: typeof m.message === 'string' ? m.message : m.message.value,
        ...(m.expectedOutput !== undefined ? { expected: m.expectedOutput } : outcome && state !== 'passed' ? { expected: outcome.expected } : {}),
        ...(m.actualOutput !== undefined ? { actual: m.actualOutput } : outcome && state !== 'passed' ? { actual: outcome.actual } : {}),
        ...(m.location ? { uri: m.location.uri.toString(), line: m.location.range.start.line } : {}),
      })),
    });
  }

  const handler = (coverage: boolean) => async (request: vscode.TestRunRequest, token: vscode.CancellationToken) => {
    if (request.continuous) {
      // A continuous run stays active until cancelled; changes re-run the affected scenario files.
      const entry = { request, coverage, token };
      continuous.add(entry);
      token.onCancellationRequested(() => continuous.delete(entry));
    }
    await execute(request, token, coverage, request.continuous === true);
  };
  const runProfile = controller.createRunProfile('Run policy tests', vscode.TestRunProfileKind.Run, handler(false), true, undefined, true);
  const coverageProfile = controller.createRunProfile('Policy statement coverage', vscode.TestRunProfileKind.Coverage, handler(true), true, undefined, true);
  coverageProfile.loadDetailedCoverage = async (_run, fileCoverage) => details.get(fileCoverage) ?? [];

  // Changes: scenario files refresh their items; any change re-runs the affected files of active continuous runs.
  const pendingScenarios = new Set<string>();
  const pendingPolicies = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    const scenarios = [...pendingScenarios];
    const policies = [...pendingPolicies];
    pendingScenarios.clear();
    pendingPolicies.clear();
    void (async () => {
      for (const uri of scenarios) await refreshFile(vscode.Uri.parse(uri));
      if (continuous.size === 0) return;
      // A scenario is affected when it changed or read a changed file; one never run is always affected.
      const affected = new Set(scenarios);
      controller.items.forEach((item) => {
        const read = dependencies.get(item.id);
        if (!read || policies.some((p) => read.has(p))) affected.add(item.id);
      });
      if (affected.size === 0) return;
      for (const entry of continuous) {
        if (entry.token.isCancellationRequested) continue;
        await execute(entry.request, entry.token, entry.coverage, true, affected);
      }
    })();
  };
  const changed = (uri: vscode.Uri) => {
    if (uri.scheme !== 'file' && uri.scheme !== 'vscode-remote' && uri.scheme !== 'untitled') return;
    (isScenarioUri(uri) ? pendingScenarios : pendingPolicies).add(uri.toString());
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, REFRESH_DELAY_MS);
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{json,jsonc,yaml,yml,template,tf}');
  context.subscriptions.push(
    watcher,
    watcher.onDidCreate(changed),
    watcher.onDidChange(changed),
    watcher.onDidDelete((uri) => {
      if (isScenarioUri(uri)) controller.items.delete(uri.toString());
      else changed(uri);
    }),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length > 0) changed(event.document.uri);
    }),
    vscode.workspace.onDidOpenTextDocument((document) => {
      if (isScenarioUri(document.uri) && !controller.items.get(document.uri.toString())) changed(document.uri);
    }),
    { dispose: () => timer && clearTimeout(timer) },
  );

  return { controller, runProfile, coverageProfile, refresh: refreshAll, runs };
}
