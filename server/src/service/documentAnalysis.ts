/**
 * Decides what a document is (a policy, a scenario file, or JSON that is not ours) and analyses
 * policies: parse, kind, validation. Pure: the caller passes the document text, its path relative to
 * the workspace and the settings for it.
 */
import { Minimatch } from 'minimatch';
import type { ParseResult } from '../iam/document/model';
import { parsePolicy } from '../iam/document/parse';
import { looksLikePolicy, resolvePolicyKind, type DetectedKind, type PolicyKind } from '../iam/document/policyKind';
import { validatePolicy, type ValidationResult } from '../iam/validate';
import { analyzeHostDocument, TEMPLATE_EXTENSIONS, type HostAnalysis } from '../iam/sources/hostDocument';
import type { SamTemplateExpander } from '../iam/sources/cloudformation/template';
import type { Settings } from '../settings';

/** Scenario (policy test) files are recognised by name. */
const SCENARIO_FILE_SUFFIX = '.iamtest.json';

export type DocumentRole = 'policy' | 'scenario' | 'template' | 'other';

/** Everything the service knows about one document version. */
export interface DocumentAnalysis {
  readonly role: DocumentRole;
  readonly parse: ParseResult;
  /** Set for policies. */
  readonly kind?: DetectedKind;
  /** Set for policies; for templates, every embedded policy's findings in host offsets. */
  readonly validation?: ValidationResult;
  /** Set for templates: the policies they embed, each analysed. */
  readonly host?: HostAnalysis;
  /** Set for a policy embedded in a template: the sample of the account the template deploys into. */
  readonly hostAccount?: string;
}

/** The inputs that decide the analysis besides the text. */
export interface AnalysisInput {
  readonly text: string;
  /** The path used for glob settings: workspace-relative when possible, else absolute. */
  readonly path: string;
  readonly settings: Settings;
  /** A kind chosen by the user for this document (status-bar picker). */
  readonly override?: PolicyKind;
  /** AWS managed policies are exempt from customer size quotas. */
  readonly awsManaged?: boolean;
  /** False to parse and classify only (large documents are validated off the main thread). */
  readonly validate?: boolean;
  /** Expands SAM policy templates (from the catalog), when available. */
  readonly expandSamTemplate?: SamTemplateExpander;
}

/** A compiled glob: a predicate on a `/`-separated path. */
type PathMatcher = (path: string) => boolean;

/** Compiled matchers of one `policyTypes` setting, in its order; a malformed glob matches nothing. */
type CompiledPolicyTypes = ReadonlyArray<readonly [matcher: PathMatcher, kind: PolicyKind | 'auto']>;

// Compiling a glob costs far more than matching it (a CLI run over 1,600 files spent a quarter of its
// time compiling the same six globs), so each settings object's globs are compiled once, to minimatch's
// regular expression where it has one (its own `match` walks the path segments, several times slower).
const compiledPolicyTypes = new WeakMap<Settings['policyTypes'], CompiledPolicyTypes>();

function compileGlob(glob: string): PathMatcher {
  const matchBase = !glob.includes('/');
  const minimatcher = new Minimatch(glob, { dot: true, nocase: true, matchBase });
  const pattern = minimatcher.makeRe();
  if (!pattern) return (path) => minimatcher.match(path);
  // `matchBase`: a glob without `/` is matched against the last path segment, as minimatch does.
  return matchBase ? (path) => pattern.test(path.slice(path.lastIndexOf('/') + 1)) : (path) => pattern.test(path);
}

function compilePolicyTypes(policyTypes: Settings['policyTypes']): CompiledPolicyTypes {
  let compiled = compiledPolicyTypes.get(policyTypes);
  if (!compiled) {
    compiled = Object.entries(policyTypes).map(([glob, kind]) => {
      try {
        return [compileGlob(glob), kind] as const;
      } catch {
        // A malformed glob in user settings matches nothing rather than breaking analysis.
        return [() => false, kind] as const;
      }
    });
    compiledPolicyTypes.set(policyTypes, compiled);
  }
  return compiled;
}

/** The policy-type glob setting that matches a path, if any: the last matching glob wins. */
export function kindFromSettings(path: string, settings: Settings): PolicyKind | 'auto' | undefined {
  let result: PolicyKind | 'auto' | undefined;
  const normalized = path.replace(/\\/g, '/');
  for (const [matches, kind] of compilePolicyTypes(settings.policyTypes)) {
    try {
      if (matches(normalized)) result = kind;
    } catch {
      // A matcher that fails on some path matches nothing rather than breaking analysis.
    }
  }
  return result;
}

export function isScenarioPath(path: string): boolean {
  return path.toLowerCase().endsWith(SCENARIO_FILE_SUFFIX);
}

/** Analyses a document. Never throws for any text. */
export function analyzeDocument(input: AnalysisInput): DocumentAnalysis {
  if (isScenarioPath(input.path)) return { role: 'scenario', parse: parsePolicy(input.text) };
  const fromSettings = kindFromSettings(input.path, input.settings);
  // A template is a template whatever its name: the policy-type globs name standalone policies.
  if (TEMPLATE_EXTENSIONS.test(input.path)) {
    const host = analyzeHostDocument(input.text, { extraActions: input.settings.extraActions, override: input.override, validate: input.validate, expandSamTemplate: input.expandSamTemplate }, input.path);
    if (host) return templateAnalysis(input.text, host);
  }
  const parse = parsePolicy(input.text);
  const isPolicy = fromSettings !== undefined || input.override !== undefined || looksLikePolicy(parse.document);
  if (!isPolicy) return { role: 'other', parse };
  const kind = resolvePolicyKind(parse.document, input.override, fromSettings === 'auto' ? undefined : fromSettings);
  if (input.validate === false) return { role: 'policy', parse, kind };
  const validation = validatePolicy(parse, { kind: kind.kind, extraActions: input.settings.extraActions, awsManaged: input.awsManaged });
  return { role: 'policy', parse, kind, validation };
}

/** A parse result that holds only the text: templates are not policies themselves. */
function textOnlyParse(text: string): ParseResult {
  return { document: { text, properties: [], statementShape: 'missing', statements: [], comments: [] }, problems: [] };
}

function templateAnalysis(text: string, host: HostAnalysis): DocumentAnalysis {
  const parse = textOnlyParse(text);
  return { role: 'template', parse, host, validation: { parse, findings: host.findings, errors: host.errors } };
}
