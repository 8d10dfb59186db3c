/**
 * The extension's settings, typed once. Each setting is declared in package.json
 * (`contributes.configuration`) and here; `normalizeSettings` turns whatever the editor sends (or
 * nothing, for editors without workspace/configuration) into a complete, valid value, so no handler
 * ever sees a malformed setting.
 */
import { isPolicyKind, type PolicyKind } from './iam/document/policyKind';
import type { Severity } from './iam/validate';
import { isAccountId } from './iam/principals/principalParse';

/** A severity as a user may set it: one of ours, or `off`. */
export type SeveritySetting = Severity | 'off';

/** The settings under the `iamPolicy` section. */
export interface Settings {
  /** Per-code severity overrides, e.g. `{ "MISSING_VERSION": "error", "REDUNDANT_ACTION": "off" }`. */
  readonly severity: Readonly<Record<string, SeveritySetting>>;
  /**
   * Glob (matched against the workspace-relative path, or the file name) → policy kind. `auto`
   * marks files as policies without forcing a kind.
   */
  readonly policyTypes: Readonly<Record<string, PolicyKind | 'auto'>>;
  /** Actions to accept although the bundled catalog does not know them yet. */
  readonly extraActions: readonly string[];
  /** The most completion items returned at once; the list is marked incomplete beyond it. */
  readonly completionMaxItems: number;
  /** Default partition for ARN completion. */
  readonly defaultPartition: string;
  /** Account id used in ARN snippets when the document gives none. */
  readonly defaultAccount: string;
}

/** Default policy-type globs: file names that say what the policy is. */
const DEFAULT_POLICY_TYPES: Readonly<Record<string, PolicyKind | 'auto'>> = {
  '**/*scp*.json': 'scp',
  '**/*rcp*.json': 'rcp',
  '**/*boundary*.json': 'boundary',
  '**/*session-policy*.json': 'session',
  '**/*trust-policy*.json': 'trust',
  '**/*.iam.json': 'auto',
};

export const DEFAULT_SETTINGS: Settings = {
  severity: {},
  policyTypes: DEFAULT_POLICY_TYPES,
  extraActions: [],
  completionMaxItems: 200,
  defaultPartition: 'aws',
  defaultAccount: '123456789012',
};

const SEVERITIES = new Set(['error', 'warning', 'info', 'off']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Builds complete settings from whatever the client sent. Never throws. */
export function normalizeSettings(raw: unknown): Settings {
  const source = isRecord(raw) ? raw : {};
  const severity: Record<string, SeveritySetting> = {};
  if (isRecord(source.severity)) {
    for (const [code, value] of Object.entries(source.severity)) {
      if (typeof value === 'string' && SEVERITIES.has(value.toLowerCase())) severity[code] = value.toLowerCase() as SeveritySetting;
    }
  }
  let policyTypes: Record<string, PolicyKind | 'auto'> = { ...DEFAULT_POLICY_TYPES };
  if (isRecord(source.policyTypes)) {
    policyTypes = {};
    for (const [glob, value] of Object.entries(source.policyTypes)) {
      if (value === 'auto' || isPolicyKind(value)) policyTypes[glob] = value;
    }
  }
  const extraActions = Array.isArray(source.extraActions) ? source.extraActions.filter((item): item is string => typeof item === 'string') : [];
  const completion = isRecord(source.completion) ? source.completion : {};
  const maxItems = typeof completion.maxItems === 'number' && completion.maxItems >= 10 ? Math.min(Math.floor(completion.maxItems), 5000) : DEFAULT_SETTINGS.completionMaxItems;
  const arn = isRecord(source.arn) ? source.arn : {};
  const defaultPartition = typeof arn.defaultPartition === 'string' && arn.defaultPartition ? arn.defaultPartition : DEFAULT_SETTINGS.defaultPartition;
  const defaultAccount = typeof arn.defaultAccount === 'string' && isAccountId(arn.defaultAccount) ? arn.defaultAccount : DEFAULT_SETTINGS.defaultAccount;
  return { severity, policyTypes, extraActions, completionMaxItems: maxItems, defaultPartition, defaultAccount };
}
