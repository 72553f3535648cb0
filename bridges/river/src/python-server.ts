import { ServerSupervisor, type ServerSpec } from '@tributary/bridge-protocol';
import { ensurePythonEnvironment, SERVER_DIR } from './python-env.js';

/** Libraries served by the Python server. */
export type PythonLibrary = 'river' | 'capymoa';

/** Options for starting a Python bridge server. */
export interface PythonServerOptions {
  /** Names the learner in error messages. */
  label?: string;
  /** Extra environment (e.g. `TRIBUTARY_BRIDGE_FAULTS=1` in tests). */
  env?: Record<string, string>;
  handshakeTimeoutMs?: number;
  requestTimeoutMs?: number;
}

/** The command line of a Python server for `library` (after the venv exists). */
export async function pythonServerSpec(library: PythonLibrary, options: PythonServerOptions = {}): Promise<ServerSpec> {
  const { python } = await ensurePythonEnvironment();
  return {
    command: python,
    args: ['-u', '-m', 'tributary_server', '--library', library],
    cwd: SERVER_DIR,
    env: { PYTHONPATH: SERVER_DIR, PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1', ...options.env },
    library,
    label: options.label ?? `${library === 'river' ? 'River' : 'CapyMOA'} bridge server`,
    handshakeTimeoutMs: options.handshakeTimeoutMs,
    requestTimeoutMs: options.requestTimeoutMs,
  };
}

/** Starts a Python bridge server (one process) and shakes hands with it. */
export async function startPythonServer(library: PythonLibrary, options: PythonServerOptions = {}): Promise<ServerSupervisor> {
  return ServerSupervisor.start(await pythonServerSpec(library, options));
}
