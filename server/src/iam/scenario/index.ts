/**
 * Scenario (policy test) files: the public API of this folder. Pure: no I/O; policy files are read
 * through a `PolicyFileReader` the caller supplies.
 */
export { SCENARIO_FIELDS, parseScenario, resolvePrincipal } from './parseScenario';
export {
  isTemplateReference,
  namedPolicy,
  PolicySet,
  checkPolicyFiles,
  runScenario,
  runTest,
  scenarioWithTemplates,
  type DecidingStatement,
  type PolicyFileReader,
  type ResolvedPolicy,
  type TestResult,
  type TestStep,
} from './runScenario';
export { splitTemplateReference } from './scenarioTemplates';
export type * from './scenarioModel';
export { isUnreadableScenarioProblem } from './scenarioModel';
