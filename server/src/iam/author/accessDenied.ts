/**
 * `parseAccessDenied(text)`: reads an AccessDenied error message as AWS SDKs and the AWS CLI print it
 * into principal, action, resource and the reason AWS gave. The formats come from the IAM User Guide,
 * "Troubleshoot access denied error messages" ("Access denied error message examples"):
 *
 *   User: ARN is not authorized to perform: ACTION [on resource: ARN] because no POLICY-TYPE allows the ACTION action
 *   User: ARN is not authorized to perform: ACTION [on resource: ARN] with an explicit deny in a(n) POLICY-TYPE[: POLICY-ARN]
 *   User: ARN is not authorized to perform: ACTION [on resource: ARN]            (older messages, no reason)
 *
 * with any prefix the tools add (`An error occurred (AccessDenied) when calling the GetObject operation: `,
 * `AccessDeniedException: `, XML or JSON error bodies). It also reads the JSON that
 * `aws sts decode-authorization-message` prints, and recognizes the encoded message that EC2 and a few
 * other services return instead (which only STS can decode, so it is reported, not read).
 */
import type { ContextValue, PolicyRole } from '../evaluate/types';

/** The policy types AccessDenied messages name ("the type of policy that denied access"). */
export type DeniedPolicyType = PolicyRole | 'vpce';

/** What kind of caller the message names. */
export type DeniedPrincipalType = 'user' | 'role-session' | 'federated-user' | 'root' | 'role' | 'anonymous' | 'service' | 'other';

/** A parsed AccessDenied message. */
export interface AccessDeniedMessage {
  /** The caller's ARN as the message gives it (`anonymous` for an unsigned request). */
  readonly principal: string;
  readonly principalType: DeniedPrincipalType;
  /** `service:Action`, as the message gives it. */
  readonly action: string;
  /** The resource ARN; undefined when the message names none (actions without resource-level permissions). */
  readonly resource?: string;
  /** The resource's description when the message describes it instead of naming it (KMS ciphertexts). */
  readonly resourceDescription?: string;
  /** `implicit` (no policy allows), `explicit` (a Deny statement) or `unknown` (the message gives no reason). */
  readonly denial: 'implicit' | 'explicit' | 'unknown';
  /** The policy type the message blames, when it names one. */
  readonly policyType?: DeniedPolicyType;
  /** The ARN of the denying policy, which newer messages append. */
  readonly policyArn?: string;
  /** The API operation (`when calling the GetObject operation`), when the CLI printed it. */
  readonly operation?: string;
  /** The error code in parentheses (`AccessDenied`, `AccessDeniedException`, `UnauthorizedOperation`). */
  readonly errorCode?: string;
  /** `message` for the text forms, `decoded` for the JSON of `aws sts decode-authorization-message`. */
  readonly format: 'message' | 'decoded';
  /** Request context keys a decoded authorization message lists. */
  readonly context?: Readonly<Record<string, ContextValue>>;
  /** The encoded authorization message, when the text carried one too. */
  readonly encodedMessage?: string;
}

/** Why a text could not be read as an AccessDenied message. */
export interface AccessDeniedProblem {
  readonly error: string;
  /** `encoded` when the text holds only an encoded authorization message. */
  readonly kind: 'empty' | 'encoded' | 'no-details' | 'unrecognized';
  readonly encodedMessage?: string;
  readonly operation?: string;
  readonly errorCode?: string;
}

const POLICY_TYPE_PHRASES: ReadonlyArray<readonly [RegExp, DeniedPolicyType]> = [
  [/^identity[- ]based polic(?:y|ies)$/i, 'identity'],
  [/^resource[- ]based polic(?:y|ies)$/i, 'resource'],
  [/^service control polic(?:y|ies)$/i, 'scp'],
  [/^SCPs?$/i, 'scp'],
  [/^resource control polic(?:y|ies)$/i, 'rcp'],
  [/^RCPs?$/i, 'rcp'],
  [/^permissions? boundar(?:y|ies)(?: polic(?:y|ies))?$/i, 'boundary'],
  [/^session polic(?:y|ies)$/i, 'session'],
  [/^VPC endpoint polic(?:y|ies)$/i, 'vpce'],
];

