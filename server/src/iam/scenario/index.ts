/**
 * Scenario (policy test) files: the public API of this folder. Pure: no I/O; policy files are read
 * through a `PolicyFileReader` the caller supplies.
 */
export { SCENARIO_FIELDS, parseScenario, resolvePrincipal } from './parseScenario';
export {
  namedPolicy,
  PolicySet,
  checkPolicyFiles,
  runScenario,
  runTest,
  type DecidingStatement,
  type PolicyFileReader,
  type ResolvedPolicy,
  type TestResult,
  type TestStep,
} from './runScenario';
export type * from './scenarioModel';
export { isUnreadableScenarioProblem } from './scenarioModel';
