/**
 * The policy grammar (IAM User Guide, "Grammar of the IAM JSON policy language" and "IAM JSON policy
 * element reference"): the document's and each statement's elements, their JSON types, the elements
 * each policy kind requires or forbids. Deeper checks of the element values live in their own
 * families.
 */
import type { JsonNode, PolicyDocument, Property, Span, Statement, StringListElement } from '../../../document/model';
import { spanOf } from '../../../document/model';
import type { PolicyKind } from '../../../document/policyKind';
import type { CheckContext, CheckFamily } from '../../engine/checkContext';
import type { Fix } from '../../engine/findings';
import { nearestName } from '../../../spelling/nearestName';
import { replaceFix } from '../statementFacts';

const TOP_LEVEL_ELEMENTS = ['Version', 'Id', 'Statement'];
const STATEMENT_ELEMENTS = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];
/** The two versions IAM accepts (IAM User Guide, "IAM JSON policy elements: Version"). */
const POLICY_VERSIONS = ['2012-10-17', '2008-10-17'];
const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

/** Kinds whose statements name no principal: the principal is whoever the policy is attached to. */
const PRINCIPAL_LESS_KINDS: ReadonlySet<PolicyKind> = new Set(['identity', 'boundary', 'session', 'scp']);

/** Kinds that are IAM or Organizations documents, where Sids must be alphanumeric and unique. */
const IAM_DOCUMENT_KINDS: ReadonlySet<PolicyKind> = new Set(['identity', 'boundary', 'session', 'trust', 'scp', 'rcp']);

function jsonString(value: string): string {
  return JSON.stringify(value);
}

function describeType(node: JsonNode | undefined): string {
  if (!node) return 'nothing';
  switch (node.type) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    default:
      return 'null';
  }
}

/** Reports unknown element names, suggesting the documented spelling, and duplicate keys. */
function checkElementNames(context: CheckContext, properties: readonly Property[], allowed: readonly string[], where: string): void {
  const seen = new Map<string, Property>();
  for (const property of properties) {
    if (seen.has(property.key)) {
      context.report('DUPLICATE_KEY', property.keySpan, `Duplicate element \`${property.key}\` in ${where}: only the last one takes effect. Remove one of them.`);
    }
    seen.set(property.key, property);
    if (allowed.includes(property.key)) continue;
    const suggestion = nearestName(property.key, allowed);
    if (suggestion) {
      context.report(
        'INVALID_POLICY_ELEMENT',
        property.keySpan,
        `Unknown element \`${property.key}\` in ${where}: did you mean \`${suggestion}\`?`,
        [replaceFix(`Change to \`${suggestion}\``, property.keySpan, jsonString(suggestion))],
      );
    } else {
      context.report('INVALID_POLICY_ELEMENT', property.keySpan, `Unknown element \`${property.key}\` in ${where}: allowed are ${allowed.map((name) => `\`${name}\``).join(', ')}.`);
    }
  }
}

function checkTopLevel(context: CheckContext): void {
  const { document } = context;
  const root = document.root;
  if (!root) return;
  if (root.type !== 'object') {
    context.report('INVALID_TYPE', spanOf(root), `A policy must be a JSON object with a \`Statement\` element, not ${describeType(root)}.`);
    return;
  }
  checkElementNames(context, document.properties, TOP_LEVEL_ELEMENTS, 'the policy');
  checkVersion(context, document);
  const id = document.id;
  if (id && id.value?.type !== 'string') {
    context.report('INVALID_TYPE', id.value ? spanOf(id.value) : id.keySpan, `\`Id\` must be a string, not ${describeType(id.value)}.`);
  }
  checkStatementElement(context, document);
}

