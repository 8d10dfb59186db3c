/**
 * The inputs `generatePolicy` reads, from text: a list of actions (one a line, optionally followed
 * by a resource ARN, or a JSON array), AccessDenied messages, or CloudTrail records. Shared by
 * `iam-policy generate` and the editor's *Generate policy…* command, so both read the same input
 * the same way.
 */
import { isAccessDeniedProblem, parseAccessDenied } from './accessDenied';
import { requestsFromCloudTrail } from './cloudTrail';
import { validatePolicy } from '../validate/index';
import type { Finding } from '../validate/index';
import { generatePolicy, type GenerateOptions, type GeneratedPolicy, type GenerateRequest } from './generatePolicy';

/** What the input is: `auto` detects it from the text. */
export type GenerateSource = 'auto' | 'actions' | 'denied' | 'cloudtrail';

/** The requests read from one input text, the parts left out with why, or why nothing could be read. */
interface GenerateInput {
  readonly requests: GenerateRequest[];
  readonly problems: string[];
  /** Set when the input as a whole cannot be read (CloudTrail input that is not valid JSON). */
  readonly error?: string;
}

/** Which of the three inputs a text is. */
function detectGenerateSource(text: string): Exclude<GenerateSource, 'auto'> {
  const trimmed = text.trim();
  if (/is not authorized to perform/i.test(trimmed) && !/"eventSource"/.test(trimmed)) return 'denied';
  if (/"(eventSource|EventSource|Records|Events)"\s*:/.test(trimmed)) return 'cloudtrail';
  return 'actions';
}

function fromActions(text: string): GenerateInput {
  const requests: GenerateRequest[] = [];
  const problems: string[] = [];
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch {
      return { requests, problems: ['the action list is not valid JSON'] };
    }
    (json as unknown[]).forEach((item, i) => {
      if (typeof item === 'string') requests.push({ action: item, source: `[${i}]` });
      else if (item && typeof item === 'object' && typeof (item as { action?: unknown }).action === 'string') {
        const o = item as { action: string; resource?: unknown };
        requests.push({ action: o.action, ...(typeof o.resource === 'string' ? { resource: o.resource } : {}), source: `[${i}]` });
      } else problems.push(`[${i}] is neither an action nor {"action", "resource"}`);
    });
    return { requests, problems };
  }
  text.split(/\r?\n/).forEach((line, i) => {
    const content = line.replace(/#.*$/, '').trim();
    if (content === '') return;
    const [action, resource, ...extra] = content.split(/[\s,]+/);
    if (!action || !/^[A-Za-z0-9-]+:[A-Za-z0-9*?_-]+$/.test(action) || extra.length > 0) {
      problems.push(`line ${i + 1}: expected \`service:Action [resource-ARN]\`, not \`${content}\``);
      return;
    }
    requests.push({ action, ...(resource ? { resource } : {}), source: `line ${i + 1}` });
  });
  return { requests, problems };
}

function fromDenied(text: string): GenerateInput {
  const requests: GenerateRequest[] = [];
  const problems: string[] = [];
  // One message a line; a message wrapped over lines continues until the next "User:" or a blank line.
  const messages = text.split(/\r?\n\s*\r?\n|\r?\n(?=.*User:\s*\S+\s+is not authorized)/).map((m) => m.trim()).filter((m) => m !== '');
  messages.forEach((message, i) => {
    const parsed = parseAccessDenied(message);
    if (isAccessDeniedProblem(parsed)) {
      problems.push(`message ${i + 1}: ${parsed.error}`);
      return;
    }
    // An identity-based Allow does not lift an explicit deny or a guardrail's implicit deny: such
    // messages are left out with the reason (explain-denied says which policy to look at).
    if (parsed.denial === 'explicit' || (parsed.policyType !== undefined && parsed.policyType !== 'identity' && parsed.policyType !== 'resource')) {
      problems.push(`message ${i + 1}: \`${parsed.action}\` is denied by ${parsed.denial === 'explicit' ? 'an explicit deny' : `a ${parsed.policyType} policy`}, which an identity-based Allow does not lift; left out (see \`iam-policy explain-denied\`)`);
      return;
    }
    requests.push({ action: parsed.action, ...(parsed.resource ? { resource: parsed.resource } : {}), source: `message ${i + 1}` });
  });
  return { requests, problems };
}

/** Reads the requests of one input text, of the given kind or (with `auto`) the detected one. */
function requestsFromText(text: string, from: GenerateSource): GenerateInput {
  const kind = from === 'auto' ? detectGenerateSource(text) : from;
  if (kind === 'denied') return fromDenied(text);
  if (kind === 'actions') return fromActions(text);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { requests: [], problems: [], error: 'the CloudTrail input is not valid JSON' };
  }
  const result = requestsFromCloudTrail(json);
  if (result.error) return { requests: [], problems: [], error: result.error };
  return { requests: result.requests, problems: result.skipped.map((s) => `${s.source}: ${s.reason}`) };
}

/** A generated policy with its text, what was left out (one sentence each) and its validation findings. */
export interface GeneratedFromText {
  readonly generated: GeneratedPolicy;
  /** The policy as JSON, indented by two spaces. */
  readonly text: string;
  /** Inputs and requests left out, with why. */
  readonly skipped: readonly string[];
  /** What the product's own validation reports on the policy (none is the goal). */
  readonly findings: readonly Finding[];
}

/**
 * Reads every input text, generates the policy and validates it as an identity-based policy. An
 * `error` says why nothing could be generated (with the inputs left out in `problems`).
 */
export function generateFromTexts(texts: readonly string[], from: GenerateSource, options: GenerateOptions): GeneratedFromText | { readonly error: string; readonly problems: readonly string[] } {
  const requests: GenerateRequest[] = [];
  const problems: string[] = [];
  for (const text of texts) {
    const result = requestsFromText(text, from);
    if (result.error) return { error: result.error, problems };
    requests.push(...result.requests);
    problems.push(...result.problems);
  }
  if (requests.length === 0) return { error: 'no request to generate a policy from', problems };
  const generated = generatePolicy(requests, options);
  const text = JSON.stringify(generated.policy, null, 2);
  const findings = validatePolicy(text, { kind: 'identity' }).findings;
  const skipped = [...problems, ...generated.skipped.map((s) => `${s.source ? `${s.source}: ` : ''}\`${s.action}\`: ${s.reason}`)];
  return { generated, text, skipped, findings };
}
