/**
 * Function URLs that take requests from anyone (`AuthType: NONE`) but cannot invoke their function.
 * Lambda Developer Guide, "Control access to Lambda function URLs": "Starting in October 2025, new
 * function URLs will require both `lambda:InvokeFunctionUrl` and `lambda:InvokeFunction`
 * permissions", and with `NONE` "the function's resource-based policy ... must grant public access
 * before your function URL can receive requests". Older examples add only the first permission
 * (`FunctionUrlAuthType: NONE`); a URL created from them answers every request with 403 Forbidden.
 * The second is `lambda:InvokeFunction` for `*`, which `InvokedViaFunctionUrl: true`
 * (`lambda:InvokedViaFunctionUrl`) limits to calls through the URL.
 *
 * Reported only where the file shows the intent and misses the half: it grants `*`
 * `lambda:InvokeFunctionUrl` on the URL's function, and no permission of the file grants `*`
 * `lambda:InvokeFunction` on it (a permission whose function cannot be told counts as granting it).
 * A URL with a qualifier (an alias) needs the permissions on that alias, and an unqualified URL on
 * the function itself (Lambda API Reference, AddPermission: "If you use a qualifier, the invoker must
 * use the full ARN of that version or alias"); a qualifier that cannot be told matches any. SAM's
 * `FunctionUrlConfig` adds both permissions itself.
 */
import type { EmbeddedPolicy, HostNode, HostRange } from './hostTree';
import type { Fix, TextEdit } from '../validate/engine/findings';
import { mapEntry, sampleText } from './hostTree';
import { matchWildcard } from '../arn/wildcard';
import { functionNameOf, functionQualifierOf } from './lambdaPermission';

/** A function URL of the file with `AuthType: NONE`: its function argument and where its auth type is written. */
export interface PublicFunctionUrl {
  /** The function as the URL names it (`TargetFunctionArn`, `function_name`), resolved. */
  readonly target: HostNode;
  /** The URL's `Qualifier` (`qualifier`), resolved, when it has one. */
  readonly qualifier?: HostNode;
  /** The auth type's value, where the finding lands. */
  readonly authType: HostRange;
  /** The edit that adds the missing permission after the URL's resource, when the host can write it. */
  readonly addPermission?: TextEdit;
}

/** How the host names things: the resource a reference expression names (`Worker` of `Worker.Arn`), and the permission it writes. */
export interface FunctionUrlTerms {
  readonly referenceOf: (expression: string) => string;
  /** The permission to add, as the host writes it, for the message ("... for the function" follows). */
  readonly permission: string;
}

interface FunctionIdentity {
  readonly references: ReadonlySet<string>;
  readonly name?: string;
  /** The alias or version, '' for the function itself; undefined when the file does not tell. */
  readonly qualifier?: string;
}

/** Whether a node's text is known: a literal, or holes whose samples stand for their values. */
function known(node: HostNode): boolean {
  return node.kind !== 'text' || node.parts.every((part) => part.kind !== 'hole' || part.hole.shaped);
}

/** The function a node names, with its qualifier: `qualifier` (a URL's own) when given, else the one in the node's text. */
function identityOf(node: HostNode | undefined, terms: FunctionUrlTerms, qualifier?: HostNode): FunctionIdentity | undefined {
  if (!node) return undefined;
  const references = new Set<string>();
  if (node.kind === 'text') for (const part of node.parts) if (part.kind === 'hole' && part.hole.templateExpression !== undefined) references.add(terms.referenceOf(part.hole.templateExpression));
  const text = sampleText(node);
  const name = text === undefined ? undefined : functionNameOf(text);
  if (references.size === 0 && !name) return undefined;
  let written: string | undefined;
  if (qualifier) written = known(qualifier) ? sampleText(qualifier) : undefined;
  else if (text !== undefined && known(node)) written = functionQualifierOf(text);
  // `$LATEST` is what the unqualified ARN runs, under the function's own policy (Lambda takes no
  // permission on `$LATEST`: API Reference, AddPermission).
  const qualifierText = written === '$LATEST' ? '' : written;
  return { references, ...(name ? { name } : {}), ...(qualifierText !== undefined ? { qualifier: qualifierText } : {}) };
}

function sameFunction(a: FunctionIdentity, b: FunctionIdentity): boolean {
  if (a.qualifier !== undefined && b.qualifier !== undefined && a.qualifier !== b.qualifier) return false;
  for (const reference of a.references) if (b.references.has(reference)) return true;
  return a.name !== undefined && a.name === b.name;
}

/** Whether a rendered statement lets everyone call `action`: `Principal` `*` (or `{"AWS": "*"}`) and an `Action` that matches it. */
function grantsEveryone(statement: HostNode, action: string): boolean {
  const principal = mapEntry(statement, 'Principal')?.value;
  const everyone = sampleText(principal) === '*' || sampleText(mapEntry(principal, 'AWS')?.value) === '*';
  const pattern = sampleText(mapEntry(statement, 'Action')?.value);
  return everyone && pattern !== undefined && matchWildcard(pattern, action, true);
}

/**
 * The URLs of `urls` that cannot invoke their function by the file's own permissions (`permissions`:
 * the file's rendered policies), each as a finding's code, message and range.
 */
export function urlsWithoutInvokePermission(urls: readonly PublicFunctionUrl[], permissions: readonly EmbeddedPolicy[], terms: FunctionUrlTerms): Array<{ code: string; message: string; range: HostRange; fixes?: Fix[] }> {
  if (urls.length === 0) return [];
  const grants = (action: string) =>
    permissions
      .filter((policy) => policy.rendered === 'function')
      .flatMap((policy) => {
        const list = mapEntry(policy.root, 'Statement')?.value;
        return list?.kind === 'seq' ? list.items : [];
      })
      .filter((statement) => grantsEveryone(statement, action))
      .map((statement) => identityOf(mapEntry(statement, 'Resource')?.value, terms));
  const viaUrl = grants('lambda:InvokeFunctionUrl');
  const invoke = grants('lambda:InvokeFunction');
  const problems: Array<{ code: string; message: string; range: HostRange; fixes?: Fix[] }> = [];
  for (const url of urls) {
    const target = identityOf(url.target, terms, url.qualifier);
    if (!target) continue;
    if (!viaUrl.some((identity) => identity !== undefined && sameFunction(identity, target))) continue;
    if (invoke.some((identity) => identity === undefined || sameFunction(identity, target))) continue;
    const on = target.qualifier ? `alias \`${target.qualifier}\`` : 'function';
    problems.push({
      code: 'FUNCTION_URL_WITHOUT_INVOKE_PERMISSION',
      range: url.authType,
      message: `This function URL takes requests from anyone, and the file lets everyone call \`lambda:InvokeFunctionUrl\` on its ${on}, but no permission of the file lets them call \`lambda:InvokeFunction\` on it: since October 2025 a new function URL needs both, and without the second every request gets 403 Forbidden. Add ${terms.permission} for the ${on}.`,
      ...(url.addPermission ? { fixes: [{ title: 'Add the `lambda:InvokeFunction` permission for calls through the URL', edits: [url.addPermission], preferred: true }] } : {}),
    });
  }
  return problems;
}