function checkVersion(context: CheckContext, document: PolicyDocument): void {
  const version = document.version;
  if (!version) {
    // Insert the Version right after the opening brace so the fix works on any layout.
    const root = document.root!;
    const fix: Fix = {
      title: 'Add `"Version": "2012-10-17"`',
      edits: [{ offset: root.offset + 1, length: 0, newText: document.properties.length > 0 ? '\n  "Version": "2012-10-17",' : '\n  "Version": "2012-10-17"\n' }],
      preferred: true,
    };
    const at = { offset: root.offset, length: 1 };
    context.report('MISSING_VERSION', at, 'The policy has no `Version`: without it IAM uses 2008-10-17, where policy variables are not supported. Add `"Version": "2012-10-17"`.', [fix]);
    return;
  }
  const value = version.value;
  if (value?.type !== 'string') {
    const span = value ? spanOf(value) : version.keySpan;
    context.report('INVALID_VERSION', span, `\`Version\` must be the string \`2012-10-17\`, not ${describeType(value)}.`, value ? [replaceFix('Change to `"2012-10-17"`', span, '"2012-10-17"')] : undefined);
    return;
  }
  if (!POLICY_VERSIONS.includes(value.value as string)) {
    context.report('INVALID_VERSION', spanOf(value), `Invalid \`Version\` \`${value.value}\`: IAM accepts only \`2012-10-17\` (current) and \`2008-10-17\`.`, [
      replaceFix('Change to `"2012-10-17"`', spanOf(value), '"2012-10-17"'),
    ]);
  }
}

function checkStatementElement(context: CheckContext, document: PolicyDocument): void {
  const statement = document.statement;
  if (!statement) {
    if (!document.properties.some((property) => property.key.toLowerCase() === 'statement')) {
      context.report('MISSING_STATEMENT', { offset: document.root!.offset, length: 1 }, 'The policy has no `Statement` element: add at least one statement.');
    }
    return;
  }
  const value = statement.value;
  if (document.statementShape === 'invalid') {
    context.report('INVALID_TYPE', value ? spanOf(value) : statement.keySpan, `\`Statement\` must be an object or an array of objects, not ${describeType(value)}.`);
    return;
  }
  if (value?.type === 'array') {
    if ((value.children ?? []).length === 0) {
      context.report('MISSING_STATEMENT', spanOf(value), 'The `Statement` array is empty: add at least one statement.');
    }
    for (const child of value.children ?? []) {
      if (child.type !== 'object') {
        context.report('INVALID_TYPE', spanOf(child), `Each statement must be an object, not ${describeType(child)}.`);
      }
    }
  }
}

function checkStringList(context: CheckContext, element: StringListElement | undefined, name: string): void {
  if (!element) return;
  const value = element.property.value;
  if (!value) {
    context.report('MISSING_STATEMENT_ELEMENT_VALUE', element.property.keySpan, `\`${name}\` has no value: give a string or an array of strings.`);
    return;
  }
  if (value.type !== 'string' && value.type !== 'array') {
    context.report('INVALID_TYPE', spanOf(value), `\`${name}\` must be a string or an array of strings, not ${describeType(value)}.`);
    return;
  }
  for (const invalid of element.invalid) {
    const fix = invalid.type === 'number' || invalid.type === 'boolean' ? [replaceFix('Quote the value', spanOf(invalid), jsonString(String(invalid.value)))] : undefined;
    context.report('INVALID_TYPE', spanOf(invalid), `Each \`${name}\` entry must be a string, not ${describeType(invalid)}.`, fix);
  }
}

function checkSid(context: CheckContext, statement: Statement, sids: Map<string, Property[]>): void {
  const sid = statement.sid;
  if (!sid) return;
  const value = sid.value;
  if (value?.type !== 'string') {
    context.report('INVALID_TYPE', value ? spanOf(value) : sid.keySpan, `\`Sid\` must be a string, not ${describeType(value)}.`);
    return;
  }
  const text = value.value as string;
  if (text === '') {
    context.report('EMPTY_SID_VALUE', spanOf(value), 'The `Sid` is empty: give the statement a name or remove the `Sid`.');
    return;
  }
  // IAM User Guide, "IAM JSON policy elements: Sid": in IAM the Sid is limited to A-Z, a-z and 0-9;
  // Organizations policies follow the same rule. Resource policies of other services are freer.
  if (IAM_DOCUMENT_KINDS.has(context.kind) && !/^[A-Za-z0-9]+$/.test(text)) {
    const cleaned = text.replace(/[^A-Za-z0-9]/g, '');
    context.report(
      'UNSUPPORTED_SID',
      spanOf(value),
      `Sid \`${text}\` is not supported in this policy type: IAM accepts only letters A-Z, a-z and digits 0-9.`,
      cleaned ? [replaceFix(`Change to \`${cleaned}\``, spanOf(value), jsonString(cleaned))] : undefined,
    );
  }
  const list = sids.get(text) ?? [];
  list.push(sid);
  sids.set(text, list);
}

