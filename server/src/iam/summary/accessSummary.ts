/**
 * The "who can get in" part of a policy summary: for resource-based and trust policies, who each
 * statement lets in (see `iam/access/externalAccess.ts`); for identity policies, the risk methods
 * the policy gives (see `iam/access/risks.ts`). Pure data, rendered by the service layer.
 */
import { analyzeExternalAccess, analyzeRisks, type ExternalAccessOptions, type RiskFamily } from '../access';
import type { PolicyDocument } from '../document/model';
import type { PolicyKind } from '../document/policyKind';

/** Who one statement lets in. */
export interface StatementAccessSummary {
  readonly statement: number;
  readonly sid?: string;
  /** One line, e.g. "anyone (public)" or "other account(s) `444455556666`". */
  readonly summary: string;
  readonly public: boolean;
  readonly externalAccounts: readonly string[];
  readonly organizations: readonly string[];
  readonly services: readonly string[];
  readonly identityProviders: readonly string[];
  readonly limitedBy: readonly string[];
}

/** One risk method the policy gives. */
export interface RiskSummary {
  readonly family: RiskFamily;
  readonly method: string;
  readonly title: string;
  readonly statements: readonly number[];
  readonly source: string;
}

/** The access part of a summary. */
export interface AccessSummary {
  readonly policyType: PolicyKind;
  /** Resource-based and trust policies: who gets in. */
  readonly whoCanGetIn?: { readonly owner?: string; readonly statements: readonly StatementAccessSummary[] };
  /** Identity policies: the risk methods. */
  readonly risks?: readonly RiskSummary[];
}

/** Summarises who a policy lets in, or what risks it carries. Never throws. */
export function summarizeAccess(document: PolicyDocument, kind: PolicyKind, options: ExternalAccessOptions = {}): AccessSummary {
  try {
    if (kind === 'resource' || kind === 'trust') {
      const analysis = analyzeExternalAccess(document, kind, options);
      return {
        policyType: kind,
        whoCanGetIn: {
          ...(analysis.owner ? { owner: analysis.owner } : {}),
          statements: analysis.statements.map((s) => ({
            statement: s.index,
            ...(s.sid ? { sid: s.sid } : {}),
            summary: s.summary,
            public: s.public,
            externalAccounts: s.externalAccounts,
            organizations: s.organizations,
            services: s.services,
            identityProviders: s.identityProviders,
            limitedBy: s.limitedBy,
          })),
        },
      };
    }
    if (kind === 'identity') {
      return { policyType: kind, risks: analyzeRisks(document, kind).map((r) => ({ family: r.method.family, method: r.method.id, title: r.method.title, statements: r.statements, source: r.method.source })) };
    }
  } catch {
    // A failure leaves the summary without its access part rather than failing it.
  }
  return { policyType: kind };
}

/** A short phrase for headlines and lenses: "public", "2 other accounts", "3 escalation methods". */
export function accessHeadline(summary: AccessSummary): string | undefined {
  if (summary.whoCanGetIn) {
    const statements = summary.whoCanGetIn.statements;
    if (statements.some((s) => s.public)) return 'public access';
    const accounts = new Set(statements.flatMap((s) => s.externalAccounts));
    if (accounts.size > 0) return `${accounts.size} other account${accounts.size === 1 ? '' : 's'}`;
    return undefined;
  }
  const escalation = (summary.risks ?? []).filter((r) => r.family === 'privilege-escalation').length;
  return escalation > 0 ? `${escalation} escalation method${escalation === 1 ? '' : 's'}` : undefined;
}
