/**
 * ARN templates of the Service Authorization Reference (`arn:${Partition}:s3:::${BucketName}`) turned
 * into snippets with placeholders, with the partition, Region and account filled from settings or
 * from the document, and matched against half-typed ARNs.
 */
import { escapeSnippet } from './candidate';

/** Values used for the well-known placeholders. */
export interface ArnDefaults {
  readonly partition: string;
  readonly account: string;
  /** A Region found in the document; when absent the Region stays a named placeholder. */
  readonly region?: string;
}

interface TemplatePart {
  readonly literal?: string;
  readonly placeholder?: string;
}

function parts(template: string): TemplatePart[] {
  const result: TemplatePart[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('${', i);
    if (open < 0) {
      result.push({ literal: template.slice(i) });
      break;
    }
    if (open > i) result.push({ literal: template.slice(i, open) });
    const close = template.indexOf('}', open);
    if (close < 0) {
      result.push({ literal: template.slice(open) });
      break;
    }
    result.push({ placeholder: template.slice(open + 2, close) });
    i = close + 1;
  }
  return result;
}

/** The label of a template: the partition filled in, other placeholders kept as `${Name}`. */
export function templateLabel(template: string, defaults: ArnDefaults): string {
  return parts(template)
    .map((p) => (p.literal !== undefined ? p.literal : p.placeholder === 'Partition' ? defaults.partition : `\${${p.placeholder}}`))
    .join('');
}

/**
 * The snippet of a template: every placeholder a tab stop, the partition, account and (when known)
 * Region pre-filled. Placeholder names are kept readable: `${2:BucketName}`.
 */
export function templateSnippet(template: string, defaults: ArnDefaults): string {
  let stop = 0;
  return parts(template)
    .map((p) => {
      if (p.literal !== undefined) return escapeSnippet(p.literal);
      stop++;
      const name = p.placeholder!;
      const value = name === 'Partition' ? defaults.partition : name === 'Account' ? defaults.account : name === 'Region' ? (defaults.region ?? 'region') : name;
      return `\${${stop}:${escapeSnippet(value)}}`;
    })
    .join('');
}

/**
 * The index of the placeholder that may hold a path (`${ObjectName}`, `${RoleNameWithPath}`), or -1:
 * the last placeholder, and only when the resource part of the template has a `/` of its own
 * (`bucket` has none, `bucket/object` has one).
 */
function pathPlaceholder(ps: readonly TemplatePart[]): number {
  let colons = 0;
  let slashInResource = false;
  for (const part of ps) {
    if (part.literal === undefined) continue;
    for (const c of part.literal) {
      if (c === ':') colons++;
      else if (c === '/' && colons >= 5) slashInResource = true;
    }
  }
  return slashInResource ? ps.map((p) => p.placeholder !== undefined).lastIndexOf(true) : -1;
}

/**
 * Whether `typed` can be the beginning of an ARN that the template describes (placeholders stand for
 * any text without `:`), e.g. `arn:aws:s3:::my-bucket/ke` for `arn:${Partition}:s3:::${BucketName}/${ObjectName}`.
 */
export function couldStartTemplate(typed: string, template: string): boolean {
  // reachable[i]: the first i typed characters can be produced by the template parts seen so far.
  // A placeholder absorbs any run of characters without `:`; the typed text may end anywhere.
  let reachable = new Uint8Array(typed.length + 1);
  reachable[0] = 1;
  const ps = parts(template);
  const path = pathPlaceholder(ps);
  for (const [index, part] of ps.entries()) {
    if (reachable[typed.length]) return true;
    const next = new Uint8Array(typed.length + 1);
    if (part.literal !== undefined) {
      const lit = part.literal;
      for (let i = 0; i <= typed.length; i++) {
        if (!reachable[i]) continue;
        const rest = typed.length - i;
        if (rest < lit.length) {
          if (lit.startsWith(typed.slice(i))) return true;
        } else if (typed.startsWith(lit, i)) next[i + lit.length] = 1;
      }
    } else {
      for (let i = 0; i <= typed.length; i++) {
        if (!reachable[i]) continue;
        next[i] = 1;
        for (let j = i; j < typed.length && typed.charCodeAt(j) !== 58 && (index === path || typed.charCodeAt(j) !== 47) && !reachable[j + 1]; j++) next[j + 1] = 1;
      }
    }
    reachable = next;
  }
  return reachable[typed.length] === 1;
}

/**
 * Whether a complete ARN (or ARN pattern) written in a policy fits the template. Placeholders match
 * one or more characters without `:`; a placeholder that is not the last also excludes `/`, so that a
 * bucket ARN does not look like an object ARN. Linear in practice: a small dynamic programme over
 * template parts and text positions, never a RegExp built from user text.
 */
export function matchesTemplate(arn: string, template: string): boolean {
  const ps = parts(template);
  const lastPlaceholder = pathPlaceholder(ps);
  // reachable[i] = the text prefix of length i can be produced by the parts seen so far.
  let reachable = new Uint8Array(arn.length + 1);
  reachable[0] = 1;
  ps.forEach((part, index) => {
    const next = new Uint8Array(arn.length + 1);
    if (part.literal !== undefined) {
      const lit = part.literal;
      for (let i = 0; i + lit.length <= arn.length; i++) {
        if (reachable[i] && arn.startsWith(lit, i)) next[i + lit.length] = 1;
      }
    } else {
      const isLast = index === lastPlaceholder;
      for (let i = 0; i < arn.length; i++) {
        if (!reachable[i]) continue;
        for (let j = i; j < arn.length; j++) {
          const c = arn.charCodeAt(j);
          if (c === 58) break;
          if (!isLast && c === 47) break;
          next[j + 1] = 1;
          if (next[j + 1] && reachable[j + 1] && j > i) break; // Already explored from here.
        }
      }
    }
    reachable = next;
  });
  return reachable[arn.length] === 1;
}
