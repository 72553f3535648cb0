// Shared by the bridge tests: is a Python for the venv there? Under CI a missing Python
// is a failure (the bridges must be tested for real); elsewhere the tests are skipped
// with a message saying why.
import { loadSetup } from '../src/python-env.js';

const setup = await loadSetup();
const found = setup.findPython();
const inCi = process.env.CI === 'true' || process.env.CI === '1';

if (!found && inCi) {
  throw new Error('CI=true and no Python ≥ 3.10 was found: the River/CapyMOA bridge tests must run in CI (install python3 and python3-venv, or set TRIBUTARY_PYTHON)');
}
if (!found) {
  process.stderr.write('[bridge tests] SKIPPED: no Python ≥ 3.10 found (tried TRIBUTARY_PYTHON, python3.11, python3.12, python3, python); outside CI only\n');
}

/** True when the River/CapyMOA bridge tests can run. */
export const pythonAvailable = found !== null;

/** True when `java` runs (CapyMOA needs it); under CI its absence fails the CapyMOA tests. */
export const javaAvailable = (await import('node:child_process')).spawnSync('java', ['-version']).status === 0;
if (!javaAvailable && inCi) throw new Error('CI=true and `java` was not found: the CapyMOA bridge tests must run in CI (apt-get install -y openjdk-17-jdk-headless)');