const POLICY_TYPE = '(identity[- ]based polic(?:y|ies)|resource[- ]based polic(?:y|ies)|service control polic(?:y|ies)|resource control polic(?:y|ies)|permissions? boundar(?:y|ies)(?: polic(?:y|ies))?|session polic(?:y|ies)|VPC endpoint polic(?:y|ies)|SCPs?|RCPs?)';

function policyTypeOf(phrase: string | undefined): DeniedPolicyType | undefined {
  if (phrase === undefined) return undefined;
  return POLICY_TYPE_PHRASES.find(([re]) => re.test(phrase.trim()))?.[1];
}

/** The caller kind of an ARN in a message. */
function principalTypeOf(principal: string): DeniedPrincipalType {
  if (principal === 'anonymous' || principal === '*') return 'anonymous';
  if (/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/i.test(principal)) return 'service';
  const m = /^arn:[^:]+:(iam|sts)::\d{12}:([a-z-]+)/.exec(principal);
  if (!m) return 'other';
  if (m[2] === 'root') return 'root';
  if (m[2] === 'user') return 'user';
  if (m[2] === 'assumed-role') return 'role-session';
  if (m[2] === 'federated-user') return 'federated-user';
  if (m[2] === 'role') return 'role';
  return 'other';
}

/** Removes the punctuation that quoting and sentence ends leave on a token. */
function clean(token: string): string {
  return token.replace(/^["'`<(]+/, '').replace(/["'`>),;]+$/, '').replace(/\.$/, '');
}

const ENCODED = /Encoded authorization failure message:\s*([A-Za-z0-9_\-+/=]{16,})/;
const OPERATION = /\(([A-Za-z.]+)\) when calling the ([A-Za-z0-9]+) operation/;

/** Reads an AccessDenied message; never throws. */
export function parseAccessDenied(text: string): AccessDeniedMessage | AccessDeniedProblem {
  const input = text.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').trim();
  if (input === '') return { kind: 'empty', error: 'The message is empty: paste the AccessDenied error text' };
  const decoded = parseDecoded(input);
  if (decoded) return decoded;

  const operationMatch = OPERATION.exec(input);
  const operation = operationMatch?.[2];
  const errorCode = operationMatch?.[1] ?? /\b([A-Za-z]*(?:AccessDenied|Unauthorized)[A-Za-z]*)(?:Exception)?\b/.exec(input)?.[1];
  const encodedMessage = ENCODED.exec(input)?.[1];
  const extras = { ...(operation ? { operation } : {}), ...(errorCode ? { errorCode } : {}) };

  // One message per line at most: the sentence may wrap, so whitespace runs are joined first.
  const flat = input.replace(/\s+/g, ' ');
  const main = /User:\s*(\S+)\s+is not authorized to perform:\s*(\S+)(.*)$/i.exec(flat);
  if (!main) {
    if (encodedMessage) {
      return {
        kind: 'encoded',
        encodedMessage,
        ...extras,
        error: 'The message carries only an encoded authorization message, which only AWS STS can decode (it is encrypted): run `aws sts decode-authorization-message --encoded-message <message>` (needs `sts:DecodeAuthorizationMessage`) and paste its output',
      };
    }
    if (/access denied|accessdenied|not authorized/i.test(flat)) {
      return {
        kind: 'no-details',
        ...extras,
        error: `The message says access was denied but names no principal and action${operation ? ` (operation \`${operation}\`)` : ''}; some services (Amazon S3 among them, for requests from other accounts or when the details would disclose information) leave them out: paste a message of the form \`User: ARN is not authorized to perform: ACTION on resource: ARN\``,
      };
    }
    return { kind: 'unrecognized', ...extras, error: 'Not an AccessDenied message: expected `User: ARN is not authorized to perform: ACTION ...`' };
  }
  const principal = clean(main[1]!);
  const action = clean(main[2]!);
  if (!/^[A-Za-z0-9-]+:[A-Za-z0-9*?_-]+$/.test(action)) return { kind: 'unrecognized', ...extras, error: `\`${action}\` is not an action of the form \`service:Action\`` };
  let rest = main[3]!;

  let resource: string | undefined;
  let resourceDescription: string | undefined;
  const onResource = /^\s*on resource:\s*(\S+)/i.exec(rest);
  if (onResource) {
    resource = clean(onResource[1]!);
    rest = rest.slice(onResource[0].length);
  } else {
    // KMS: "on the resource associated with this ciphertext because ...".
    const described = /^\s*on (the resource [^.]*?)(?= because | with an explicit deny|\.|$)/i.exec(rest);
    if (described) {
      resourceDescription = described[1]!;
      rest = rest.slice(described[0].length);
    }
  }

  let denial: AccessDeniedMessage['denial'] = 'unknown';
  let policyType: DeniedPolicyType | undefined;
  let policyArn: string | undefined;
  const explicit = new RegExp(`with an explicit deny(?: in (?:a|an|the) ${POLICY_TYPE})?(?::?\\s*(arn:\\S+))?`, 'i').exec(rest);
  const implicit = new RegExp(`because no ${POLICY_TYPE} allows?`, 'i').exec(rest);
  if (explicit) {
    denial = 'explicit';
    policyType = policyTypeOf(explicit[1]);
    if (explicit[2]) policyArn = clean(explicit[2]);
  } else if (implicit) {
    denial = 'implicit';
    policyType = policyTypeOf(implicit[1]);
  } else if (/resource-based polic(?:y|ies) explicitly denies/i.test(rest)) {
    // KMS lists three causes at once (no key in the Region, no allow, or an explicit deny): no one reason.
    policyType = 'resource';
  }
  return {
    principal,
    principalType: principalTypeOf(principal),
    action,
    ...(resource !== undefined ? { resource } : {}),
    ...(resourceDescription !== undefined ? { resourceDescription } : {}),
    denial,
    ...(policyType ? { policyType } : {}),
    ...(policyArn ? { policyArn } : {}),
    ...extras,
    format: 'message',
    ...(encodedMessage ? { encodedMessage } : {}),
  };
}

/**
 * The JSON that `aws sts decode-authorization-message` prints: `{"DecodedMessage": "<json>"}` or the
 * inner document itself, `{"allowed": false, "explicitDeny": ..., "context": {"principal": {"arn"},
 * "action", "resource", "conditions": {"items": [{"key", "values": {"items": [{"value"}]}}]}}}`
 * (AWS STS API Reference, DecodeAuthorizationMessage).
 */
function parseDecoded(input: string): AccessDeniedMessage | undefined {
  if (!input.startsWith('{')) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(input);
  } catch {
    return undefined;
  }
  let inner = json as Record<string, unknown>;
  if (typeof inner.DecodedMessage === 'string') {
    try {
      inner = JSON.parse(inner.DecodedMessage) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
  const context = inner?.context as Record<string, unknown> | undefined;
  if (!context || typeof context !== 'object') return undefined;
  const principal = (context.principal as { arn?: unknown } | undefined)?.arn;
  const action = context.action;
  const resource = context.resource;
  if (typeof principal !== 'string' || typeof action !== 'string') return undefined;
  const keys: Record<string, ContextValue> = {};
  const items = ((context.conditions as { items?: unknown } | undefined)?.items ?? []) as unknown[];
  for (const item of Array.isArray(items) ? items : []) {
    const entry = item as { key?: unknown; values?: { items?: Array<{ value?: unknown }> } };
    if (typeof entry.key !== 'string') continue;
    const values = (entry.values?.items ?? []).map((v) => v.value).filter((v): v is string => typeof v === 'string');
    if (values.length > 0) keys[entry.key] = values.length === 1 ? values[0]! : values;
  }
  return {
    principal,
    principalType: principalTypeOf(principal),
    action,
    ...(typeof resource === 'string' ? { resource } : {}),
    denial: inner.explicitDeny === true ? 'explicit' : inner.allowed === false ? 'implicit' : 'unknown',
    format: 'decoded',
    ...(Object.keys(keys).length > 0 ? { context: keys } : {}),
  };
}

/** Whether a parse result is a problem. */
export function isAccessDeniedProblem(result: AccessDeniedMessage | AccessDeniedProblem): result is AccessDeniedProblem {
  return 'error' in result;
}

/** The role ARN behind a role-session ARN (`arn:aws:sts::1:assumed-role/App/s` → `arn:aws:iam::1:role/App`), else the ARN itself. */
export function identityArnOf(principal: string): string {
  const m = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(principal);
  return m ? `arn:${m[1]}:iam::${m[2]}:role/${m[3]}` : principal;
}
