/**
 * Scenario commands of the thin client:
 * - `iamPolicy.showTestResult` (run by a test's code lens): reveals the deciding statement that the
 *   lens names and shows the explanation the lens carries. The server computed both.
 * - `iamPolicy.saveSimulationAsTest` (offered after a simulation): asks for a scenario file, existing
 *   or new, asks the server for the edit that appends the test, and applies it.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { baseName } from './uriNames';
import {
  SaveSimulationAsTestCommand,
  ScenarioAddTestRequest,
  ShowTestResultCommand,
  type SaveSimulationAsTestArguments,
  type ScenarioAddTestParams,
  type ScenarioAddTestResult,
  type ShowTestResultArguments,
} from '../../server/src/protocol';

const NEW_FILE = '$(new-file) New scenario file…';

async function pickScenario(policyUri: vscode.Uri): Promise<vscode.Uri | undefined> {
  const existing = await vscode.workspace.findFiles('**/*.iamtest.json', '**/node_modules/**', 200);
  const items: Array<vscode.QuickPickItem & { uri?: vscode.Uri }> = [
    { label: NEW_FILE },
    ...existing.map((uri) => ({ label: baseName(uri.path), description: vscode.workspace.asRelativePath(uri), uri })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Save the simulation as a test in…', placeHolder: 'a scenario file (*.iamtest.json)' });
  if (!picked) return undefined;
  if (picked.uri) return picked.uri;
  const defaultUri = vscode.Uri.joinPath(policyUri, '..', `${baseName(policyUri.path).replace(/\.jsonc?$/i, '')}.iamtest.json`);
  const chosen = await vscode.window.showSaveDialog({ defaultUri, filters: { 'IAM policy tests': ['iamtest.json'] }, title: 'New scenario file' });
  if (!chosen) return undefined;
  return chosen.path.toLowerCase().endsWith('.iamtest.json') ? chosen : chosen.with({ path: `${chosen.path.replace(/\.json$/i, '')}.iamtest.json` });
}

export function registerScenario(context: vscode.ExtensionContext, client: LanguageClient): void {
  const highlight = vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor('editor.findMatchHighlightBackground'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.findMatchForeground'),
  });
  context.subscriptions.push(highlight);

  context.subscriptions.push(
    vscode.commands.registerCommand(ShowTestResultCommand, async (args?: ShowTestResultArguments) => {
      if (!args) return;
      if (args.target) {
        const range = new vscode.Range(args.target.range.start.line, args.target.range.start.character, args.target.range.end.line, args.target.range.end.character);
        const editor = await vscode.window.showTextDocument(vscode.Uri.parse(args.target.uri), { selection: new vscode.Range(range.start, range.start), preview: true });
        editor.setDecorations(highlight, [range]);
        editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      }
      const explanation = await vscode.workspace.openTextDocument({ language: 'markdown', content: args.explanation });
      await vscode.window.showTextDocument(explanation, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: true });
    }),
    vscode.commands.registerCommand(SaveSimulationAsTestCommand, async (args?: SaveSimulationAsTestArguments & { scenarioUri?: string }) => {
      if (!args) {
        void vscode.window.showInformationMessage('Run `IAM Policy: Simulate a request…` first; its result offers to save the simulation as a test.');
        return undefined;
      }
      const scenario = args.scenarioUri ? vscode.Uri.parse(args.scenarioUri) : await pickScenario(vscode.Uri.parse(args.uri));
      if (!scenario) return undefined;
      const name = await vscode.window.showInputBox({ title: 'Test name', prompt: 'A name for the test (leave empty for one made from the request)', ignoreFocusOut: true });
      if (name === undefined) return undefined;
      const params: ScenarioAddTestParams = { scenarioUri: scenario.toString(), simulation: args, ...(name.trim() ? { name: name.trim() } : {}) };
      const result = await client.sendRequest<ScenarioAddTestResult>(ScenarioAddTestRequest, params);
      if (!result.edit) {
        void vscode.window.showWarningMessage(result.error ?? 'The test could not be added.');
        return result;
      }
      const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit as Parameters<typeof client.protocol2CodeConverter.asWorkspaceEdit>[0]);
      if (!edit || !(await vscode.workspace.applyEdit(edit))) {
        void vscode.window.showWarningMessage(`The test could not be written to \`${vscode.workspace.asRelativePath(scenario)}\`.`);
        return result;
      }
      await vscode.window.showTextDocument(scenario, { preview: false });
      return result;
    }),
  );
}
