/**
 * Checks of `Resource` and `NotResource` values: the ARN's shape and each of its fields against the
 * catalog's ARN formats and the Region table (IAM User Guide, "IAM identifiers" → "ARNs" and "IAM JSON
 * policy elements: Resource"; Access Analyzer policy check reference, errors "Invalid ARN prefix",
 * "Missing ARN field", "Invalid partition", "Invalid ARN service case", "Invalid ARN Region", "Invalid
 * ARN account", "Invalid ARN resource", "ARN Region not allowed", "ARN account not allowed", "Missing
 * ARN Region", "Missing ARN account"; suggestions "Empty array resource", "Redundant resource",
 * "Wildcard in service name").
 *
 * IAM allows `*`, `?` and policy variables in any field of a Resource ARN; such a field is never
 * reported as invalid, and the format checks treat it as matching anything.
 */
import type { StringListElement, StringValue } from '../../../document/model';
import { spanOf } from '../../../document/model';
import { service as catalogService, suggestServices } from '../../../catalog/catalog';
import { isKnownPartition, isKnownRegion, partitionOfRegion, partitions, regionsOf } from '../../../catalog/regions';
import { arnTemplatesOf, fieldFits, isKnownArnService, isVariableField, matchArnTemplates, splitArnFields, type ArnTemplate, type ParsedArn } from '../../../arn/arnParse';
import { hasWildcard } from '../../../arn/wildcard';
import { runTracked, type CheckContext } from '../../engine/checkContext';
import type { Fix } from '../../engine/findings';
import { nearestName, editDistance } from '../../../spelling/nearestName';
import { findRedundantEntries } from './actionChecks';
import { hasExactText, contentSpan, removeEntryFix, replaceValueFix } from './actionResourceEdits';

/** What a checked resource value is, for the statement-level checks (resource-type fit). */
export interface ResourceAnalysis {
  readonly value: StringValue;
  readonly arn: ParsedArn;
  /** The templates the whole ARN can match (service, Region, account and resource). */
  readonly templates: readonly ArnTemplate[];
}

/** Well-formed Region codes: `us-east-1`, `ap-southeast-5`, `us-gov-west-1`, `eusc-de-east-1`. */
const REGION_SHAPE = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;

function replaceFieldFix(context: CheckContext, value: StringValue, start: number, length: number, newText: string, title: string): Fix {
  if (hasExactText(context, value)) {
    return { title, edits: [{ offset: value.span.offset + 1 + start, length, newText }], preferred: true };
  }
  const text = value.value;
  return replaceValueFix(value, text.slice(0, start) + newText + text.slice(start + length), title);
}

/** The span of a field, or of the colon where an empty field sits, so the finding is visible. */
function fieldSpan(context: CheckContext, value: StringValue, offset: number, length: number) {
  return length > 0 ? contentSpan(context, value, offset, length) : contentSpan(context, value, Math.max(0, offset - 1), 1);
}

/**
 * Resource texts that produced no finding, with their analysis (null when not a usable ARN, such as
 * `*`). The same values are checked on every keystroke, so a clean value costs one map lookup.
 */
const cleanResources = new Map<string, { arn: ParsedArn; templates: readonly ArnTemplate[] } | null>();

/** Checks one Resource/NotResource value; returns its analysis when it is a usable ARN. */
function checkResourceValue(context: CheckContext, value: StringValue): ResourceAnalysis | undefined {
  // API Gateway resource policies may abbreviate the API's own ARN as `execute-api:/STAGE/METHOD/PATH`
  // (API Gateway Developer Guide, "API Gateway resource policy examples"); the service expands it.
  // Checked before the cache, whose entries do not depend on the policy kind.
  if (context.kind === 'resource' && value.value.startsWith('execute-api:/')) return undefined;
  const hit = cleanResources.get(value.value);
  if (hit !== undefined) return hit ? { value, arn: hit.arn, templates: hit.templates } : undefined;
  const { result: analysis, reported } = runTracked(context, (tracking) => checkResourceText(tracking, value));
  if (!reported) {
    if (cleanResources.size > 20000) cleanResources.clear();
    cleanResources.set(value.value, analysis ? { arn: analysis.arn, templates: analysis.templates } : null);
  }
  return analysis;
}

