/**
 * Scenario (policy test) files: the public API of this folder. Pure: no I/O; policy files are read
 * through a `PolicyFileReader` the caller supplies.
 */
export { SCENARIO_FIELDS, parseScenario, policyFileRefs, resolvePrincipal, resolveRole, statementSpansOf, type ScenarioParse, type ResolvedPrincipal } from './parseScenario';
export {
  BUILT_IN_POLICIES,
  namedPolicy,
  type NamedPolicy,
  PolicySet,
  checkPolicyFiles,
  meetsExpectation,
  runScenario,
  runTest,
  type DecidingStatement,
  type PolicyFileReader,
  type ResolvedPolicy,
  type RunOptions,
  type TestResult,
  type TestStep,
} from './runScenario';
export type * from './scenarioModel';