function checkEffect(context: CheckContext, statement: Statement): void {
  const effect = statement.effect;
  if (!effect) {
    context.report('MISSING_EFFECT', statementAnchor(statement), 'The statement has no `Effect`: add `"Effect": "Allow"` or `"Effect": "Deny"`.');
    return;
  }
  const value = effect.value;
  if (value?.type !== 'string') {
    context.report('INVALID_EFFECT', value ? spanOf(value) : effect.keySpan, `\`Effect\` must be \`"Allow"\` or \`"Deny"\`, not ${describeType(value)}.`);
    return;
  }
  const text = value.value as string;
  if (text === 'Allow' || text === 'Deny') return;
  const suggestion = nearestName(text, ['Allow', 'Deny']);
  context.report(
    'INVALID_EFFECT',
    spanOf(value),
    `Invalid \`Effect\` \`${text}\`: use \`Allow\` or \`Deny\` (case-sensitive).`,
    suggestion ? [replaceFix(`Change to \`${suggestion}\``, spanOf(value), jsonString(suggestion))] : undefined,
  );
}

/** Where to report a finding about a whole statement: its opening brace, so it stays short. */
function statementAnchor(statement: Statement): Span {
  return { offset: statement.span.offset, length: 1 };
}

function checkActionResource(context: CheckContext, statement: Statement): void {
  checkStringList(context, statement.action, 'Action');
  checkStringList(context, statement.notAction, 'NotAction');
  checkStringList(context, statement.resource, 'Resource');
  checkStringList(context, statement.notResource, 'NotResource');

  if (statement.action && statement.notAction) {
    context.report('UNSUPPORTED_ELEMENT_COMBINATION', statement.notAction.property.keySpan, 'A statement cannot have both `Action` and `NotAction`: keep one.');
  } else if (!statement.action && !statement.notAction) {
    context.report('MISSING_ACTION', statementAnchor(statement), 'The statement has no `Action` or `NotAction`: add the actions it applies to.');
  }

  if (statement.resource && statement.notResource) {
    context.report('UNSUPPORTED_ELEMENT_COMBINATION', statement.notResource.property.keySpan, 'A statement cannot have both `Resource` and `NotResource`: keep one.');
  }
  if (context.kind === 'trust') {
    // IAM User Guide, role trust policies: the role itself is the resource, so Resource is not allowed.
    for (const element of [statement.resource, statement.notResource]) {
      if (element) {
        context.report('ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE', element.property.keySpan, `A role trust policy cannot have \`${element.property.key}\`: the role is the resource. Remove it.`, [
          removePropertyFix(context, element.property),
        ]);
      }
    }
  } else if (!statement.resource && !statement.notResource && !impliesResource(context, statement)) {
    context.report('MISSING_RESOURCE', statementAnchor(statement), 'The statement has no `Resource` or `NotResource`: add the resources it applies to (`"*"` for all).');
  }
}

/**
 * Services whose resource policies apply to the resource they are attached to without naming it:
 * Amazon ECR repository policies have no `Resource` element (Amazon ECR User Guide, "Private
 * repository policies"), so requiring one would be a false error.
 */
const RESOURCE_IMPLIED_SERVICES = new Set(['ecr', 'ecr-public']);