function checkResourceText(context: CheckContext, value: StringValue): ResourceAnalysis | undefined {
  const text = value.value;
  if (text === '*' || text === '') {
    if (text === '') context.report('INVALID_ARN_PREFIX', value.span, 'The resource is empty: give an ARN, or `*` for all resources.');
    return undefined;
  }
  const fields = splitArnFields(text);
  const prefix = fields[0]!.text;
  if (prefix !== 'arn') {
    // A wildcard or variable may stand for `arn:...` only if the literal text before it could begin
    // `arn` (`a*`, `*`, `${aws:x}`); `bucket/*` can never become an ARN.
    if (isVariableField(prefix)) {
      const literal = prefix.split(/[*?]|\$\{/)[0]!.toLowerCase();
      if ('arn'.startsWith(literal) || fields.length > 1) return undefined;
    }
    if (prefix.toLowerCase() === 'arn') {
      context.report('INVALID_ARN_PREFIX', contentSpan(context, value, 0, 3), `ARNs start with lower-case \`arn:\`, not \`${prefix}:\`.`, [
        replaceFieldFix(context, value, 0, 3, 'arn', 'Change to `arn`'),
      ]);
    } else if (isKnownPartition(prefix) && fields.length >= 5) {
      context.report('INVALID_ARN_PREFIX', value.span, `Resource \`${text}\` lacks the \`arn:\` prefix.`, [replaceValueFix(value, `arn:${text}`, 'Add `arn:`')]);
    } else {
      context.report('INVALID_ARN_PREFIX', value.span, `Resource \`${text}\` is not an ARN: resources are ARNs starting with \`arn:\`, or \`*\` for all.`);
    }
    return undefined;
  }
  if (fields.length < 6) {
    // A trailing wildcard may be meant to stand for the remaining fields; IAM still needs all six.
    const missing = 6 - fields.length;
    const fix = missingFieldsFix(value, fields.map((f) => f.text));
    context.report(
      'MISSING_ARN_FIELD',
      value.span,
      `Resource \`${text}\` has ${fields.length} of the 6 ARN fields \`arn:partition:service:region:account:resource\`: add the missing ${missing === 1 ? 'field' : 'fields'} (leave Region or account empty where the format has none).`,
      fix ? [fix] : undefined,
    );
    return undefined;
  }
  const arn: ParsedArn = { prefix: fields[0]!, partition: fields[1]!, service: fields[2]!, region: fields[3]!, account: fields[4]!, resource: fields[5]! };
  checkPartition(context, value, arn);
  const serviceText = arn.service.text;
  if (serviceText === '') {
    context.report('MISSING_ARN_FIELD', fieldSpan(context, value, arn.service.offset, 0), `Resource \`${text}\` has an empty service field: name the service, e.g. \`s3\`.`);
    return undefined;
  }
  if (isVariableField(serviceText)) {
    if (hasWildcard(serviceText)) {
      context.report(
        'WILDCARD_IN_SERVICE_NAME',
        contentSpan(context, value, arn.service.offset, serviceText.length),
        `Avoid wildcards in the service name of \`${text}\`: it may match resources of other services with similar names. Name the service.`,
      );
    }
    checkRegionField(context, value, arn);
    checkAccountField(context, value, arn, undefined);
    return undefined;
  }
  if (!isKnownArnService(serviceText)) {
    if (!catalogService(serviceText)) {
      const suggestion = suggestServices(serviceText, 1)[0];
      context.report(
        'INVALID_SERVICE',
        contentSpan(context, value, arn.service.offset, serviceText.length),
        `The service \`${serviceText}\` in resource \`${text}\` does not exist${suggestion ? `: did you mean \`${suggestion.prefix}\`?` : '.'}`,
        suggestion ? [replaceFieldFix(context, value, arn.service.offset, serviceText.length, suggestion.prefix, `Change to \`${suggestion.prefix}\``)] : undefined,
      );
    }
    checkRegionField(context, value, arn);
    checkAccountField(context, value, arn, undefined);
    return undefined;
  }
  if (serviceText !== serviceText.toLowerCase()) {
    const lower = serviceText.toLowerCase();
    context.report('INVALID_ARN_SERVICE_CASE', contentSpan(context, value, arn.service.offset, serviceText.length), `Write the service \`${serviceText}\` in the resource ARN in lower case: \`${lower}\`.`, [
      replaceFieldFix(context, value, arn.service.offset, serviceText.length, lower, `Change to \`${lower}\``),
    ]);
  }
  const regionOk = checkRegionField(context, value, arn);
  const accountOk = checkAccountField(context, value, arn, serviceText);
  const resourceText = arn.resource.text;
  if (resourceText === '') {
    context.report('MISSING_ARN_FIELD', fieldSpan(context, value, arn.resource.offset, 0), `Resource \`${text}\` has an empty resource part: name the resource, or use \`*\`.`);
    return undefined;
  }
  const matched = matchArnTemplates(serviceText, resourceText);
  if (matched.length === 0) {
    reportUnmatchedResource(context, value, arn);
    return undefined;
  }
  // Region and account presence follow the formats the resource part matches (S3 buckets have
  // neither; IAM has no Region). Only reported when every matching format agrees.
  const region = arn.region.text;
  if (regionOk && !isVariableField(region)) {
    if (region !== '' && matched.every((t) => t.region === '')) {
      context.report(
        'ARN_REGION_NOT_ALLOWED',
        contentSpan(context, value, arn.region.offset, region.length),
        `The ${describeTypes(matched)} ARN has no Region: remove \`${region}\` (\`${matched[0]!.template}\`).`,
        [replaceFieldFix(context, value, arn.region.offset, region.length, '', 'Remove the Region')],
      );
    } else if (region === '' && matched.every((t) => t.region !== '')) {
      context.report('MISSING_ARN_REGION', fieldSpan(context, value, arn.region.offset, 0), `The ${describeTypes(matched)} ARN needs a Region (\`${matched[0]!.template}\`): add one, or \`*\` for any.`);
    }
  }
  const account = arn.account.text;
  if (accountOk && !isVariableField(account)) {
    if (account !== '' && matched.every((t) => t.account === '')) {
      context.report(
        'ARN_ACCOUNT_NOT_ALLOWED',
        contentSpan(context, value, arn.account.offset, account.length),
        `The ${describeTypes(matched)} ARN has no account ID: remove \`${account}\` (\`${matched[0]!.template}\`).`,
        [replaceFieldFix(context, value, arn.account.offset, account.length, '', 'Remove the account ID')],
      );
    } else if (account === '' && matched.every((t) => t.account !== '') && !looksAwsOwned(resourceText)) {
      context.report('MISSING_ARN_ACCOUNT', fieldSpan(context, value, arn.account.offset, 0), `The ${describeTypes(matched)} ARN needs an account ID (\`${matched[0]!.template}\`): add the 12-digit ID, or \`*\`.`);
    }
  }
  const templates = matched.filter((t) => fieldFits(region, t.region) && fieldFits(account, t.account));
  return { value, arn, templates };
}

