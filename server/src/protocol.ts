/**
 * The custom requests and notifications between client and server, typed once and imported by both
 * sides. The client imports from the server only this file: method names, parameter types and the
 * policy kind names and labels, which the core defines and this file passes on.
 */
import type { PolicyKind, KindSource } from './iam/document/policyKind';

export { POLICY_KINDS, POLICY_KIND_LABELS, type PolicyKind, type KindSource } from './iam/document/policyKind';

/** Server → client: what the server made of a document, for the status bar. */
export const DocumentKindNotification = 'iam/documentKind';

export interface DocumentKindParams {
  readonly uri: string;
  /**
   * `policy`, `scenario`, `template` (a CloudFormation/SAM template: see `policies`) or `other`
   * (not ours: no status bar item).
   */
  readonly role: 'policy' | 'scenario' | 'template' | 'other';
  readonly kind?: PolicyKind;
  readonly source?: KindSource;
  /** Size counted the way the quota of the kind counts it, and the quota. */
  readonly size?: { readonly characters: number; readonly quota?: number };
  /** The date of the bundled IAM data (Service Authorization Reference snapshot), e.g. `2026-09-26`. */
  readonly dataDate?: string;
  /** For templates: each embedded policy, so that the status bar can show the one under the cursor. */
  readonly policies?: readonly EmbeddedPolicyInfo[];
}

/** One policy embedded in a template. */
export interface EmbeddedPolicyInfo {
  /** Where it sits: a JSON Pointer into the template, e.g. `/Resources/AppRole/Properties/AssumeRolePolicyDocument`. */
  readonly pointer: string;
  /** A short label, e.g. `AppRole trust policy`. */
  readonly label: string;
  readonly kind: PolicyKind;
  readonly range: ProtocolRange;
  readonly size?: { readonly characters: number; readonly quota?: number };
}

/** Client → server: set (or clear, with `kind: null`) the in-memory kind override of a document. */
export const SetPolicyKindRequest = 'iam/setPolicyKind';

export interface SetPolicyKindParams {
  readonly uri: string;
  readonly kind: PolicyKind | null;
}

/** Client → server: the policy summary of a document (markdown for the summary view). */
export const PolicySummaryRequest = 'iam/policySummary';

export interface PolicySummaryParams {
  readonly uri: string;
  /** For a template: the embedded policy (its JSON Pointer); all of them when absent. */
  readonly pointer?: string;
}

export interface PolicySummaryResult {
  readonly markdown: string;
}

/** Client → server: evaluate a request against the policy in a document (see evaluate/types.ts). */
export const SimulateRequest = 'iam/simulate';

export interface SimulateParams {
  readonly uri: string;
  /** For a template: the embedded policy to simulate against (its JSON Pointer). */
  readonly pointer?: string;
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly context?: Record<string, string | string[]>;
  /** Derive aws:PrincipalArn and friends from the principal first (and report what was derived). */
  readonly deriveContext?: boolean;
}

export interface SimulateResult {
  readonly decision: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny' | 'Error';
  /** One line for a notification. */
  readonly summary: string;
  /** The full explanation (markdown). */
  readonly explanation: string;
  /** Ranges of the deciding statements in the document, for highlighting. */
  readonly decidingRanges: ReadonlyArray<{ readonly start: { line: number; character: number }; readonly end: { line: number; character: number } }>;
  readonly derived?: readonly string[];
}

/** Client → server: the statement actions and resources of a document, to offer in the simulate input. */
export const SimulationChoicesRequest = 'iam/simulationChoices';

export interface SimulationChoicesResult {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly principals: readonly string[];
}

/** The command a scenario test's code lens runs; its single argument is `ShowTestResultArguments`. */
export const ShowTestResultCommand = 'iamPolicy.showTestResult';

/** A range in a document (0-based lines and characters, as in LSP). */
export interface ProtocolRange {
  readonly start: { line: number; character: number };
  readonly end: { line: number; character: number };
}

