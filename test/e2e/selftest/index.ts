/** Entry of the harness self-test suite (runs against the stub extension in fixtures/). */
import { runMochaIn } from '../suite/mochaHost';

export function run(): Promise<void> {
  return runMochaIn(__dirname);
}