/** The resource type token of a resource part: the text before the first `/` or `:`. */
function typeToken(resource: string): string {
  const end = resource.search(/[/:]/);
  return end < 0 ? resource : resource.slice(0, end);
}

/**
 * A resource part that matches no documented format. The Service Authorization Reference lists one
 * format per resource type, while services accept more (AWS managed policies use `recovery-point:*`,
 * `/v2/apis/*`, `stack/name` without its ID), so only a fully literal value whose resource type token
 * no format of the service uses is an error (Access Analyzer, "Error – Invalid ARN resource"); other
 * mismatches are a warning that the format is undocumented.
 */
function reportUnmatchedResource(context: CheckContext, value: StringValue, arn: ParsedArn): void {
  const service = arn.service.text.toLowerCase();
  const resourceText = arn.resource.text;
  const span = contentSpan(context, value, arn.resource.offset, resourceText.length);
  const example = nearestTemplate(service, resourceText);
  const nearest = example ? `; the nearest is \`${example}\`` : '';
  const templates = arnTemplatesOf(service);
  const token = typeToken(resourceText);
  const tokens = templates.map((t) => typeToken(t.resource));
  const openStart = tokens.some((t) => t.includes('${') || t.includes('*'));
  const literal = !isVariableField(resourceText);
  if (literal && !openStart && token !== '' && !tokens.some((t) => t.toLowerCase() === token.toLowerCase())) {
    context.report('INVALID_ARN_RESOURCE', span, `\`${token}\` is not a resource type of \`${service}\` ARNs: the resource part \`${resourceText}\` matches no ARN format of the service${nearest}.`);
    return;
  }
  const sameTokenOtherCase = tokens.find((t) => t !== token && t.toLowerCase() === token.toLowerCase());
  context.report(
    'UNDOCUMENTED_ARN_FORMAT',
    span,
    sameTokenOtherCase
      ? `ARNs are case-sensitive: \`${service}\` writes \`${sameTokenOtherCase}\`, not \`${token}\`${nearest}.`
      : `The resource part \`${resourceText}\` matches no ARN format that the Service Authorization Reference documents for \`${service}\`${nearest}.`,
  );
}

