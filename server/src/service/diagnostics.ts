/**
 * Findings → LSP diagnostics, with the user's severity settings applied. Each diagnostic carries its
 * fixes in `data`, so code actions need no second validation run.
 */
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Span } from '../iam/document/model';
import { severityOfCategory, type Finding, type Severity } from '../iam/validate';
import type { Settings } from '../settings';

/** The `source` of every diagnostic the product publishes. */
export const DIAGNOSTIC_SOURCE = 'iam';

/** What a diagnostic keeps in `data`: its fixes with ranges. */
export interface DiagnosticData {
  readonly fixes: ReadonlyArray<{ readonly title: string; readonly preferred?: boolean; readonly edits: ReadonlyArray<{ readonly range: Range; readonly newText: string }> }>;
}

export function rangeOf(document: TextDocument, span: Span): Range {
  return { start: document.positionAt(span.offset), end: document.positionAt(span.offset + span.length) };
}

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** The severity a finding gets under the settings, or undefined when the user turned it off. */
function effectiveSeverity(finding: Finding, settings: Settings): Severity | undefined {
  const configured = settings.severity[finding.code];
  if (configured === 'off') return undefined;
  return configured ?? severityOfCategory(finding.category);
}

/** Converts findings to diagnostics. */
export function toDiagnostics(document: TextDocument, findings: readonly Finding[], settings: Settings): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const finding of findings) {
    const severity = effectiveSeverity(finding, settings);
    if (!severity) continue;
    const data: DiagnosticData = {
      fixes: (finding.fixes ?? []).map((fix) => ({
        title: fix.title,
        preferred: fix.preferred,
        edits: fix.edits.map((edit) => ({ range: rangeOf(document, edit), newText: edit.newText })),
      })),
    };
    const diagnostic: Diagnostic = {
      range: rangeOf(document, finding.span),
      severity: LSP_SEVERITY[severity],
      code: finding.code,
      source: DIAGNOSTIC_SOURCE,
      message: finding.message,
      data,
    };
    if (finding.unnecessary) diagnostic.tags = [DiagnosticTag.Unnecessary];
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}
