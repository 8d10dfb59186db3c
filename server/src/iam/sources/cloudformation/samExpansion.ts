/**
 * SAM policy templates (`S3ReadPolicy: {BucketName: !Ref B}`) expanded into the policy they stand
 * for, from SAM's published policy template definitions in the catalog. As SAM's translator does
 * (`to_statement`), each one-key `{"Ref": P}` naming a parameter of the template is replaced by the
 * value the template gives it; the result is resolved like any other policy of the template, so the
 * parameter's `!Ref MyBucket` becomes the bucket of this template. The definition's own text is not in
 * the template: its nodes all map to the template reference, where findings then land.
 */
import { samPolicyTemplate } from '../../catalog/samPolicyTemplates';
import type { HostEntry, HostNode, HostRange } from '../hostTree';

/** Expands a SAM policy template, or undefined when the name is not a known template or a parameter is missing. */
export function expandSamTemplateNode(name: string, parameters: HostNode | undefined, range: HostRange): HostNode | undefined {
  const template = samPolicyTemplate(name);
  if (!template) return undefined;
  const given = new Map<string, HostNode>();
  if (parameters?.kind === 'map') for (const entry of parameters.entries) if (entry.value) given.set(entry.key, entry.value);
  if (template.parameters.some((parameter) => !given.has(parameter))) return undefined;
  const convert = (value: unknown, depth: number): HostNode => {
    if (depth > 32) return { kind: 'scalar', range, value: null, style: 'other' };
    if (Array.isArray(value)) return { kind: 'seq', range, items: value.map((item) => convert(item, depth + 1)) };
    if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value);
      const record = value as Record<string, unknown>;
      if (keys.length === 1 && keys[0] === 'Ref' && typeof record.Ref === 'string' && given.has(record.Ref)) return given.get(record.Ref)!;
      const entries: HostEntry[] = keys.map((key) => ({ key, keyRange: range, value: convert(record[key], depth + 1), range }));
      return { kind: 'map', range, entries };
    }
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return { kind: 'scalar', range, value, style: 'other' };
    return { kind: 'scalar', range, value: null, style: 'other' };
  };
  const document = convert(template.definition, 0);
  if (document.kind !== 'map') return undefined;
  // SAM writes the statements into a policy document with Version 2012-10-17.
  if (document.entries.some((entry) => entry.key === 'Version')) return document;
  return { ...document, entries: [{ key: 'Version', keyRange: range, value: { kind: 'scalar', range, value: '2012-10-17', style: 'other' }, range }, ...document.entries] };
}