/**
 * Whether a resource part may name AWS-owned resources, which live outside any customer account and
 * have an empty account field (`document/AWS-RunShellScript`, `parameter/aws/service/...`,
 * `view/AWSServiceView...`): the name looks like AWS's, or starts with a wildcard and may be AWS's.
 */
function looksAwsOwned(resource: string): boolean {
  const name = resource.slice(typeToken(resource).length + 1);
  if (name === '' || name.startsWith('*') || name.startsWith('?') || name.startsWith('${')) return true;
  return name.split('/').some((segment) => /^(aws|amazon)/i.test(segment));
}

function describeTypes(templates: readonly ArnTemplate[]): string {
  // Other services list some foreign resource types too (EC2 lists `iam:role` for instance
  // profiles); name the owning service's types when there are any.
  const owner = templates[0] ? templates.filter((t) => t.template.split(':')[2] === t.service) : [];
  const names = [...new Set((owner.length > 0 ? owner : templates).map((t) => `\`${t.service}:${t.resourceType}\``))];
  return names.length <= 2 ? names.join(' / ') : `${names.slice(0, 2).join(' / ')} / ...`;
}

function checkPartition(context: CheckContext, value: StringValue, arn: ParsedArn): void {
  const partition = arn.partition.text;
  if (isVariableField(partition) || isKnownPartition(partition)) return;
  const suggestion = partition === '' ? 'aws' : nearestName(partition, partitions());
  context.report(
    'INVALID_PARTITION',
    fieldSpan(context, value, arn.partition.offset, partition.length),
    partition === ''
      ? `Resource \`${value.value}\` has an empty partition: use \`aws\` (or \`aws-cn\`, \`aws-us-gov\`, ...).`
      : `\`${partition}\` is not an AWS partition${suggestion ? `: did you mean \`${suggestion}\`?` : `; use one of ${partitions().map((p) => `\`${p}\``).join(', ')}.`}`,
    suggestion ? [replaceFieldFix(context, value, arn.partition.offset, partition.length, suggestion, `Change to \`${suggestion}\``)] : undefined,
  );
}

