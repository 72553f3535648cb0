import { fileURLToPath } from 'node:url';
import { TributaryError } from '@tributary/core';

/** Result of {@link ensurePythonEnvironment}. */
export interface PythonEnvironment {
  /** The venv's interpreter. */
  python: string;
  /** The venv folder (default `<repo>/.venv`, env `TRIBUTARY_VENV`). */
  venv: string;
  /** Whether this call created or rebuilt the venv. */
  created: boolean;
  /** Seconds the call took. */
  seconds: number;
  /** Version of the interpreter the venv was made from. */
  pythonVersion: string;
}

/** What the set-up script exports (it is plain JavaScript so the bootstrap can run it without a build). */
interface SetupModule {
  ensurePythonEnvironment(options?: { force?: boolean }): Promise<PythonEnvironment>;
  pythonEnvironmentStatus(): {
    python: { command: string; version: string } | null;
    venv: string;
    venvPresent: boolean;
    upToDate: boolean;
    fix: string;
  };
  installedVersions(venv?: string): Record<string, string | null>;
  findPython(): { command: string; version: string } | null;
  requirementsHash(pythonVersion: string): string;
  SERVER_DIR: string;
  REQUIREMENTS_FILE: string;
}

/** Path of the set-up script (`node <this> [--force|--check]`). */
export const SETUP_SCRIPT = fileURLToPath(new URL('../scripts/setup.mjs', import.meta.url));
/** Folder of the Python server package `tributary_server`. */
export const SERVER_DIR = fileURLToPath(new URL('../server/', import.meta.url));

let setupModule: Promise<SetupModule> | null = null;
/** Loads the set-up script as a module. */
export function loadSetup(): Promise<SetupModule> {
  // A computed specifier keeps tsc from pulling the .mjs file into this project.
  setupModule ??= import(new URL('../scripts/setup.mjs', import.meta.url).href) as Promise<SetupModule>;
  return setupModule;
}

let ensured: Promise<PythonEnvironment> | null = null;

/**
 * Makes sure `<repo>/.venv` holds the pinned River/CapyMOA/pyzmq/jsonschema packages,
 * creating or rebuilding it only when `server/requirements.txt` changed. Called lazily by
 * the first bridged session; progress goes to stderr. Memoised per process.
 * @throws TributaryError CONFIG_ERROR naming the missing piece and the command that fixes it
 */
export function ensurePythonEnvironment(options: { force?: boolean } = {}): Promise<PythonEnvironment> {
  if (options.force || !ensured) {
    ensured = loadSetup()
      .then((m) => m.ensurePythonEnvironment(options))
      .catch((e: unknown) => {
        ensured = null;
        throw new TributaryError('CONFIG_ERROR', `Python environment for the River/CapyMOA bridge is not available: ${(e as Error).message}\nFix: node ${SETUP_SCRIPT}`, { fix: `node ${SETUP_SCRIPT}` }, { cause: e });
      });
  }
  return ensured;
}
