/**
 * The "Simulate…" command: asks for principal, action, resource and context (offering the policy's
 * own actions and resources), sends the question to the server, shows the decision and highlights
 * the deciding statements, and offers to save the simulation as a scenario test. The answer itself
 * is computed by the server's evaluator.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import {
  SaveSimulationAsTestCommand,
  SimulateRequest,
  SimulationChoicesRequest,
  type SaveSimulationAsTestArguments,
  type SimulateParams,
  type SimulateResult,
  type SimulationChoicesResult,
} from '../../server/src/protocol';

/** Arguments a caller (code lens, test) may pass to skip the prompts. */
export interface SimulateCommandArguments {
  readonly uri?: string;
  readonly principal?: string;
  readonly action?: string;
  readonly resource?: string;
  readonly context?: Record<string, string | string[]>;
  /** Set by tests and scripts: answer without showing UI. */
  readonly quiet?: boolean;
}

async function pick(title: string, choices: readonly string[], placeholder: string): Promise<string | undefined> {
  if (choices.length === 0) return vscode.window.showInputBox({ title, placeHolder: placeholder, ignoreFocusOut: true });
  const quickPick = vscode.window.createQuickPick();
  quickPick.title = title;
  quickPick.placeholder = `${placeholder} (pick one or type your own)`;
  quickPick.items = choices.map((label) => ({ label }));
  quickPick.ignoreFocusOut = true;
  return new Promise((resolve) => {
    quickPick.onDidAccept(() => {
      resolve(quickPick.selectedItems[0]?.label ?? quickPick.value);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      resolve(undefined);
      quickPick.dispose();
    });
    quickPick.show();
  });
}

function parseContext(text: string): Record<string, string | string[]> | undefined {
  if (!text.trim()) return {};
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, string | string[]>;
  } catch {
    // Fall through to the message below.
  }
  return undefined;
}

export function registerSimulation(context: vscode.ExtensionContext, client: LanguageClient): void {
  const decision = vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor('editor.findMatchHighlightBackground'),
    isWholeLine: false,
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.findMatchForeground'),
  });
  context.subscriptions.push(decision);

  context.subscriptions.push(
    vscode.commands.registerCommand('iamPolicy.simulate', async (argument?: SimulateCommandArguments | vscode.Uri | string): Promise<SimulateResult | undefined> => {
      const args: SimulateCommandArguments =
        typeof argument === 'string' ? { uri: argument } : argument instanceof vscode.Uri ? { uri: argument.toString() } : (argument ?? {});
      const uri = args.uri ?? vscode.window.activeTextEditor?.document.uri.toString();
      if (!uri) {
        void vscode.window.showWarningMessage('Open an IAM policy to simulate a request against it.');
        return undefined;
      }
      const choices = await client.sendRequest<SimulationChoicesResult>(SimulationChoicesRequest, { uri }).catch(() => ({ actions: [], resources: [], principals: [] }));
      const principal = args.principal ?? (await pick('Simulate: principal', choices.principals, 'arn:aws:iam::111122223333:user/alice'));
      if (!principal) return undefined;
      const action = args.action ?? (await pick('Simulate: action', choices.actions, 's3:GetObject'));
      if (!action) return undefined;
      const resource = args.resource ?? (await pick('Simulate: resource', choices.resources, 'arn:aws:s3:::example-bucket/report.csv'));
      if (!resource) return undefined;
      let requestContext = args.context;
      if (!requestContext && !args.quiet) {
        const text = await vscode.window.showInputBox({
          title: 'Simulate: request context (optional JSON object)',
          placeHolder: '{"aws:SourceIp": "203.0.113.7", "aws:PrincipalTag/team": "ops"}',
          ignoreFocusOut: true,
          validateInput: (value) => (parseContext(value) ? undefined : 'Give a JSON object of context keys, or leave it empty.'),
        });
        if (text === undefined) return undefined;
        requestContext = parseContext(text) ?? {};
      }
      const params: SimulateParams = { uri, principal, action, resource, context: requestContext ?? {}, deriveContext: true };
      const result = await client.sendRequest<SimulateResult>(SimulateRequest, params);
      if (args.quiet) return result;
      // A template's policy is addressed as `<template uri>#<pointer>`: its ranges are in the template.
      const documentUri = uri.includes('#') ? uri.slice(0, uri.indexOf('#')) : uri;
      const editor = vscode.window.visibleTextEditors.find((candidate) => candidate.document.uri.toString() === documentUri);
      if (editor) {
        const ranges = result.decidingRanges.map((range) => new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character));
        editor.setDecorations(decision, ranges);
        if (ranges[0]) editor.revealRange(ranges[0], vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      }
      const show = result.decision === 'Allow' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
      const buttons = result.decision === 'Error' ? ['Show explanation'] : ['Show explanation', 'Save as test…'];
      void show(result.summary, ...buttons).then(async (choice) => {
        if (choice === 'Save as test…' && result.decision !== 'Error') {
          const save: SaveSimulationAsTestArguments = { uri, principal, action, resource, context: requestContext ?? {}, decision: result.decision };
          await vscode.commands.executeCommand(SaveSimulationAsTestCommand, save);
          return;
        }
        if (choice !== 'Show explanation') return;
        const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: result.explanation });
        await vscode.window.showTextDocument(document, vscode.ViewColumn.Beside, true);
      });
      return result;
    }),
  );
}