/** Everything `iamPolicy.showTestResult` needs: the lens carries it, the server keeps no handle. */
export interface ShowTestResultArguments {
  /** The one-line result, as the lens shows it. */
  readonly title: string;
  /** The full explanation (markdown): every step, its decision, derived context and deciding statements. */
  readonly explanation: string;
  /** The deciding statement to reveal, when there is one. */
  readonly target?: { readonly uri: string; readonly range: ProtocolRange };
}

/** The command offered after a simulation; its single argument is `SaveSimulationAsTestArguments`. */
export const SaveSimulationAsTestCommand = 'iamPolicy.saveSimulationAsTest';

/** A simulation to keep as a scenario test. */
export interface SaveSimulationAsTestArguments {
  /** The simulated policy document. */
  readonly uri: string;
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly context?: Record<string, string | string[]>;
  /** The decision the simulation gave: it becomes the test's `expect`. */
  readonly decision: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';
}

/**
 * Client → server: the edit that appends a simulation as a test to a scenario file (which may not
 * exist yet: then the edit creates it), attaching the simulated policy where its type says.
 */
export const ScenarioAddTestRequest = 'iam/scenarioAddTest';

export interface ScenarioAddTestParams {
  /** The scenario file (`*.iamtest.json`); created when it does not exist. */
  readonly scenarioUri: string;
  readonly simulation: SaveSimulationAsTestArguments;
  /** A name for the test; defaults to one made from the request. */
  readonly name?: string;
}

export interface ScenarioAddTestResult {
  /** A `WorkspaceEdit` (LSP JSON) to apply, or undefined with `error`. */
  readonly edit?: unknown;
  readonly error?: string;
}

/** Client → server: the user has trusted the workspace; the server may now read referenced files. */
export const WorkspaceTrustedNotification = 'iam/workspaceTrusted';

/** Client → server: what a policy document grants or removes compared with git HEAD or another text. */
export const AccessDiffRequest = 'iam/accessDiff';

export interface AccessDiffParams {
  readonly uri: string;
  /** `{git: 'HEAD'}`: the file at that revision; `{text, label}`: a given policy (another file, the clipboard). */
  readonly against: { readonly git: string } | { readonly text: string; readonly label: string };
}

export interface AccessDiffResult {
  /** The report as Markdown (the same as `iam-policy diff --format markdown`), or why there is none. */
  readonly markdown: string;
  readonly verdict?: 'no-new-access' | 'new-access' | 'undecided';
}

/** The command that opens the access diff view: arguments `(uri?: string, against?: 'HEAD')`. */
export const CompareAccessCommand = 'iamPolicy.compareAccess';

/** One test of a scenario file, where it is written. */
export interface ScenarioTestInfo {
  /** Its index in the file's `tests`. */
  readonly index: number;
  readonly name: string;
  /** The test object's range in the scenario file. */
  readonly range: ProtocolRange;
}

/**
 * Client → server: the tests of a scenario file (`*.iamtest.json`), and with `run` their results
 * and with `coverage` the statement coverage, run by the same core as `iam-policy test`. The client
 * sends the scenario's text (an open document's unsaved text, or the file's); policy files are read
 * relative to the scenario as for the code lenses (open documents' unsaved text first).
 */
export const RunScenarioRequest = 'iam/runScenario';

export interface RunScenarioParams {
  readonly uri: string;
  readonly text: string;
  /** Run the tests (else only list them). */
  readonly run?: boolean;
  /** Only these tests (indexes into `tests`); all when absent. */
  readonly tests?: readonly number[];
  /** Also compute statement coverage (needs `run`). */
  readonly coverage?: boolean;
}

/** The result of one test. */
export interface ScenarioTestOutcome extends ScenarioTestInfo {
  /** `passed`, `failed`, or `errored` (the test could not run: a missing policy file, an unknown name). */
  readonly outcome: 'passed' | 'failed' | 'errored';
  /** The expected decision as written (`Allow`, `Deny`, `ExplicitDeny`, `ImplicitDeny`). */
  readonly expected: string;
  /** The decision (`Error` when the test could not run). */
  readonly actual: string;
  /** The one-line result, as the code lens shows it. */
  readonly summary: string;
  /** The full explanation (markdown). */
  readonly explanation: string;
  /** The deciding statement (or the test itself when none decided). */
  readonly location?: { readonly uri: string; readonly range: ProtocolRange };
}