/** Checks the Region field on its own; returns false when it reported a problem. */
/**
 * Whether an unknown but well-formed Region code could be one opened after the data was made. AWS
 * numbers the Regions of an area in order (`ap-southeast-5`, then `-6`, `-7`), so a new one is a new
 * area or the next number of a known area; `us-east-9` is neither and is reported as invalid.
 */
function plausibleNewRegion(code: string): boolean {
  const match = /^(.*)-(\d+)$/.exec(code);
  if (!match) return false;
  const area = match[1]!;
  const number = Number(match[2]);
  let highest = 0;
  const words = new Set<string>();
  for (const partition of partitions()) {
    for (const known of regionsOf(partition)) {
      const knownMatch = /^(.*)-(\d+)$/.exec(known.code);
      if (!knownMatch) continue;
      if (knownMatch[1] === area) highest = Math.max(highest, Number(knownMatch[2]));
      for (const word of knownMatch[1]!.split('-').slice(1)) words.add(word);
    }
  }
  if (highest > 0) return number <= highest + 2;
  // A new area keeps the words of the existing ones after its country code (`mx-central`,
  // `ap-southeast`); `us-eats` is a typo, not a new area.
  return number <= 2 && area.split('-').slice(1).every((word) => words.has(word));
}

function checkRegionField(context: CheckContext, value: StringValue, arn: ParsedArn): boolean {
  const region = arn.region.text;
  if (region === '' || isVariableField(region)) return true;
  const span = contentSpan(context, value, arn.region.offset, region.length);
  if (!isKnownRegion(region)) {
    const lower = region.toLowerCase();
    if (lower !== region && isKnownRegion(lower)) {
      context.report('INVALID_ARN_REGION', span, `Region codes are lower case: \`${lower}\`.`, [replaceFieldFix(context, value, arn.region.offset, region.length, lower, `Change to \`${lower}\``)]);
      return false;
    }
    if (REGION_SHAPE.test(region) && plausibleNewRegion(region)) {
      // regions.ts: a well-formed code that the table does not know may be a Region opened since.
      context.report('UNKNOWN_ARN_REGION', span, `\`${region}\` is not in this version's Region table: check it, or ignore this if the Region is new.`);
      return true;
    }
    const known = isKnownPartition(arn.partition.text) ? regionsOf(arn.partition.text).map((r) => r.code) : [];
    const suggestion = known.length > 0 ? nearestName(region, known) : undefined;
    context.report(
      'INVALID_ARN_REGION',
      span,
      `\`${region}\` is not a Region code${suggestion ? `: did you mean \`${suggestion}\`?` : ' (e.g. `us-east-1`).'}`,
      suggestion ? [replaceFieldFix(context, value, arn.region.offset, region.length, suggestion, `Change to \`${suggestion}\``)] : undefined,
    );
    return false;
  }
  const partition = arn.partition.text;
  if (isKnownPartition(partition) && partitionOfRegion(region) !== partition) {
    context.report('INVALID_ARN_REGION', span, `The Region \`${region}\` is in partition \`${partitionOfRegion(region)}\`, not \`${partition}\`: fix the partition or the Region.`);
    return false;
  }
  return true;
}

/** Checks the account field on its own; returns false when it reported a problem. */
function checkAccountField(context: CheckContext, value: StringValue, arn: ParsedArn, service: string | undefined): boolean {
  const account = arn.account.text;
  if (account === '' || isVariableField(account) || /^\d{12}$/.test(account)) return true;
  // AWS-owned resources use a literal account such as `aws` (`arn:aws:iam::aws:policy/...`); accept
  // the literal accounts the service's formats document, and `aws` for IAM's managed policies.
  // AWS-owned resources use the account `aws`: IAM managed policies (`arn:aws:iam::aws:policy/...`),
  // SageMaker public hubs, CloudFormation transforms; other literal accounts only where documented.
  if (account === 'aws') return true;
  if (service !== undefined && arnTemplatesOf(service).some((t) => t.account === account)) return true;
  const digits = account.replace(/[-\s]/g, '');
  const fix = /^\d{12}$/.test(digits) ? [replaceFieldFix(context, value, arn.account.offset, account.length, digits, `Change to \`${digits}\``)] : undefined;
  context.report('INVALID_ARN_ACCOUNT', contentSpan(context, value, arn.account.offset, account.length), `The account ID \`${account}\` is not valid: use the 12-digit account ID, or \`*\`.`, fix);
  return false;
}

