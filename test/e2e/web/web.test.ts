/**
 * The browser build (package.json `browser`: dist/browser/client.js, its server in a web worker) in
 * VS Code's web worker extension host, the host of vscode.dev and github.dev: the same checks as the
 * Node suite (diagnostics, a quick fix, completion, hover, the summary and simulate lenses, the outline, a
 * template's diagnostics, a scenario's live lenses with policies read through `vscode.workspace.fs`,
 * a scenario of AWS managed policies, which the client hands the server), and proof that it runs there. This suite is a browser bundle: no Node API, no `assert` module.
 */
import * as vscode from 'vscode';

const EXTENSION_ID = 'iam-policy-workbench.iam-policy-workbench';

/** Throws with `message` unless `value` holds. */
function check(value: unknown, message: string): asserts value {
  if (!value) throw new Error(message);
}

/** Polls `condition` every 100 ms until it gives a value, or fails after `timeoutMs`. */
async function waitFor<T>(condition: () => T | undefined | false | PromiseLike<T | undefined | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      // A provider may not be registered yet.
      lastError = error;
    }
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function open(relativePath: string): Promise<vscode.TextEditor> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  check(folder, 'the runner opens a workspace folder');
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, ...relativePath.split('/')));
  return vscode.window.showTextDocument(document, { preview: false });
}

function codes(uri: vscode.Uri): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((diagnostic) => diagnostic.source === 'iam')
    .map((diagnostic) => String(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code));
}

function waitForCodes(uri: vscode.Uri, expected: readonly string[], timeoutMs?: number): Promise<string[]> {
  return waitFor(() => {
    const found = codes(uri);
    return expected.every((code) => found.includes(code)) ? found : undefined;
  }, `${expected.join(', ')} on ${uri.path}; last seen: ${JSON.stringify(codes(uri))}`, timeoutMs);
}

function positionOf(document: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const at = document.getText().indexOf(needle);
  check(at >= 0, `\`${needle}\` is in ${document.uri.path}`);
  return document.positionAt(at + delta);
}

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
  return lenses.map((lens) => lens.command?.title ?? '');
}

