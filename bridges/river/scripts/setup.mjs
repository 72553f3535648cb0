#!/usr/bin/env node
// Creates and maintains the Python environment of the River/CapyMOA bridge server:
// a venv at <repo>/.venv with the pinned packages of bridges/river/server/requirements.txt.
// Plain JavaScript (no build step) so that scripts/bootstrap.mjs, `npm test` and the
// TypeScript plugin can all call it:
//   import { ensurePythonEnvironment } from './bridges/river/scripts/setup.mjs'
//   node bridges/river/scripts/setup.mjs [--force] [--check] [--json]
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** Folder of the bridge's Python server (holds requirements.txt). */
export const SERVER_DIR = resolve(here, '..', 'server');
/** The pinned requirements file. */
export const REQUIREMENTS_FILE = join(SERVER_DIR, 'requirements.txt');
/** Oldest Python the pinned packages support. */
export const MIN_PYTHON = [3, 10];
const HASH_FILE = '.tributary-requirements.sha256';

/** The repository root: the nearest folder above this script whose package.json declares workspaces. */
export function repoRoot() {
  let dir = here;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if (JSON.parse(readFileSync(pkg, 'utf8')).workspaces) return dir;
      } catch {
        // unreadable package.json: keep looking upwards
      }
    }
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/** Where the venv lives: env TRIBUTARY_VENV, else <repo>/.venv, else ~/.cache/tributary/venv. */
export function venvDir() {
  if (process.env.TRIBUTARY_VENV) return resolve(process.env.TRIBUTARY_VENV);
  const root = repoRoot();
  if (root) return join(root, '.venv');
  return join(process.env.HOME ?? '.', '.cache', 'tributary', 'venv');
}

/** The venv's interpreter. */
export function venvPython(dir = venvDir()) {
  return process.platform === 'win32' ? join(dir, 'Scripts', 'python.exe') : join(dir, 'bin', 'python');
}

/**
 * Finds a Python ≥ 3.10: env TRIBUTARY_PYTHON, then python3.11, python3, python.
 * @returns {{command: string, version: string} | null}
 */
export function findPython() {
  const candidates = process.env.TRIBUTARY_PYTHON ? [process.env.TRIBUTARY_PYTHON] : ['python3.11', 'python3.12', 'python3', 'python'];
  for (const command of candidates) {
    const r = spawnSync(command, ['-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3])'], { encoding: 'utf8' });
    if (r.status !== 0 || !r.stdout) continue;
    const version = r.stdout.trim();
    const [major, minor] = version.split('.').map(Number);
    if (major > MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor >= MIN_PYTHON[1])) return { command, version };
  }
  return null;
}

/** Hash of the requirements file and the interpreter version: a change of either rebuilds the venv. */
export function requirementsHash(pythonVersion) {
  return createHash('sha256').update(readFileSync(REQUIREMENTS_FILE)).update(`\npython ${pythonVersion}\n`).digest('hex');
}

/**
 * What is there, without changing anything (for `tributary doctor`).
 * @returns {{python: {command: string, version: string} | null, venv: string, venvPresent: boolean, upToDate: boolean, fix: string}}
 */
export function pythonEnvironmentStatus() {
  const python = findPython();
  const venv = venvDir();
  const venvPresent = existsSync(venvPython(venv));
  let upToDate = false;
  if (python && venvPresent && existsSync(join(venv, HASH_FILE))) {
    upToDate = readFileSync(join(venv, HASH_FILE), 'utf8').trim() === requirementsHash(python.version);
  }
  return { python, venv, venvPresent, upToDate, fix: 'node bridges/river/scripts/setup.mjs' };
}

function log(message) {
  process.stderr.write(`[tributary python] ${message}\n`);
}

