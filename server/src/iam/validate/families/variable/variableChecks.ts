/**
 * Check family `variable`: policy variable syntax wherever variables are
 * allowed (Resource, NotResource and condition values), variables in elements that do not support
 * them, and variables in a policy whose language version ignores them.
 *
 * Sources: IAM User Guide, "IAM policy elements: Variables and tags" ("You can use policy variables
 * in the Resource element and in string comparisons in the Condition element"; variables need
 * `"Version": "2012-10-17"`); Access Analyzer "Missing brace in variable", "Missing quote in
 * variable", "Unsupported space in variable", "Empty variable", "Variable unsupported in element",
 * "Variable unsupported in version".
 */
import type { Span, StringValue } from '../../../document/model';
import { spanOf } from '../../../document/model';
import { parsePolicyVariables, type VariableProblem } from '../../../conditions/policyVariables';
import type { CheckContext, CheckFamily } from '../../engine/checkContext';
import type { Fix } from '../../engine/findings';

/**
 * Maps offsets inside a string's content to document offsets, or undefined when the literal has
 * JSON escapes (then findings land on the whole literal instead).
 */
function contentMapper(context: CheckContext, span: Span, value: string): ((offset: number) => number) | undefined {
  const raw = context.text.slice(span.offset + 1, span.offset + span.length - 1);
  return raw === value ? (offset) => span.offset + 1 + offset : undefined;
}

function problemSpan(context: CheckContext, span: Span, value: string, problem: { offset: number; length: number }): Span {
  const map = contentMapper(context, span, value);
  return map ? { offset: map(problem.offset), length: problem.length } : span;
}

function reportProblem(context: CheckContext, span: Span, value: string, problem: VariableProblem): void {
  const at = problemSpan(context, span, value, problem);
  const exact = at !== span;
  const fix = (title: string, text: string): Fix[] | undefined => (exact ? [{ title, edits: [{ offset: at.offset, length: at.length, newText: text }], preferred: true }] : undefined);
  const written = value.slice(problem.offset, problem.offset + problem.length);
  switch (problem.kind) {
    case 'missingBrace':
      context.report('MISSING_BRACE_IN_VARIABLE', at, `The policy variable \`${written}\` is missing its closing \`}\`: add \`}\` after the variable name.`);
      break;
    case 'empty':
      context.report('EMPTY_VARIABLE', at, 'Empty policy variable `${}`: put a variable name inside the braces or remove it.', fix('Remove the empty variable', ''));
      break;
    case 'space':
      context.report('UNSUPPORTED_SPACE_IN_VARIABLE', at, `A space is not supported in the policy variable name \`${written}\`: remove it.`, problem.replacement ? fix(`Change to \`${problem.replacement}\``, problem.replacement) : undefined);
      break;
    case 'missingQuote':
      context.report(
        'MISSING_QUOTE_IN_VARIABLE',
        at,
        `The default value in \`${written}\` must begin and end with a single quote${problem.replacement ? `: write \`${problem.replacement}\`` : ''}.`,
        problem.replacement ? fix(`Change to \`${problem.replacement}\``, problem.replacement) : undefined,
      );
      break;
  }
}

/** Checks variable syntax in a value where variables are allowed; returns whether it holds any. */
function checkAllowed(context: CheckContext, value: StringValue | { value: string; span: Span }): boolean {
  if (!value.value.includes('${')) return false;
  const parsed = parsePolicyVariables(value.value);
  for (const problem of parsed.problems) reportProblem(context, value.span, value.value, problem);
  return parsed.variables.length > 0 || parsed.problems.length > 0;
}

function reportUnsupportedElement(context: CheckContext, element: string, value: StringValue): void {
  if (!value.value.includes('${')) return;
  context.report('VARIABLE_UNSUPPORTED_IN_ELEMENT', value.span, `Policy variables are supported in the \`Resource\` and \`Condition\` elements, not in \`${element}\`: remove the variable from \`${value.value}\`.`);
}

/** Runs the variable checks over the whole document. */
function checkVariables(context: CheckContext): void {
  const { document } = context;
  let firstVariable: Span | undefined;
  const note = (span: Span) => {
    if (!firstVariable) firstVariable = span;
  };
  for (const statement of document.statements) {
    for (const element of [statement.resource, statement.notResource]) {
      for (const value of element?.values ?? []) if (checkAllowed(context, value)) note(value.span);
    }
    for (const operator of statement.condition?.operators ?? []) {
      for (const key of operator.keys) {
        for (const value of key.values) {
          if (value.type !== 'string' || typeof value.value !== 'string') continue;
          if (checkAllowed(context, { value: value.value, span: value.span })) note(value.span);
        }
      }
    }
    for (const element of [statement.action, statement.notAction]) {
      for (const value of element?.values ?? []) reportUnsupportedElement(context, element!.property.key, value);
    }
    for (const principal of [statement.principal, statement.notPrincipal]) {
      if (!principal) continue;
      if (principal.wildcard) reportUnsupportedElement(context, principal.property.key, principal.wildcard);
      for (const entry of principal.entries) for (const value of entry.values) reportUnsupportedElement(context, principal.property.key, value);
    }
    const sid = statement.sid?.value;
    if (sid?.type === 'string' && typeof sid.value === 'string') reportUnsupportedElement(context, 'Sid', { value: sid.value, span: spanOf(sid), node: sid });
  }
  if (firstVariable) checkVariablesNeedVersion(context, firstVariable);
}

/**
 * VARIABLE_UNSUPPORTED_IN_VERSION: with `"Version": "2008-10-17"` or no Version, `${...}` is literal
 * text (IAM User Guide, "IAM JSON policy elements: Version" and "Variables and tags").
 */
function checkVariablesNeedVersion(context: CheckContext, at: Span): void {
  const version = context.document.version;
  const value = version?.value;
  if (value?.type === 'string' && value.value === '2012-10-17') return;
  if (version && value?.type === 'string' && value.value !== '2008-10-17') return; // INVALID_VERSION covers other values.
  const fixes: Fix[] | undefined = value ? [{ title: 'Change to `"2012-10-17"`', edits: [{ offset: value.offset, length: value.length, newText: '"2012-10-17"' }], preferred: true }] : undefined;
  context.report(
    'VARIABLE_UNSUPPORTED_IN_VERSION',
    value ? spanOf(value) : at,
    `Policy variables need \`"Version": "2012-10-17"\`: ${value ? 'with `2008-10-17`' : 'without a Version'} \`${context.text.slice(at.offset + 1, at.offset + Math.min(at.length - 1, 60))}\` is literal text.`,
    fixes,
  );
}

/** The variable family. */
export const variableChecks: CheckFamily = {
  name: 'variable',
  check: checkVariables,
};
