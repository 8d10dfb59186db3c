/**
 * The condition keys that name the source of an AWS service principal's request: the resource or
 * account the service acts for, so that it cannot be made to act for someone else (IAM User Guide,
 * "The confused deputy problem"). Read by the principal check family (RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL)
 * and by the access findings (SERVICE_ACCESS_WITHOUT_SOURCE), so that both agree on what bounds a
 * service.
 *
 * - Every service: `aws:SourceArn`, `aws:SourceAccount`, `aws:SourceOrgID`, `aws:SourceOrgPaths`
 *   (Access Analyzer policy check reference, "Security Warning – Restrict access to service
 *   principal"), and `aws:SourceOwner`, the account key that Amazon S3 and Amazon SES set on the
 *   notifications they send (Amazon SNS Developer Guide, "Example cases for Amazon SNS access
 *   control").
 * - Alexa, which invokes a Lambda function for a custom skill (`alexa-appkit.amazon.com`) or a Smart
 *   Home skill (`alexa-connectedhome.amazon.com`), names its source by the skill ID, which the
 *   function's permission holds as its event-source token (Lambda API Reference, AddPermission,
 *   `EventSourceToken`; Alexa Skills Kit, "Host a Custom Skill as an AWS Lambda Function", skill ID
 *   verification): `lambda:EventSourceToken` in the permission's policy.
 */

/** The global keys, lower-cased. */
const SOURCE_KEYS: ReadonlySet<string> = new Set(['aws:sourcearn', 'aws:sourceaccount', 'aws:sourceorgid', 'aws:sourceorgpaths', 'aws:sourceowner']);

/** Service principals whose source is named by a key of their own, with that key as AWS writes it. */
const OWN_SOURCE_KEYS: ReadonlyMap<string, string> = new Map([
  ['alexa-appkit.amazon.com', 'lambda:EventSourceToken'],
  ['alexa-connectedhome.amazon.com', 'lambda:EventSourceToken'],
]);

/** The key of its own that names the source of every one of `services`, when they share one (Alexa's skill ID). */
export function ownSourceKey(services: readonly string[]): string | undefined {
  const keys = new Set(services.map((service) => OWN_SOURCE_KEYS.get(service.toLowerCase())));
  const [only] = keys;
  return keys.size === 1 ? only : undefined;
}

/** Whether a condition key (any case) names the source of every one of `services`. */
export function namesServiceSource(key: string, services: readonly string[]): boolean {
  const lower = key.toLowerCase();
  return SOURCE_KEYS.has(lower) || ownSourceKey(services)?.toLowerCase() === lower;
}
