/** Diagnostics of broken policies: codes, ranges, severities and source, through the vscode API. */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { SOURCE, closeAllEditors, codeOf, openInEditor, waitForDiagnostics } from './helpers';

function byCode(diagnostics: vscode.Diagnostic[], code: string): vscode.Diagnostic {
  const found = diagnostics.find((diagnostic) => codeOf(diagnostic) === code);
  assert.ok(found, `a ${code} diagnostic; got ${diagnostics.map(codeOf).join(', ')}`);
  return found;
}

describe('diagnostics', () => {
  after(closeAllEditors);

  it('reports MISSING_VERSION and INVALID_EFFECT on a broken policy, on the exact text', async () => {
    const { document } = await openInEditor('e2e/broken-effect.json');
    const diagnostics = await waitForDiagnostics(
      document.uri,
      (found) => ['MISSING_VERSION', 'INVALID_EFFECT'].every((code) => found.some((d) => codeOf(d) === code)),
      'MISSING_VERSION and INVALID_EFFECT',
    );
    for (const diagnostic of diagnostics) assert.strictEqual(diagnostic.source, SOURCE);

    const effect = byCode(diagnostics, 'INVALID_EFFECT');
    assert.strictEqual(effect.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(document.getText(effect.range), '"Allw"');
    assert.match(effect.message, /Allw/);

    const version = byCode(diagnostics, 'MISSING_VERSION');
    assert.strictEqual(version.severity, vscode.DiagnosticSeverity.Warning);
    assert.ok(version.range.start.line === 0, `MISSING_VERSION belongs on the opening brace, got line ${version.range.start.line}`);
    assert.strictEqual(document.getText(version.range), '{');
  });

  it('reports JSON_SYNTAX_ERROR as an error where the comma is missing', async () => {
    const { document } = await openInEditor('e2e/syntax-error.json');
    const diagnostics = await waitForDiagnostics(document.uri, (found) => found.some((d) => codeOf(d) === 'JSON_SYNTAX_ERROR'), 'JSON_SYNTAX_ERROR');
    const syntax = byCode(diagnostics, 'JSON_SYNTAX_ERROR');
    assert.strictEqual(syntax.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(syntax.source, SOURCE);
    // The comma is missing at the end of line 6 (0-based 5); parsers report it there or at the next token.
    assert.ok([5, 6].includes(syntax.range.start.line), `JSON_SYNTAX_ERROR on line ${syntax.range.start.line + 1}`);
  });

  it('re-validates on every edit, and a valid policy ends up clean', async () => {
    const editor = await openInEditor('e2e/simulate-policy.json');
    const { document } = editor;
    const allow = document.getText().indexOf('"Allow"');
    const range = new vscode.Range(document.positionAt(allow), document.positionAt(allow + '"Allow"'.length));
    assert.ok(await editor.edit((builder) => builder.replace(range, '"Alow"')));
    await waitForDiagnostics(document.uri, (found) => found.some((d) => codeOf(d) === 'INVALID_EFFECT'), 'INVALID_EFFECT after the edit');
    assert.ok(await editor.edit((builder) => builder.replace(new vscode.Range(range.start, range.start.translate(0, '"Alow"'.length)), '"Allow"')));
    await waitForDiagnostics(
      document.uri,
      (found) => found.every((d) => d.severity !== vscode.DiagnosticSeverity.Error),
      'no error left once the edit is undone',
    );
  });
});
