import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

/** Versions and machine facts stored with each (resumed) run. Unknown values are null. */
export interface EnvironmentInfo {
  /** Version of the Tributary packages (the benchmark package's). */
  tributary: string | null;
  node: string;
  /** River's `__version__` in the Python the River bridge uses. */
  river: string | null;
  /** MOA version (from the jar the MOA bridge uses). */
  moa: string | null;
  python: string | null;
  java: string | null;
  /** `type release arch`. */
  os: string;
  /** CPU model name. */
  cpu: string;
  /** Logical CPUs available to the process. */
  cpuCount: number;
  /** Total memory, in bytes. */
  memoryBytes: number;
  /** Anything else worth keeping (DuckDB version, hostname, executables used). */
  details: Record<string, unknown>;
}

/**
 * Collects the environment. The bridges know best which Python packages and
 * MOA jar they run; plain probes (`python3`, `java`) stand in when a bridge is
 * absent. Each probe has a short timeout and yields null when the tool is missing.
 */
export async function collectEnvironment(): Promise<EnvironmentInfo> {
  const python = process.env.TRIBUTARY_PYTHON ?? 'python3';
  const java = process.env.TRIBUTARY_JAVA ?? 'java';
  const [tributary, pythonVersion, javaVersion, riverVersion, bridged, duckdb] = await Promise.all([
    packageVersion(),
    probe(python, ['--version']),
    probe(java, ['-version']),
    probe(python, ['-c', 'import river; print(river.__version__)']),
    bridgeVersions(),
    duckdbVersion(),
  ]);
  return {
    tributary,
    node: process.versions.node,
    river: bridged.river ?? firstLine(riverVersion),
    moa: bridged.moa ?? null,
    python: bridged.python ?? firstLine(pythonVersion)?.replace(/^Python\s+/, '') ?? null,
    java: javaVersionFrom(javaVersion),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cpuCount: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    details: { hostname: os.hostname(), duckdb, pythonExecutable: python, javaExecutable: java, ...bridged.details },
  };
}

async function packageVersion(): Promise<string | null> {
  try {
    const text = await readFile(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8');
    return (JSON.parse(text) as { version?: string }).version ?? null;
  } catch {
    return null;
  }
}

async function bridgeVersions(): Promise<{ river?: string; moa?: string; python?: string; details: Record<string, unknown> }> {
  const found: { river?: string; moa?: string; python?: string; details: Record<string, unknown> } = { details: {} };
  try {
    const river = (await import('@tributary/bridge-river')) as unknown as {
      loadSetup(): Promise<{ installedVersions(): Record<string, string | null>; pythonEnvironmentStatus(): { python: { version: string } | null; venv: string } }>;
    };
    const setup = await river.loadSetup();
    const versions = setup.installedVersions();
    const status = setup.pythonEnvironmentStatus();
    if (versions.river) found.river = versions.river;
    if (status.python?.version) found.python = status.python.version;
    found.details.pythonPackages = versions;
    found.details.venv = status.venv;
  } catch {
    // No River bridge (or no Python): the probes stand in.
  }
  try {
    const moa = (await import('@tributary/bridge-moa')) as unknown as { moaStatus(): Promise<{ versions?: Record<string, string | null>; jar?: string }> };
    const status = await moa.moaStatus();
    if (status.versions?.moa) found.moa = status.versions.moa;
    found.details.moaServer = { jar: status.jar, ...status.versions };
  } catch {
    // No MOA bridge.
  }
  return found;
}

async function duckdbVersion(): Promise<string | null> {
  try {
    const { version } = (await import('@duckdb/node-api')) as { version?: () => string };
    return typeof version === 'function' ? version() : null;
  } catch {
    return null;
  }
}

function probe(command: string, args: string[]): Promise<string | null> {
  return new Promise((resolvePromise) => {
    execFile(command, args, { timeout: 10_000 }, (error, stdout, stderr) => {
      if (error) return resolvePromise(null);
      resolvePromise(`${stdout}${stderr}`.trim() || null);
    });
  });
}

function firstLine(text: string | null): string | null {
  return text ? text.split('\n')[0].trim() : null;
}

function javaVersionFrom(text: string | null): string | null {
  if (!text) return null;
  const match = /version "([^"]+)"/.exec(text);
  return match ? match[1] : firstLine(text);
}
