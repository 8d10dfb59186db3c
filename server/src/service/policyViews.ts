/**
 * A policy view is one policy of a document as the policy features see it: a TextDocument holding
 * the policy's JSON text and its analysis, plus the map back to the document the user edits. A
 * standalone policy is its own view; each policy embedded in a template is a view over its virtual
 * JSON text. Features (completion, hover, outline, summary, simulation) run unchanged on a view and
 * map their ranges back with `toHostRange`.
 */
import type { Position, Range } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { EmbeddedPolicyAnalysis } from '../iam/sources/embeddedAnalysis';
import { hostToVirtual, virtualToHost } from '../iam/sources/virtualPolicy';
import type { DocumentAnalysis } from './documentAnalysis';

export interface PolicyView {
  /** `""` for a standalone policy, else the embedded policy's pointer. */
  readonly pointer: string;
  /** The policy's own text (the host document for a standalone policy). */
  readonly document: TextDocument;
  /** The analysis of that text, in the `policy` role. */
  readonly analysis: DocumentAnalysis;
  readonly embedded?: EmbeddedPolicyAnalysis;
  /** The document the user edits. */
  readonly host: TextDocument;
  toHostRange(range: Range): Range;
  /** The view position of a host position, or undefined when it is outside the policy. */
  toViewPosition(position: Position): Position | undefined;
}

const virtualDocuments = new WeakMap<EmbeddedPolicyAnalysis, { document: TextDocument; analysis: DocumentAnalysis }>();

function identityView(host: TextDocument, analysis: DocumentAnalysis): PolicyView {
  return { pointer: '', document: host, analysis, host, toHostRange: (range) => range, toViewPosition: (position) => position };
}

function embeddedView(host: TextDocument, embedded: EmbeddedPolicyAnalysis): PolicyView {
  let cached = virtualDocuments.get(embedded);
  if (!cached) {
    const document = TextDocument.create(`${host.uri}#${encodeURIComponent(embedded.policy.pointer)}`, 'json', host.version, embedded.virtual.text);
    cached = { document, analysis: { role: 'policy', parse: embedded.parse, kind: embedded.kind, validation: embedded.validation, ...(embedded.hostAccount ? { hostAccount: embedded.hostAccount } : {}) } };
    virtualDocuments.set(embedded, cached);
  }
  const { document, analysis } = cached;
  return {
    pointer: embedded.policy.pointer,
    document,
    analysis,
    embedded,
    host,
    toHostRange(range) {
      const mapped = virtualToHost(embedded.virtual, document.offsetAt(range.start), document.offsetAt(range.end));
      return { start: host.positionAt(mapped.start), end: host.positionAt(mapped.end) };
    },
    toViewPosition(position) {
      const offset = host.offsetAt(position);
      const range = embedded.policy.range;
      if (offset < range.start || offset > range.end) return undefined;
      const virtual = hostToVirtual(embedded.virtual, offset);
      return virtual === undefined ? undefined : document.positionAt(virtual);
    },
  };
}

/** Every policy view of a document: one for a policy, one per embedded policy of a template. */
export function policyViews(host: TextDocument, analysis: DocumentAnalysis): PolicyView[] {
  if (analysis.role === 'policy') return [identityView(host, analysis)];
  if (analysis.role === 'template' && analysis.host) return analysis.host.policies.map((embedded) => embeddedView(host, embedded));
  return [];
}

/**
 * The view of the policy at a position (the innermost embedded policy holding it), for completion
 * and hover: not a policy the service writes from a resource's properties (`rendered`), whose keys
 * are the resource's properties, not policy elements.
 */
export function policyViewAt(host: TextDocument, analysis: DocumentAnalysis, position: Position): PolicyView | undefined {
  if (analysis.role === 'policy') return identityView(host, analysis);
  if (analysis.role !== 'template' || !analysis.host) return undefined;
  const offset = host.offsetAt(position);
  let best: EmbeddedPolicyAnalysis | undefined;
  for (const embedded of analysis.host.policies) {
    if (embedded.policy.rendered) continue;
    const range = embedded.policy.range;
    if (range.start <= offset && offset <= range.end && (!best || range.end - range.start < best.policy.range.end - best.policy.range.start)) best = embedded;
  }
  return best ? embeddedView(host, best) : undefined;
}

/** The view with a pointer (`""` or absent: the document itself, or a template's first policy). */
export function policyViewByPointer(host: TextDocument, analysis: DocumentAnalysis, pointer: string | undefined): PolicyView | undefined {
  const views = policyViews(host, analysis);
  if (pointer === undefined || pointer === '') return views[0];
  return views.find((view) => view.pointer === pointer);
}