function run(command, args, what) {
  return new Promise((resolvePromise, reject) => {
    // pip's output goes to our stderr so progress is visible and stdout stays clean.
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const forward = (chunk) => {
      process.stderr.write(chunk);
      tail = (tail + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', forward);
    child.stderr.on('data', forward);
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${what} failed (exit ${code}): ${command} ${args.join(' ')}\n${tail}`))));
  });
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// A directory lock: mkdir is atomic, so parallel test workers install once.
async function withLock(lockDir, fn) {
  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let owner = 0;
      try {
        owner = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
      } catch {
        // lock being created or removed right now
      }
      const age = (() => {
        try {
          return Date.now() - statSync(lockDir).mtimeMs;
        } catch {
          return 0;
        }
      })();
      if ((owner && !pidAlive(owner)) || age > 30 * 60_000) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lockDir} (held by pid ${owner})`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/**
 * Makes sure the venv exists with the pinned packages; installs or rebuilds it only when
 * the requirements file (or the interpreter version) changed. Progress goes to stderr.
 * @param {{force?: boolean}} [options] force: rebuild even when up to date
 * @returns {Promise<{python: string, venv: string, created: boolean, seconds: number, pythonVersion: string}>}
 * @throws Error with the command to run when no suitable Python is found or pip fails
 */
export async function ensurePythonEnvironment(options = {}) {
  const started = Date.now();
  const venv = venvDir();
  const python = findPython();
  if (!python) {
    throw new Error(
      `no Python ≥ ${MIN_PYTHON.join('.')} found (tried ${process.env.TRIBUTARY_PYTHON ?? 'python3.11, python3.12, python3, python'}); ` +
        'install one (Debian/Ubuntu: `apt-get install -y python3 python3-venv`) or set TRIBUTARY_PYTHON to its path',
    );
  }
  const hash = requirementsHash(python.version);
  const hashFile = join(venv, HASH_FILE);
  const current = () => existsSync(venvPython(venv)) && existsSync(hashFile) && readFileSync(hashFile, 'utf8').trim() === hash;
  if (!options.force && current()) {
    return { python: venvPython(venv), venv, created: false, seconds: (Date.now() - started) / 1000, pythonVersion: python.version };
  }
  mkdirSync(dirname(venv), { recursive: true });
  return withLock(`${venv}.lock`, async () => {
    if (!options.force && current()) {
      return { python: venvPython(venv), venv, created: false, seconds: (Date.now() - started) / 1000, pythonVersion: python.version };
    }
    log(`creating ${venv} with Python ${python.version} (${python.command}); pinned packages from ${REQUIREMENTS_FILE}`);
    rmSync(venv, { recursive: true, force: true });
    await run(python.command, ['-m', 'venv', venv], 'python -m venv');
    const py = venvPython(venv);
    const pip = ['-m', 'pip', '--disable-pip-version-check', '--no-input'];
    await run(py, [...pip, 'install', '--progress-bar', 'off', '--upgrade', 'pip'], 'pip upgrade');
    await run(py, [...pip, 'install', '--progress-bar', 'off', '-r', REQUIREMENTS_FILE], 'pip install');
    // CapyMOA must come without PyTorch (plain `capymoa`, not `capymoa[torch]`).
    const torch = spawnSync(py, ['-c', 'import importlib.util, sys; sys.exit(0 if importlib.util.find_spec("torch") else 1)']);
    if (torch.status === 0) log('warning: torch is installed in the venv although requirements.txt does not ask for it');
    writeFileSync(hashFile, hash + '\n');
    const seconds = (Date.now() - started) / 1000;
    log(`ready in ${seconds.toFixed(1)} s`);
    return { python: py, venv, created: true, seconds, pythonVersion: python.version };
  });
}

/**
 * Versions of the bridge's packages inside the venv (null when absent).
 * @returns {Record<string, string | null>}
 */
export function installedVersions(venv = venvDir()) {
  const py = venvPython(venv);
  if (!existsSync(py)) return { river: null, capymoa: null, pyzmq: null, jsonschema: null, numpy: null };
  const code =
    'import importlib.metadata as m, json\n' +
    'out = {}\n' +
    'for name in ["river", "capymoa", "pyzmq", "jsonschema", "numpy", "torch"]:\n' +
    '    try: out[name] = m.version(name)\n' +
    '    except m.PackageNotFoundError: out[name] = None\n' +
    'print(json.dumps(out))';
  const r = spawnSync(py, ['-c', code], { encoding: 'utf8' });
  if (r.status !== 0) return { river: null, capymoa: null, pyzmq: null, jsonschema: null, numpy: null };
  return JSON.parse(r.stdout);
}

const invokedDirectly = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const args = new Set(process.argv.slice(2));
  if (args.has('--check')) {
    const status = pythonEnvironmentStatus();
    const out = { ...status, versions: installedVersions(status.venv) };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    process.exit(status.python && status.upToDate ? 0 : 1);
  }
  ensurePythonEnvironment({ force: args.has('--force') }).then(
    (r) => {
      if (args.has('--json')) process.stdout.write(JSON.stringify(r) + '\n');
      else log(`${r.created ? 'created' : 'up to date'}: ${r.python} (${r.seconds.toFixed(1)} s)`);
    },
    (e) => {
      process.stderr.write(`[tributary python] ${e.message}\n`);
      process.exit(1);
    },
  );
}