describe('the browser build in the web worker extension host', () => {
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('shows the first diagnostics of a policy opened in a fresh window (start-up, timed)', async () => {
    // The runner's workspace has no file that activates the extension before a policy opens.
    const activeBefore = vscode.extensions.getExtension(EXTENSION_ID)?.isActive;
    const started = Date.now();
    const { document } = await open('e2e/broken-effect.json');
    await waitForCodes(document.uri, ['MISSING_VERSION', 'INVALID_EFFECT'], 60_000);
    // Printed by scripts/e2e-run.mjs and published in docs/performance.md: from opening the policy
    // (which activates the extension, starts the server's worker and loads its bundle) to its first
    // diagnostics, and since the extension host's worker started.
    console.log(`E2E_METRIC web-first-diagnostics open→diagnostics ${Date.now() - started} ms, host start→diagnostics ${Math.round(performance.now())} ms, extension active before opening: ${String(activeBefore)}`);
  });

  it('runs the browser entry in a web worker, with no Node process', async () => {
    check(typeof process === 'undefined', `\`process\` is ${typeof process}: this is not the web worker extension host`);
    const scope = globalThis as unknown as { WorkerGlobalScope?: abstract new () => unknown };
    check(typeof scope.WorkerGlobalScope === 'function' && globalThis instanceof scope.WorkerGlobalScope, 'the extension host is a web worker');
    const extension = vscode.extensions.getExtension<{ client: { isRunning(): boolean } }>(EXTENSION_ID);
    check(extension, `${EXTENSION_ID} is loaded`);
    check(extension.packageJSON.browser === './dist/browser/client.js', 'the package has a browser entry');
    const api = await extension.activate();
    check(api.client.isRunning(), 'the language client runs (its server is the browser bundle in a worker)');
  });

  it('offers the quick fix for a misspelt Effect', async () => {
    const { document } = await open('e2e/quickfix-effect.json');
    await waitForCodes(document.uri, ['INVALID_EFFECT']);
    const diagnostic = vscode.languages.getDiagnostics(document.uri).find((d) => d.source === 'iam' && String(typeof d.code === 'object' ? d.code.value : d.code) === 'INVALID_EFFECT');
    check(diagnostic, 'an INVALID_EFFECT diagnostic');
    const actions = await waitFor(async () => {
      const found = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range)) ?? [];
      return found.some((action) => action.edit) ? found : undefined;
    }, 'a quick fix with an edit');
    check(actions.some((action) => /Allow/.test(action.title)), `a fix to \`Allow\`; got ${actions.map((a) => a.title).join(' | ')}`);
  });

  it('completes `s3:GetObject` and shows its access level on hover', async () => {
    // The browser server bundle holds no IAM catalog: these answers come from dist/catalogData.jsonl,
    // which the client reads and sends in initializationOptions.
    const { document } = await open('e2e/completion.json');
    const labels = await waitFor(async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, positionOf(document, '"s3:GetO', '"s3:GetO'.length));
      const found = (list?.items ?? []).map((item) => (typeof item.label === 'string' ? item.label : item.label.label).replace(/^"|"$/g, ''));
      return found.includes('s3:GetObject') ? found : undefined;
    }, 'completion to list s3:GetObject');
    check(labels.length > 0, 'completion items');
    const policy = await open('e2e/simulate-policy.json');
    const hover = await waitFor(async () => {
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', policy.document.uri, positionOf(policy.document, 's3:GetObject', 4))) ?? [];
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      return /GetObject/.test(text) ? text : undefined;
    }, 'a hover on s3:GetObject');
    check(/\bRead\b/.test(hover), `the hover names the access level Read:\n${hover}`);
  });

  it('shows the summary and simulate lenses on a policy', async () => {
    const { document } = await open('e2e/simulate-policy.json');
    const titles = await waitFor(async () => {
      const found = await lensTitles(document.uri);
      return found.some((title) => title.startsWith('Simulate')) && found.some((title) => title.startsWith('Policy summary: ') && /S3/.test(title)) ? found : undefined;
    }, 'the summary and Simulate… lenses');
    check(titles.length >= 2, `lenses: ${titles.join(' | ')}`);
  });

  it('gives the outline: statements by their Sid', async () => {
    const { document } = await open('e2e/simulate-policy.json');
    const names = await waitFor(async () => {
      const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri)) ?? [];
      const all: vscode.DocumentSymbol[] = [];
      const walk = (list: vscode.DocumentSymbol[]) => list.forEach((symbol) => (all.push(symbol), walk(symbol.children ?? [])));
      walk(symbols);
      // The built-in JSON outline names array items by index; ours names a statement by its Sid.
      return all.some((symbol) => symbol.name === 'ReadReports' && symbol.kind === vscode.SymbolKind.Class) ? all.map((symbol) => symbol.name) : undefined;
    }, 'the statement `ReadReports` in the outline');
    check(names.includes('NeverDelete'), `both statements are in the outline: ${names.join(', ')}`);
  });

  it('validates the policies of a CloudFormation template (YAML)', async () => {
    const { document } = await open('e2e/template.yaml');
    await waitForCodes(document.uri, ['INVALID_ACTION']);
  });

  it('runs a scenario whose policies are read through vscode.workspace.fs (none of them open)', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const { document } = await open('cross-account/cross-account.iamtest.json');
    const scenario = JSON.parse(document.getText()) as { tests: unknown[] };
    const titles = await waitFor(async () => {
      const found = (await lensTitles(document.uri)).filter((title) => /^[✓✗⚠] /u.test(title));
      return found.length >= scenario.tests.length ? found : undefined;
    }, `${scenario.tests.length} result lenses`);
    check(titles.every((title) => title.startsWith('✓ ')), `every test passes (its policies were read):\n${titles.join('\n')}`);
    check(
      vscode.workspace.textDocuments.every((d) => !d.uri.path.endsWith('CrossAccountS3Access-permissions.json')),
      'the referenced policy was not opened as a document, so the server read it through the client',
    );
  });

  it('decides a scenario whose principals use AWS managed policies by ARN (the data the client hands the server)', async () => {
    // The browser server bundle holds no managed policies: the client reads dist/managedPoliciesData.json
    // and sends it in initializationOptions. Without it `reader` (arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess)
    // would be an unknown policy and its tests would not pass.
    const { document } = await open('managed-policies/managed-policies.iamtest.json');
    const scenario = JSON.parse(document.getText()) as { tests: Array<{ name: string; principal: string; expect: string }> };
    const titles = await waitFor(async () => {
      const found = (await lensTitles(document.uri)).filter((title) => /^[✓✗⚠] /u.test(title));
      return found.length >= scenario.tests.length ? found : undefined;
    }, `${scenario.tests.length} result lenses`);
    check(titles.every((title) => title.startsWith('✓ ')), `every test passes:\n${titles.join('\n')}`);
    const byArn = scenario.tests.findIndex((test) => test.principal === 'reader' && test.expect === 'Allow');
    check(byArn >= 0 && /^✓ Allow: .*AmazonS3ReadOnlyAccess/.test(titles[byArn] ?? ''), `the reader's Allow comes from AmazonS3ReadOnlyAccess: ${titles[byArn]}`);
    check(codes(document.uri).length === 0, `no diagnostics on the scenario: ${codes(document.uri).join(', ')}`);
  });
});