function impliesResource(context: CheckContext, statement: Statement): boolean {
  if (context.kind !== 'resource') return false;
  const actions = statement.action?.values ?? [];
  return actions.length > 0 && actions.every((action) => RESOURCE_IMPLIED_SERVICES.has(action.value.split(':')[0]!.toLowerCase()));
}

/** A fix that removes a property with the comma that joins it to its neighbours. */
export function removePropertyFix(context: CheckContext, property: Property): Fix {
  const text = context.text;
  let start = property.span.offset;
  let end = property.span.offset + property.span.length;
  // Take the following comma (and whitespace) if there is one, else the preceding one.
  let after = end;
  while (after < text.length && /\s/.test(text[after]!)) after++;
  if (text[after] === ',') {
    end = after + 1;
    while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  } else {
    let before = start - 1;
    while (before >= 0 && /\s/.test(text[before]!)) before--;
    if (text[before] === ',') start = before;
  }
  // Remove the whole line when the property was alone on it.
  let lineStart = start;
  while (lineStart > 0 && (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t')) lineStart--;
  let lineEnd = end;
  while (lineEnd < text.length && (text[lineEnd] === ' ' || text[lineEnd] === '\t')) lineEnd++;
  if ((lineStart === 0 || text[lineStart - 1] === '\n') && text[lineEnd] === '\n') {
    start = lineStart;
    end = lineEnd + 1;
  }
  return { title: `Remove \`${property.key}\``, edits: [{ offset: start, length: end - start, newText: '' }], preferred: true };
}

function checkPrincipalShape(context: CheckContext, statement: Statement): void {
  for (const element of [statement.principal, statement.notPrincipal]) {
    if (!element) continue;
    const name = element.property.key;
    const value = element.property.value;
    if (!value) {
      context.report('MISSING_STATEMENT_ELEMENT_VALUE', element.property.keySpan, `\`${name}\` has no value: give \`"*"\` or an object such as \`{"AWS": "arn:aws:iam::123456789012:root"}\`.`);
      continue;
    }
    if (value.type === 'string') {
      if (value.value !== '*') {
        context.report('INVALID_PRINCIPAL_FORMAT', spanOf(value), `\`${name}\` as a string must be \`"*"\`; name principals in an object such as \`{"AWS": "${value.value}"}\`.`);
      }
      continue;
    }
    if (value.type !== 'object') {
      context.report('INVALID_PRINCIPAL_FORMAT', spanOf(value), `\`${name}\` must be \`"*"\` or an object keyed by \`AWS\`, \`Service\`, \`Federated\` or \`CanonicalUser\`, not ${describeType(value)}.`);
      continue;
    }
    if (element.entries.length === 0) {
      context.report('EMPTY_OBJECT_PRINCIPAL', spanOf(value), `\`${name}\` is an empty object: name at least one principal.`);
    }
    const seen = new Set<string>();
    for (const entry of element.entries) {
      if (seen.has(entry.type)) {
        context.report('DUPLICATE_KEY', entry.property.keySpan, `Duplicate principal type \`${entry.type}\`: only the last one takes effect. Merge the values into one array.`);
      }
      seen.add(entry.type);
      if (!PRINCIPAL_TYPES.includes(entry.type)) {
        const suggestion = nearestName(entry.type, PRINCIPAL_TYPES);
        context.report(
          'INVALID_PRINCIPAL_KEY',
          entry.property.keySpan,
          `Invalid principal type \`${entry.type}\`: use \`AWS\`, \`Service\`, \`Federated\` or \`CanonicalUser\`${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}.`,
          suggestion ? [replaceFix(`Change to \`${suggestion}\``, entry.property.keySpan, jsonString(suggestion))] : undefined,
        );
      }
      const entryValue = entry.property.value;
      if (!entryValue) {
        context.report('MISSING_STATEMENT_ELEMENT_VALUE', entry.property.keySpan, `Principal type \`${entry.type}\` has no value.`);
      } else if (entryValue.type === 'array' && (entryValue.children ?? []).length === 0) {
        context.report('EMPTY_ARRAY_PRINCIPAL', spanOf(entryValue), `The \`${entry.type}\` principal array is empty: name at least one principal or remove it.`);
      } else if (entryValue.type !== 'string' && entryValue.type !== 'array') {
        context.report('INVALID_TYPE', spanOf(entryValue), `Principal values must be strings, not ${describeType(entryValue)}.`);
      }
      for (const invalid of entry.invalid) {
        context.report('INVALID_TYPE', spanOf(invalid), `Principal values must be strings, not ${describeType(invalid)}.`);
      }
    }
  }
}

function checkPrincipalForKind(context: CheckContext, statement: Statement): void {
  const { kind } = context;
  const principal = statement.principal ?? statement.notPrincipal;
  if (statement.principal && statement.notPrincipal) {
    context.report('UNSUPPORTED_ELEMENT_COMBINATION', statement.notPrincipal.property.keySpan, 'A statement cannot have both `Principal` and `NotPrincipal`: keep one.');
  }
  if (PRINCIPAL_LESS_KINDS.has(kind)) {
    for (const element of [statement.principal, statement.notPrincipal]) {
      if (!element) continue;
      const fix = removePropertyFix(context, element.property);
      if (kind === 'scp') {
        context.report('SCP_SYNTAX_ERROR_PRINCIPAL', element.property.keySpan, `A service control policy cannot have \`${element.property.key}\`: an SCP applies to the principals of the accounts it is attached to. Remove it.`, [fix]);
      } else {
        context.report(
          'UNSUPPORTED_PRINCIPAL',
          element.property.keySpan,
          `${kind === 'identity' ? 'An identity' : kind === 'boundary' ? 'A permissions boundary' : 'A session'} policy cannot have \`${element.property.key}\`: the principal is the identity it is attached to. Remove it, or switch the policy type if this is a resource or trust policy.`,
          [fix],
        );
      }
    }
    return;
  }
  if (kind === 'rcp') {
    // IAM User Guide / Organizations: RCP statements must use "Principal": "*" (and no NotPrincipal).
    if (!statement.principal || statement.notPrincipal || statement.principal.wildcard?.value !== '*') {
      const span = (statement.notPrincipal ?? statement.principal)?.property.keySpan ?? statementAnchor(statement);
      context.report('RCP_SYNTAX_ERROR_PRINCIPAL', span, 'A resource control policy statement must have `"Principal": "*"`; limit principals with conditions such as `aws:PrincipalOrgID`.');
    }
    return;
  }
  if (!principal) {
    context.report(
      'MISSING_PRINCIPAL',
      statementAnchor(statement),
      kind === 'trust' ? 'A role trust policy statement needs a `Principal`: the account, role, user, service or identity provider that may assume the role.' : 'A resource policy statement needs a `Principal`: who the statement applies to.',
    );
  }
  if (kind === 'trust' && statement.notPrincipal) {
    context.report('ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL', statement.notPrincipal.property.keySpan, 'A role trust policy cannot use `NotPrincipal`: name the principals that may assume the role in `Principal`.');
  }
}

function checkRcpEffect(context: CheckContext, statement: Statement): void {
  if (context.kind !== 'rcp') return;
  // AWS Organizations, resource control policies: RCPs are deny-only and do not support NotAction.
  const effect = statement.effect?.value;
  if (effect?.type === 'string' && effect.value === 'Allow') {
    context.report('RCP_SYNTAX_ERROR_ALLOW', spanOf(effect), 'Resource control policies only support `Deny` statements: the `RCPFullAWSAccess` policy already allows everything.');
  }
  if (statement.notAction) {
    context.report('RCP_SYNTAX_ERROR_NOTACTION', statement.notAction.property.keySpan, 'Resource control policies do not support `NotAction`: list the actions to deny in `Action`.');
  }
}

function checkConditionShape(context: CheckContext, statement: Statement): void {
  const condition = statement.condition;
  if (!condition) return;
  const value = condition.property.value;
  if (!value) {
    context.report('MISSING_STATEMENT_ELEMENT_VALUE', condition.property.keySpan, '`Condition` has no value: give an object of operators, e.g. `{"StringEquals": {"aws:PrincipalTag/team": "ops"}}`.');
    return;
  }
  if (!condition.isObject) {
    context.report('INVALID_TYPE', spanOf(value), `\`Condition\` must be an object of condition operators, not ${describeType(value)}.`);
    return;
  }
  if (condition.operators.length === 0) {
    context.report('EMPTY_OBJECT_CONDITION', spanOf(value), 'The `Condition` object is empty: remove it or add a condition.', [removePropertyFix(context, condition.property)]);
  }
  const seen = new Set<string>();
  for (const operator of condition.operators) {
    if (seen.has(operator.operator)) {
      context.report('DUPLICATE_KEY', operator.operatorSpan, `Duplicate condition operator \`${operator.operator}\`: only the last one takes effect. Merge their keys into one block.`);
    }
    seen.add(operator.operator);
    const block = operator.property.value;
    if (!block) {
      context.report('MISSING_STATEMENT_ELEMENT_VALUE', operator.operatorSpan, `Condition operator \`${operator.operator}\` has no value: give an object of condition keys.`);
      continue;
    }
    if (!operator.isObject) {
      context.report('INVALID_TYPE', spanOf(block), `The value of \`${operator.operator}\` must be an object of condition keys and values, not ${describeType(block)}.`);
      continue;
    }
    if (operator.keys.length === 0) {
      context.report('EMPTY_OBJECT_CONDITION', spanOf(block), `The \`${operator.operator}\` block is empty: add a condition key or remove the operator.`);
    }
    const keys = new Set<string>();
    for (const key of operator.keys) {
      if (keys.has(key.key)) {
        context.report('DUPLICATE_KEY', key.keySpan, `Duplicate condition key \`${key.key}\` under \`${operator.operator}\`: only the last one takes effect. Merge the values into one array.`);
      }
      keys.add(key.key);
      const keyValue = key.property.value;
      if (!keyValue) {
        context.report('MISSING_STATEMENT_ELEMENT_VALUE', key.keySpan, `Condition key \`${key.key}\` has no value.`);
      }
      for (const invalid of key.invalid) {
        context.report('INVALID_TYPE', spanOf(invalid), `Condition values must be strings, numbers or booleans, not ${describeType(invalid)}.`);
      }
    }
  }
}

function checkStatementGrammar(context: CheckContext, statement: Statement, sids: Map<string, Property[]>): void {
  checkElementNames(context, statement.properties, STATEMENT_ELEMENTS, 'a statement');
  checkSid(context, statement, sids);
  checkEffect(context, statement);
  checkActionResource(context, statement);
  checkPrincipalShape(context, statement);
  checkPrincipalForKind(context, statement);
  checkRcpEffect(context, statement);
  checkConditionShape(context, statement);
}

function checkUniqueSids(context: CheckContext, sids: Map<string, Property[]>): void {
  for (const [sid, properties] of sids) {
    if (properties.length < 2) continue;
    const required = IAM_DOCUMENT_KINDS.has(context.kind);
    for (const property of properties.slice(1)) {
      const span = property.value ? spanOf(property.value) : property.keySpan;
      context.report(
        required ? 'UNIQUE_SIDS_REQUIRED' : 'UNIQUE_SIDS_RECOMMENDED',
        span,
        `Duplicate Sid \`${sid}\`: ${required ? 'this policy type requires unique statement IDs' : 'statement IDs should be unique'}. Rename one of the statements.`,
      );
    }
  }
}

/** The grammar family. */
export const grammarChecks: CheckFamily = {
  name: 'grammar',
  check(context) {
    checkTopLevel(context);
    const sids = new Map<string, Property[]>();
    for (const statement of context.document.statements) checkStatementGrammar(context, statement, sids);
    checkUniqueSids(context, sids);
  },
};
