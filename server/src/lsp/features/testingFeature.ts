/**
 * The Test Explorer's request (`iam/runScenario`): lists a scenario file's tests and runs them,
 * with statement coverage on request, through the same core as `iam-policy test --coverage` and the
 * scenario code lenses. Policy files are read as for the lenses (`ScenarioFiles`: open documents'
 * unsaved text first, only inside a trusted workspace).
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { statementCoverage } from '../../iam/author/index';
import { action as catalogAction } from '../../iam/catalog/catalog';
import { PolicySet, isUnreadableScenarioProblem, parseScenario, runScenario } from '../../iam/scenario/index';
import { RunScenarioRequest, type RunScenarioParams, type RunScenarioResult } from '../../protocol';
import { scenarioCoverage, scenarioTestInfos, scenarioTestOutcome } from '../../service/scenarioRun';
import type { ServerFeature } from '../serverContext';
import { ScenarioFiles } from './scenarioFeature';
import { uriBaseName } from '../documentUris';

export const testingFeature: ServerFeature = {
  name: 'testing',
  register(context) {
    const files = new ScenarioFiles(context);
    context.connection.onRequest(RunScenarioRequest, (params: RunScenarioParams, token) =>
      context.runSafe<RunScenarioResult>('runScenario', token, { tests: [], error: 'The scenario could not be run; see the server output.' }, async () => {
        const document = TextDocument.create(params.uri, 'json', 0, params.text);
        const parsed = parseScenario(params.text);
        const tests = scenarioTestInfos(document, parsed.scenario);
        const unreadable = parsed.problems.find(isUnreadableScenarioProblem);
        if (unreadable) return { tests, error: `The scenario file cannot be read: ${unreadable.message}` };
        if (!params.run) return { tests };
        const wanted = params.tests ? new Set(params.tests) : undefined;
        // Policy files are read through the I/O edge (disk, or the client's workspace.fs) as the run asks for them.
        // Coverage is computed inside too: it reads every policy of the scenario, also those no test used.
        const { results, covered } = await files.withReader(params.uri, (reader) => {
          const policies = new PolicySet(reader);
          const results = runScenario(parsed.scenario, policies, { isKnownAction: (name) => catalogAction(name) !== undefined }).filter((r) => !wanted || wanted.has(r.test.index));
          return { results, covered: params.coverage ? statementCoverage(parsed.scenario, results, policies) : undefined };
        });
        const policyUri = (relative: string) => files.uriFor(params.uri, relative);
        return {
          tests,
          results: results.map((r) => scenarioTestOutcome(document, r, policyUri)),
          ...(covered ? { coverage: scenarioCoverage(document, covered, policyUri, uriBaseName(params.uri)) } : {}),
        };
      }),
    );
  },
};
