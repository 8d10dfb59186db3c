/**
 * The outline: the policy's top-level elements, its statements (named by Sid, or "Statement N (Allow)")
 * and each statement's elements as children.
 */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { JsonNode, Property, Statement } from '../iam/document/model';
import type { DocumentAnalysis } from './documentAnalysis';
import { rangeOf } from './diagnostics';

function symbolKind(node: JsonNode | undefined): SymbolKind {
  switch (node?.type) {
    case 'object':
      return SymbolKind.Object;
    case 'array':
      return SymbolKind.Array;
    case 'number':
      return SymbolKind.Number;
    case 'boolean':
      return SymbolKind.Boolean;
    default:
      return SymbolKind.String;
  }
}

/** A short description of an element's value for the outline. */
function valueDetail(node: JsonNode | undefined): string {
  if (!node) return '';
  switch (node.type) {
    case 'string':
      return String(node.value);
    case 'array': {
      const items = node.children ?? [];
      if (items.length === 1 && items[0]!.type === 'string') return String(items[0]!.value);
      return `${items.length} ${items.length === 1 ? 'entry' : 'entries'}`;
    }
    case 'object': {
      const keys = (node.children ?? []).map((p) => String(p.children?.[0]?.value ?? ''));
      return keys.join(', ');
    }
    default:
      return String(node.value ?? '');
  }
}

function propertySymbol(document: TextDocument, property: Property, children?: DocumentSymbol[]): DocumentSymbol {
  return {
    name: property.key || '""',
    detail: valueDetail(property.value),
    kind: symbolKind(property.value),
    range: rangeOf(document, property.span),
    selectionRange: rangeOf(document, property.keySpan),
    children,
  };
}

/** The name of a statement in the outline. */
function statementName(statement: Statement): string {
  const sid = typeof statement.sid?.value?.value === 'string' && statement.sid.value.value ? statement.sid.value.value : undefined;
  const effect = typeof statement.effect?.value?.value === 'string' ? statement.effect.value.value : undefined;
  return sid ?? `Statement ${statement.index + 1}${effect ? ` (${effect})` : ''}`;
}

function statementSymbol(document: TextDocument, statement: Statement): DocumentSymbol {
  const effect = typeof statement.effect?.value?.value === 'string' ? statement.effect.value.value : '';
  const range = rangeOf(document, statement.span);
  return {
    name: statementName(statement),
    detail: statement.sid ? effect : '',
    kind: SymbolKind.Class,
    range,
    selectionRange: statement.sid ? rangeOf(document, statement.sid.span) : { start: range.start, end: range.start },
    children: statement.properties.map((p) => propertySymbol(document, p)),
  };
}

/** Document symbols of an analysed policy. */
export function getDocumentSymbols(document: TextDocument, analysis: DocumentAnalysis): DocumentSymbol[] {
  if (analysis.role !== 'policy') return [];
  const model = analysis.parse.document;
  return model.properties.map((p) => {
    if (p === model.statement) {
      const statements = model.statements.map((s) => statementSymbol(document, s));
      // The object form has one statement: its elements go directly under Statement.
      return propertySymbol(document, p, model.statementShape === 'object' ? statements[0]?.children : statements);
    }
    return propertySymbol(document, p);
  });
}
