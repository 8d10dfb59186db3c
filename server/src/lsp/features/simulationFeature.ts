/**
 * Simulation in the editor: SimulationChoicesRequest (the policy's own actions, resources and
 * principals), SimulateRequest (evaluate a request against the document in its role), the
 * "Simulate…" code lens at the top of a policy, and ScenarioAddTestRequest (the edit that keeps a
 * simulation as a scenario test).
 */
import { action as catalogAction } from '../../iam/catalog/catalog';
import {
  ScenarioAddTestRequest,
  SimulateRequest,
  SimulationChoicesRequest,
  type ScenarioAddTestParams,
  type ScenarioAddTestResult,
  type SimulateParams,
  type SimulateResult,
  type SimulationChoicesResult,
} from '../../protocol';
import { simulateDocument, simulationChoices } from '../../service/simulation';
import { policyLenses, splitViewUri } from '../../service/templateFeatures';
import { policyViewByPointer } from '../../service/policyViews';
import { scenarioAddTestEdit } from '../../service/scenarioEdit';
import type { ServerFeature } from '../serverContext';
import { relativeUriPath } from '../documentUris';

export const simulationFeature: ServerFeature = {
  name: 'simulation',
  register(context) {
    const { connection, documents } = context;

    connection.onRequest(SimulationChoicesRequest, (params: { uri: string }, token) =>
      context.runSafe<SimulationChoicesResult>('simulationChoices', token, { actions: [], resources: [], principals: [] }, async () => {
        const target = splitViewUri(params.uri);
        const analysis = await context.getAnalysis(target.uri);
        const document = documents.get(target.uri);
        const view = analysis && document ? policyViewByPointer(document, analysis, target.pointer) : undefined;
        return view ? simulationChoices(view.analysis) : { actions: [], resources: [], principals: [] };
      }),
    );

    connection.onRequest(SimulateRequest, (params: SimulateParams, token) =>
      context.runSafe<SimulateResult>('simulate', token, { decision: 'Error', summary: 'The simulation failed; see the IAM Policy Workbench output.', explanation: 'The simulation failed; see the IAM Policy Workbench output.', decidingRanges: [] }, async () => {
        const target = splitViewUri(params.uri);
        const analysis = await context.getAnalysis(target.uri);
        const document = documents.get(target.uri);
        if (!analysis || !document) return { decision: 'Error', summary: 'Open the policy to simulate against it.', explanation: 'The document is not open.', decidingRanges: [] };
        const view = policyViewByPointer(document, analysis, params.pointer ?? target.pointer);
        if (!view) return { decision: 'Error', summary: 'There is no policy at that place of the template.', explanation: 'There is no policy at that place of the template.', decidingRanges: [] };
        const result = simulateDocument(view.document, view.analysis, params, { isKnownAction: (name) => catalogAction(name) !== undefined });
        return { ...result, decidingRanges: result.decidingRanges.map((range) => view.toHostRange(range)) };
      }),
    );

    connection.onRequest(ScenarioAddTestRequest, (params: ScenarioAddTestParams, token) =>
      context.runSafe<ScenarioAddTestResult>('scenarioAddTest', token, { error: 'Could not add the test; see the IAM Policy Workbench output.' }, async () => {
        // A policy of a template is addressed as `<template uri>#<pointer>`: the test names it `file#pointer`.
        const target = splitViewUri(params.simulation.uri);
        const hostAnalysis = await context.getAnalysis(target.uri);
        const hostDocument = documents.get(target.uri);
        const view = hostAnalysis && hostDocument ? policyViewByPointer(hostDocument, hostAnalysis, target.pointer) : undefined;
        const analysis = view?.analysis;
        if (!analysis?.kind) return { error: 'The simulated document is not open or is not an IAM policy.' };
        const policyPath = relativeUriPath(params.scenarioUri, target.uri);
        if (policyPath === undefined) return { error: 'The scenario file and the policy must be files of the same workspace.' };
        const open = documents.get(params.scenarioUri);
        let text: string | undefined = open?.getText();
        if (text === undefined) {
          if (!context.trusted()) return { error: 'The workspace is not trusted, so the scenario file is not read.' };
          const read = await context.io.readFile(params.scenarioUri);
          if ('text' in read) text = read.text;
          else if (read.missing !== 'notFound') return { error: `The scenario file cannot be read: ${read.missing === 'notFile' ? 'it is not a file' : (read.reason ?? 'unreadable')}.` };
        }
        const relative = policyPath + (target.pointer ? `#${target.pointer}` : '');
        const result = scenarioAddTestEdit(text, { policyPath: relative, kind: analysis.kind.kind, simulation: params.simulation, ...(params.name ? { name: params.name } : {}) });
        if ('error' in result) return { error: result.error };
        const version = open?.version ?? null;
        const edit =
          text === undefined
            ? { documentChanges: [{ kind: 'create', uri: params.scenarioUri, options: { ignoreIfExists: true } }, { textDocument: { uri: params.scenarioUri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: result.text }] }] }
            : { documentChanges: [{ textDocument: { uri: params.scenarioUri, version }, edits: result.edits }] };
        return { edit };
      }),
    );

    context.registerCodeLensProvider((document, analysis) => policyLenses(document, analysis, 'simulate'));
  },
};