/** The statements of one file (a policy file, a template, or a scenario for inline policies) and the tests each decided. */
export interface FileCoverageInfo {
  readonly uri: string;
  readonly statements: ReadonlyArray<{
    readonly range: ProtocolRange;
    /** `statement \`Sid\`` or `statement 2`, and of which policy when the file holds several. */
    readonly label: string;
    readonly effect?: string;
    /** Names of the tests it decided (`scenario file: test`). */
    readonly tests: readonly string[];
  }>;
}

export interface RunScenarioResult {
  readonly tests: readonly ScenarioTestInfo[];
  /** Set with `run`: one per run test, in test order. */
  readonly results?: readonly ScenarioTestOutcome[];
  /** Problems of the file as a whole (not valid JSON, too deep), which keep its tests from running. */
  readonly error?: string;
  /** Set with `coverage`. */
  readonly coverage?: readonly FileCoverageInfo[];
}

/**
 * Client → server: explain an AccessDenied message against the workspace's scenario that defines
 * the caller (or the given policy), with the smallest verified fix (as `iam-policy explain-denied`).
 */
export const ExplainDeniedRequest = 'iam/explainDenied';

export interface ExplainDeniedParams {
  readonly message: string;
  /** Scenario files to take the caller's policies from: the first that defines the caller is used. */
  readonly scenarios?: ReadonlyArray<{ readonly uri: string; readonly text: string }>;
  /** An open policy document to use as the caller's identity-based policy when no scenario defines the caller. */
  readonly policyUri?: string;
}

export interface ExplainDeniedResult {
  /**
   * `fix`, `explicit-deny`, `guardrail` (an SCP, RCP, boundary, session or endpoint policy denies),
   * `not-reproduced` (the policies allow it), `no-fix`, or `unreadable` (not an AccessDenied message).
   */
  readonly status: 'fix' | 'explicit-deny' | 'guardrail' | 'not-reproduced' | 'no-fix' | 'unreadable';
  /** The explanation (markdown). */
  readonly markdown: string;
  /** Which kinds of policy deny (`identity`, `resource`, `scp`, `boundary`, ...). */
  readonly deniedBy: readonly string[];
  /** The scenario file used, if any. */
  readonly scenarioUri?: string;
  /** Every scenario file that defines the caller, in the order given, when there are several (`scenarioUri` is one of them). */
  readonly callerScenarioUris?: readonly string[];
  /** The decision simulated with the fix applied (set with a fix). */
  readonly verifiedDecision?: string;
  /** The fixes that edit policy files: a `WorkspaceEdit` (LSP JSON) per target file. */
  readonly edits?: ReadonlyArray<{ readonly uri: string; readonly description: string; readonly edit: unknown }>;
  /** A fix that needs a new policy: its JSON text, to open as a new document. */
  readonly newPolicy?: string;
}

/** Client → server: a least-privilege policy from actions, AccessDenied messages or CloudTrail records (as `iam-policy generate`). */
export const GeneratePolicyRequest = 'iam/generatePolicy';

export interface GeneratePolicyParams {
  readonly text: string;
  /** Wildcards only where they cover exactly listed actions in the bundled data (`--compact`). */
  readonly compact?: boolean;
}

export interface GeneratePolicyResult {
  /** The policy's JSON text, or undefined with `error`. */
  readonly policy?: string;
  /** Inputs left out, notes, the wildcards `compact` used and validation findings: one line each. */
  readonly notes: readonly string[];
  readonly error?: string;
}

/**
 * Server → client: the text of a workspace file, read by the client with `vscode.workspace.fs`. The
 * server asks for the policy files that scenario files reference when it cannot read them itself:
 * always in the browser (vscode.dev, github.dev), and on Node for files that are not on a local disk.
 * The server asks only for files inside the workspace of a trusted workspace.
 */
export const ReadFileRequest = 'iam/readFile';

export interface ReadFileParams {
  readonly uri: string;
}

/** The file's UTF-8 text, or why there is none. */
export type ReadFileResult = { readonly text: string } | { readonly missing: 'notFound' | 'notFile' | 'unreadable'; readonly reason?: string };