/** A fix for an ARN with too few fields: insert empty Region/account fields after the service when that matches a format. */
function missingFieldsFix(value: StringValue, parts: readonly string[]): Fix | undefined {
  if (parts.length < 4) return undefined;
  const [prefix, partition, service] = parts;
  const rest = parts.slice(3).join(':');
  const missing = 6 - parts.length;
  const candidate = `${prefix}:${partition}:${service}:${':'.repeat(missing)}${rest}`;
  const reparsed = splitArnFields(candidate);
  if (reparsed.length !== 6 || isVariableField(service!)) return undefined;
  const ok = matchArnTemplates(service!, reparsed[5]!.text).some((t) => fieldFits(reparsed[3]!.text, t.region) && fieldFits(reparsed[4]!.text, t.account));
  return ok ? replaceValueFix(value, candidate) : undefined;
}

/** The template of `service` whose resource part starts most like `resource`, for the message. */
function nearestTemplate(service: string, resource: string): string | undefined {
  const head = (s: string) => s.split(/[/:]/, 1)[0]!;
  const wanted = head(resource);
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(wanted.length / 3)) + 1;
  for (const t of arnTemplatesOf(service)) {
    const d = editDistance(wanted.toLowerCase(), head(t.resource).toLowerCase(), bestDistance);
    if (d < bestDistance) {
      bestDistance = d;
      best = t.resource;
    }
  }
  return best;
}

/** The group of a resource value for redundancy checks: the ARN up to its resource part. */
function resourceGroup(text: string): string | undefined {
  if (text === '*') return undefined;
  const fields = splitArnFields(text);
  if (fields.length < 6) return undefined;
  const head = fields.slice(0, 5).map((f) => f.text);
  return head.some((f) => isVariableField(f)) ? undefined : head.join(':');
}

/** Checks a Resource or NotResource element; returns the analyses of its usable ARNs. */
export function checkResourceElement(context: CheckContext, element: StringListElement, name: 'Resource' | 'NotResource'): ResourceAnalysis[] {
  const value = element.property.value;
  if (element.isArray && element.values.length === 0 && element.invalid.length === 0 && value) {
    // Access Analyzer, "Suggestion – Empty array resource".
    context.report(
      'EMPTY_ARRAY_RESOURCE',
      spanOf(value),
      name === 'Resource'
        ? 'The `Resource` array is empty, so the statement matches no resource and has no effect: list the resources, or `"*"`.'
        : 'The `NotResource` array is empty, so the statement applies to every resource: list the resources to exclude.',
    );
  }
  const analyses: ResourceAnalysis[] = [];
  for (const entry of element.values) {
    const analysis = checkResourceValue(context, entry);
    if (analysis) analyses.push(analysis);
  }
  if (element.values.length > 1) {
    for (const { value: redundant, coveredBy } of findRedundantEntries(element.values, false, resourceGroup)) {
      const fix = removeEntryFix(context, element, redundant, `Remove \`${redundant.value}\``);
      context.report(
        'REDUNDANT_RESOURCE',
        redundant.span,
        redundant.value === coveredBy.value
          ? `\`${redundant.value}\` is listed twice in \`${name}\`: remove the duplicate.`
          : `\`${redundant.value}\` is redundant: \`${coveredBy.value}\` in the same \`${name}\` already covers it. Remove it.`,
        fix ? [fix] : undefined,
      );
    }
  }
  return analyses;
}
