/**
 * The completion entry point of the pure core: context detection, then the candidates of the slot,
 * ranked (prefix over substring), bounded and marked incomplete when cut.
 */
import type { PolicyDocument } from '../document/model';
import type { PolicyKind } from '../document/policyKind';
import { actionCandidates } from './actionCompletion';
import type { ArnDefaults } from './arnTemplates';
import { finish, type CompletionAnswer, type RankedCandidate } from './candidate';
import { completionContext } from './completionContext';
import { conditionKeyCandidates, conditionValueCandidates, operatorCandidates } from './conditionCompletion';
import { documentHints } from './documentHints';
import { elementCandidates } from './elementCompletion';
import { principalCandidates } from './principalCompletion';
import { resourceCandidates } from './resourceCompletion';

/** What the caller knows besides the document. */
export interface CompletionOptions {
  /** The policy kind, when known (trust policies rank `sts:AssumeRole*` first). */
  readonly kind?: PolicyKind;
  /** The most items returned. */
  readonly maxItems: number;
  /** Partition and account for ARN snippets when the document names none. */
  readonly defaultPartition: string;
  readonly defaultAccount: string;
}

/** ARN defaults for a document: its own account, Region and partition first, then the settings. */
function arnDefaults(document: PolicyDocument, options: Pick<CompletionOptions, 'defaultPartition' | 'defaultAccount'>): ArnDefaults {
  const hints = documentHints(document);
  return {
    partition: hints.partition ?? options.defaultPartition,
    account: hints.account ?? options.defaultAccount,
    region: hints.region,
  };
}

/** Completes at `offset`. Never throws for any document and offset. */
export function complete(document: PolicyDocument, offset: number, options: CompletionOptions): CompletionAnswer {
  const context = completionContext(document, offset);
  let ranked: RankedCandidate[];
  switch (context.slot) {
    case 'action':
      ranked = actionCandidates(context, options.kind);
      break;
    case 'resource':
      ranked = resourceCandidates(context, arnDefaults(document, options));
      break;
    case 'principal':
    case 'principalKey':
    case 'principalValue':
      ranked = principalCandidates(context, arnDefaults(document, options));
      break;
    case 'conditionOperator':
      ranked = operatorCandidates(context);
      break;
    case 'conditionKey':
      ranked = conditionKeyCandidates(context);
      break;
    case 'conditionValue':
      ranked = conditionValueCandidates(context, arnDefaults(document, options));
      break;
    case 'condition':
      ranked = context.quoted || context.inArray
        ? []
        : [{ label: '{"StringEquals": ...}', info: { kind: 'template', name: 'conditionBlock' }, body: '{\n\t"${1:StringEquals}": {\n\t\t"$2": "$3"\n\t}\n}', snippet: true, raw: true, tier: 0, priority: 0, filter: '{' }];
      break;
    default:
      ranked = elementCandidates(context);
  }
  const { items, isIncomplete } = finish(context, ranked, Math.max(1, options.maxItems));
  return { context, items, isIncomplete };
}
