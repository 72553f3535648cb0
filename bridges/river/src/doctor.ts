import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { DoctorCheck } from '@tributary/bridge-protocol';
import { loadSetup, SETUP_SCRIPT } from './python-env.js';

export type { DoctorCheck } from '@tributary/bridge-protocol';

/** Everything `tributary doctor` reports. */
export interface DoctorReport {
  /** True when every check is `ok`. */
  ok: boolean;
  checks: DoctorCheck[];
}

const BRIDGE_PACKAGES = ['river', 'capymoa', 'pyzmq', 'jsonschema'] as const;

/** Runs `command args` and returns its combined output, or null when it cannot run. */
function probe(command: string, args: string[]): string | null {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000 });
  if (r.error || r.status !== 0) return null;
  return `${r.stdout ?? ''}${r.stderr ?? ''}`;
}

/** Pinned versions from requirements.txt, by lowercase package name. */
function pins(requirementsFile: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(requirementsFile, 'utf8').split('\n')) {
    const m = /^([A-Za-z0-9_.-]+)==([^\s#]+)/.exec(line.trim());
    if (m) out[m[1].toLowerCase()] = m[2];
  }
  return out;
}

/** The shell command that runs the set-up script, relative to the current folder when shorter. */
function setupCommand(): string {
  const rel = relative(process.cwd(), SETUP_SCRIPT);
  return `node ${rel.length < SETUP_SCRIPT.length && !rel.startsWith('..') ? rel : SETUP_SCRIPT}`;
}

/** Checks of the Python side (River and CapyMOA bridges): interpreter, venv, pinned packages. */
export async function doctorChecks(): Promise<DoctorCheck[]> {
  const setup = await loadSetup();
  const status = setup.pythonEnvironmentStatus();
  const fix = setupCommand();
  const checks: DoctorCheck[] = [];
  checks.push(
    status.python
      ? { name: 'python', status: 'ok', version: status.python.version, detail: status.python.command, neededBy: ['river', 'capymoa'] }
      : {
          name: 'python',
          status: 'missing',
          detail: 'no Python ≥ 3.10 on PATH (tried python3.11, python3.12, python3, python; or set TRIBUTARY_PYTHON)',
          fix: 'apt-get install -y python3 python3-venv',
          neededBy: ['river', 'capymoa'],
        },
  );
  if (!status.venvPresent) {
    checks.push({ name: 'python-venv', status: 'missing', detail: `${status.venv} does not exist`, fix, neededBy: ['river', 'capymoa'] });
  } else if (!status.upToDate) {
    checks.push({ name: 'python-venv', status: 'outdated', detail: `${status.venv} was built from another requirements.txt or Python`, fix, neededBy: ['river', 'capymoa'] });
  } else {
    checks.push({ name: 'python-venv', status: 'ok', detail: status.venv, neededBy: ['river', 'capymoa'] });
  }
  const installed = status.venvPresent ? setup.installedVersions(status.venv) : {};
  const pinned = pins(setup.REQUIREMENTS_FILE);
  for (const name of BRIDGE_PACKAGES) {
    const version = installed[name] ?? null;
    const want = pinned[name];
    const neededBy = name === 'capymoa' ? ['capymoa'] : name === 'river' ? ['river'] : ['river', 'capymoa'];
    if (!version) checks.push({ name, status: 'missing', detail: `pinned ${want}`, fix, neededBy });
    else if (want && version !== want) checks.push({ name, status: 'outdated', version, detail: `pinned ${want}`, fix, neededBy });
    else checks.push({ name, status: 'ok', version, neededBy });
  }
  if (installed.torch) {
    checks.push({ name: 'torch', status: 'error', version: installed.torch, detail: 'PyTorch is in the venv but the bridge installs CapyMOA without it', fix: `${fix} --force` });
  }
  return checks;
}

/** Java, Maven and the MOA server, when `@tributary/bridge-moa` offers no checks of its own. */
function javaChecks(): DoctorCheck[] {
  const checks: DoctorCheck[] = [];
  const java = probe('java', ['-version']);
  const javaVersion = java ? /version "([^"]+)"/.exec(java)?.[1] : undefined;
  checks.push(
    java
      ? { name: 'java', status: 'ok', version: javaVersion, neededBy: ['moa', 'capymoa'] }
      : { name: 'java', status: 'missing', detail: 'no `java` on PATH (MOA and CapyMOA need a JDK/JRE ≥ 11)', fix: 'apt-get install -y openjdk-17-jdk-headless', neededBy: ['moa', 'capymoa'] },
  );
  const mvn = probe('mvn', ['-v']);
  const mvnVersion = mvn ? /Apache Maven ([^\s]+)/.exec(mvn.replace(/\u001b\[[0-9;]*m/g, ''))?.[1] : undefined;
  checks.push(
    mvn
      ? { name: 'maven', status: 'ok', version: mvnVersion, neededBy: ['moa'] }
      : { name: 'maven', status: 'missing', detail: 'no `mvn` on PATH (builds the MOA server)', fix: 'apt-get install -y maven', neededBy: ['moa'] },
  );
  const serverDir = join(dirname(dirname(dirname(SETUP_SCRIPT))), 'moa', 'server');
  const target = join(serverDir, 'target');
  const jars = existsSync(target) ? readdirSync(target).filter((f) => f.endsWith('.jar')) : [];
  if (!existsSync(join(serverDir, 'pom.xml'))) {
    checks.push({ name: 'moa-server', status: 'missing', detail: `no MOA server project at ${serverDir}`, neededBy: ['moa'] });
  } else {
    checks.push(
      jars.length
        ? { name: 'moa-server', status: 'ok', detail: join(target, jars[0]), neededBy: ['moa'] }
        : { name: 'moa-server', status: 'missing', detail: 'the MOA server is not built', fix: `mvn -q -f ${join(serverDir, 'pom.xml')} package -DskipTests`, neededBy: ['moa'] },
    );
  }
  return checks;
}

