/**
 * The actions a request can name, as a finite universe: every action of the service catalog plus
 * the literal action names the analysed policies mention that the catalog does not know. Action
 * elements become membership arrays over that universe, matched as the evaluator matches them
 * (case-insensitive, `*` and `?` wildcards; "IAM JSON policy elements: Action", "NotAction").
 */
import { expandActionPattern } from '../catalog/catalog';
import { matchWildcard } from '../arn/wildcard';
import type { PatternSet } from './statements';

interface CatalogUniverse {
  readonly names: readonly string[];
  readonly indexByLower: ReadonlyMap<string, number>;
  /** Index range of each service's actions, keyed by lower-case prefix. */
  readonly ranges: ReadonlyMap<string, readonly [number, number]>;
}

let catalogUniverse: CatalogUniverse | undefined;

function catalog(): CatalogUniverse {
  if (catalogUniverse) return catalogUniverse;
  const names: string[] = [];
  const indexByLower = new Map<string, number>();
  const ranges = new Map<string, [number, number]>();
  for (const action of expandActionPattern('*')) {
    const prefix = action.service.toLowerCase();
    const range = ranges.get(prefix);
    if (range) range[1] = names.length + 1;
    else ranges.set(prefix, [names.length, names.length + 1]);
    indexByLower.set(action.fullName.toLowerCase(), names.length);
    names.push(action.fullName);
  }
  catalogUniverse = { names, indexByLower, ranges };
  return catalogUniverse;
}

function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

/** The action universe of one analysis. */
export class ActionSpace {
  readonly names: string[];
  private readonly extraByLower = new Map<string, number>();
  private readonly base: CatalogUniverse;

  /** `mentioned`: every action pattern of the analysed policies; literal unknown names join the universe. */
  constructor(mentioned: Iterable<string>) {
    this.base = catalog();
    this.names = [...this.base.names];
    for (const pattern of mentioned) {
      if (hasWildcard(pattern) || !/^[^:\s]+:[^:\s]+$/.test(pattern)) continue;
      const lower = pattern.toLowerCase();
      if (this.base.indexByLower.has(lower) || this.extraByLower.has(lower)) continue;
      this.extraByLower.set(lower, this.names.length);
      this.names.push(pattern);
    }
  }

  get size(): number {
    return this.names.length;
  }

  /** The index of a literal action name, if it is in the universe. */
  indexOf(action: string): number | undefined {
    const lower = action.toLowerCase();
    return this.base.indexByLower.get(lower) ?? this.extraByLower.get(lower);
  }

  /** Marks every action one pattern matches. */
  private mark(pattern: string, into: Uint8Array): void {
    if (pattern === '*') {
      into.fill(1);
      return;
    }
    if (!hasWildcard(pattern)) {
      const index = this.indexOf(pattern);
      if (index !== undefined) into[index] = 1;
      return;
    }
    const colon = pattern.indexOf(':');
    const prefix = colon > 0 ? pattern.slice(0, colon) : undefined;
    if (prefix !== undefined && !hasWildcard(prefix)) {
      const range = this.base.ranges.get(prefix.toLowerCase());
      if (range) for (let i = range[0]; i < range[1]; i++) if (matchWildcard(pattern, this.names[i]!, true)) into[i] = 1;
    } else {
      for (let i = 0; i < this.base.names.length; i++) if (matchWildcard(pattern, this.names[i]!, true)) into[i] = 1;
    }
    for (const index of this.extraByLower.values()) if (matchWildcard(pattern, this.names[index]!, true)) into[index] = 1;
  }

  /** The membership array of an `Action` or `NotAction` element. */
  members(set: PatternSet): Uint8Array {
    const into = new Uint8Array(this.size);
    for (const pattern of set.patterns) this.mark(pattern, into);
    if (set.not) for (let i = 0; i < into.length; i++) into[i] = into[i] ? 0 : 1;
    return into;
  }

  /** Whether a single action name is matched by a pattern set (for names outside the universe too). */
  static matches(set: PatternSet, action: string): boolean {
    const any = set.patterns.some((pattern) => matchWildcard(pattern, action, true));
    return set.not ? !any : any;
  }

  /**
   * A short list that names exactly the given actions: `*` for all, `service:*` for a whole
   * service, otherwise the names.
   */
  compress(indexes: readonly number[]): string[] {
    if (indexes.length === this.size) return ['*'];
    const chosen = new Set(indexes);
    const out: string[] = [];
    const done = new Set<number>();
    for (const [prefix, [from, to]] of this.base.ranges) {
      let all = true;
      for (let i = from; i < to && all; i++) if (!chosen.has(i)) all = false;
      if (all) {
        out.push(`${this.names[from]!.slice(0, prefix.length)}:*`);
        for (let i = from; i < to; i++) done.add(i);
      }
    }
    for (const index of [...indexes].sort((a, b) => a - b)) if (!done.has(index)) out.push(this.names[index]!);
    return out;
  }
}
