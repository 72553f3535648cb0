import type { DoctorCheck } from '@tributary/bridge-protocol';
import { loadSetup, type MoaServerStatus } from './moa-server.js';

/**
 * What the MOA bridge needs and has: Java and Maven versions, whether the server jar is built
 * and up to date, the MOA/JeroMQ versions it bundles, and the commands that fix what is missing.
 */
export async function moaStatus(): Promise<MoaServerStatus> {
  return (await loadSetup()).moaServerStatus();
}

/** Lines of `tributary doctor` for the MOA bridge. */
export async function doctorChecks(): Promise<DoctorCheck[]> {
  const status = await moaStatus();
  const neededBy = ['moa'];
  const checks: DoctorCheck[] = [];
  if (!status.java) {
    checks.push({ name: 'java', status: 'missing', detail: 'no java on PATH (or set JAVA_HOME / TRIBUTARY_JAVA); the MOA bridge needs Java 17+', fix: status.installJava, neededBy });
  } else if (status.java.major < 17) {
    checks.push({ name: 'java', status: 'outdated', version: status.java.version, detail: `${status.java.command} is Java ${status.java.major}; Java 17+ is needed`, fix: status.installJava, neededBy });
  } else {
    checks.push({ name: 'java', status: 'ok', version: status.java.version, detail: status.java.command, neededBy });
  }
  checks.push(
    status.maven
      ? { name: 'maven', status: 'ok', version: status.maven.version, detail: status.maven.command, neededBy }
      : { name: 'maven', status: 'missing', detail: 'no mvn on PATH (or set TRIBUTARY_MVN); needed to build the MOA server once', fix: status.installJava, neededBy },
  );
  if (!status.jarPresent) {
    checks.push({ name: 'moa-server', status: 'missing', detail: `${status.jar} is not built`, fix: status.fix, neededBy });
  } else if (!status.upToDate) {
    checks.push({ name: 'moa-server', status: 'outdated', detail: `${status.jar} is older than bridges/moa/server sources (it is rebuilt on first use)`, fix: status.fix, neededBy });
  } else {
    const v = status.versions;
    checks.push({ name: 'moa-server', status: 'ok', version: `MOA ${v.moa ?? '?'}, JeroMQ ${v.jeromq ?? '?'}, sizeofag ${v.sizeofag ?? '?'}`, detail: status.jar, neededBy });
  }
  return checks;
}