/**
 * What the bridges need, what is present and, for anything missing, the exact command that
 * fixes it: Python, the venv and its pinned packages (River, CapyMOA, pyzmq, jsonschema),
 * Java, Maven and the MOA server (from `@tributary/bridge-moa`'s `doctorChecks()` when it
 * exports one, else checked here with `java -version` and `mvn -v`).
 */
export async function doctorReport(): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [{ name: 'node', status: 'ok', version: process.versions.node }];
  checks.push(...(await doctorChecks()));
  let moaChecks: DoctorCheck[] | null = null;
  try {
    const moa = (await import('@tributary/bridge-moa' as string)) as { doctorChecks?: () => Promise<DoctorCheck[]> };
    if (typeof moa.doctorChecks === 'function') moaChecks = await moa.doctorChecks();
  } catch {
    // bridge-moa not installed or not loadable: check Java and Maven here
  }
  const names = new Set(checks.map((c) => c.name));
  for (const c of moaChecks ?? javaChecks()) if (!names.has(c.name)) checks.push(c);
  if (moaChecks && !checks.some((c) => c.name === 'java')) checks.push(...javaChecks().filter((c) => c.name === 'java'));
  return { ok: checks.every((c) => c.status === 'ok'), checks };
}

/** Plain-text rendering of a report: one line per check, then the commands that fix what is missing. */
export function formatDoctorReport(report: DoctorReport): string {
  const mark = { ok: 'ok      ', missing: 'MISSING ', outdated: 'OUTDATED', error: 'ERROR   ' } as const;
  const lines = report.checks.map((c) => {
    const what = [c.version, c.detail].filter(Boolean).join(' — ');
    return `${mark[c.status]} ${c.name.padEnd(12)} ${what}${c.neededBy ? `  (for ${c.neededBy.join(', ')})` : ''}`;
  });
  const fixes = [...new Set(report.checks.filter((c) => c.status !== 'ok' && c.fix).map((c) => c.fix as string))];
  if (fixes.length) lines.push('', 'To fix:', ...fixes.map((f) => `  ${f}`));
  else lines.push('', 'Everything the bridges need is present.');
  return lines.join('\n');
}
