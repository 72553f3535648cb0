import { execa, type ResultPromise } from 'execa';
import { TributaryError } from '@tributary/core';
import { BridgeClient, DEFAULT_REQUEST_TIMEOUT_MS } from './client.js';
import type { BridgeLibrary, HelloReply, ReadyLine } from './messages.js';
import { PROTOCOL_VERSION } from './messages.js';
import { validateAgainst } from './schemas.js';
import { LineTail } from './stderr-tail.js';
import { ZmqDealerTransport, type Transport } from './transport.js';

/** Default time for a server to print its ready line and answer `hello` (env `TRIBUTARY_BRIDGE_HANDSHAKE_MS` overrides). */
export const DEFAULT_HANDSHAKE_TIMEOUT_MS = Number(process.env.TRIBUTARY_BRIDGE_HANDSHAKE_MS) || 120_000;

/** How to start one server process. */
export interface ServerSpec {
  /** Executable (e.g. the venv's python, `java`). */
  command: string;
  /** Arguments; the supervisor appends `--parent-pid <pid>`. */
  args: string[];
  /** Extra environment variables (the parent's environment is inherited). */
  env?: Record<string, string>;
  /** Working directory. */
  cwd?: string;
  /** Library the server must report in `hello`. */
  library: BridgeLibrary;
  /** Names the learner/server in error messages, e.g. `River learner "river:tree.HoeffdingTreeClassifier"`. */
  label: string;
  /** Ms allowed from spawn to a successful `hello` (default {@link DEFAULT_HANDSHAKE_TIMEOUT_MS}). */
  handshakeTimeoutMs?: number;
  /** Per-request timeout in ms (default {@link DEFAULT_REQUEST_TIMEOUT_MS}). */
  requestTimeoutMs?: number;
  /** Lines of stderr kept for error messages (default 50). */
  stderrLines?: number;
  /** Transport factory (tests); default a ZeroMQ DEALER connected to the ready line's endpoint. */
  connect?: (endpoint: string) => Transport;
}

// Every live server, killed synchronously if the parent exits without disposing it.
// SIGINT/SIGTERM/SIGHUP are covered by execa's `cleanup` (signal-exit), which ends in an exit;
// a SIGKILLed parent cannot run code, so servers also watch their parent (see docs/bridge-protocol.md).
const live = new Set<ServerSupervisor>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const s of live) s.killNow();
  });
}

/**
 * Starts a bridge server, waits for its ready line, connects and shakes hands,
 * then watches it: a crash, a hang (request timeout) or a malformed reply turns
 * into a TributaryError (`BRIDGE_CRASHED` / `BRIDGE_TIMEOUT` / `BRIDGE_ERROR`)
 * naming the learner and showing the tail of the server's stderr. The server is
 * killed on dispose, on a fatal error, and when the parent exits.
 */
export class ServerSupervisor {
  /** The protocol client connected to the server. */
  readonly client: BridgeClient;
  /** The server's `hello` reply (library and versions). */
  hello!: HelloReply;
  private readonly tail: LineTail;
  private exited = false;
  private stopping = false;
  private exitInfo = '';
  private readonly exitPromise: Promise<void>;
  private transport: Transport | null = null;
  private readonly transportProxy: Transport;

  private constructor(
    readonly spec: ServerSpec,
    private readonly child: ResultPromise,
  ) {
    this.tail = new LineTail(spec.stderrLines ?? 50);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => this.tail.push(chunk));
    // The client is created before the endpoint is known; the proxy forwards once connected.
    let handler: ((frames: Buffer[]) => void) | null = null;
    this.transportProxy = {
      send: (frames) => (this.transport ? this.transport.send(frames) : Promise.reject(new Error('not connected'))),
      onMessage: (h) => {
        handler = h;
        this.transport?.onMessage(h);
      },
      close: () => this.transport?.close(),
    };
    this.attachTransport = (t: Transport) => {
      this.transport = t;
      if (handler) t.onMessage(handler);
    };
    this.client = new BridgeClient(this.transportProxy, {
      label: spec.label,
      stderrTail: () => this.tail.toString(),
      timeoutMs: spec.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      onFatal: () => this.killNow(),
    });
    this.exitPromise = (child as unknown as Promise<{ exitCode?: number; signal?: string }>).then(
      (result) => this.onExit(result.exitCode, result.signal),
      (e: { exitCode?: number; signal?: string }) => this.onExit(e?.exitCode, e?.signal),
    );
  }

  private readonly attachTransport: (t: Transport) => void;

  /** Operating-system process id of the server. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Whether the server process has exited. */
  get hasExited(): boolean {
    return this.exited;
  }

  /** The last lines the server wrote to stderr. */
  stderrTail(): string {
    return this.tail.toString();
  }

  /**
   * Spawns the server and completes the handshake.
   * @throws TributaryError BRIDGE_CRASHED when it exits first, BRIDGE_TIMEOUT when it is not ready in time,
   *   BRIDGE_ERROR when the ready line or `hello` reply is malformed or names another library/protocol.
   */
  static async start(spec: ServerSpec): Promise<ServerSupervisor> {
    installExitHook();
    const child = execa(spec.command, [...spec.args, '--parent-pid', String(process.pid)], {
      cwd: spec.cwd,
      env: { ...spec.env, TRIBUTARY_PARENT_PID: String(process.pid) },
      extendEnv: true,
      stdin: 'pipe',
      stdout: 'pipe',
      stderr: 'pipe',
      buffer: false,
      reject: false,
      cleanup: true,
      forceKillAfterDelay: 2000,
    });
    const supervisor = new ServerSupervisor(spec, child);
    live.add(supervisor);
    const handshakeMs = spec.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS;
    const deadline = Date.now() + handshakeMs;
    try {
      const ready = await supervisor.waitForReadyLine(handshakeMs);
      supervisor.attachTransport((spec.connect ?? ((e) => new ZmqDealerTransport(e)))(ready.endpoint));
      const { header } = await supervisor.client.request<HelloReply>('hello', { client: 'tributary-bridge-protocol' }, [], Math.max(1, deadline - Date.now()));
      if (header.library !== spec.library) {
        throw supervisor.client.fatal('BRIDGE_ERROR', `handshake: server reports library "${header.library}", expected "${spec.library}"`);
      }
      supervisor.hello = header;
      return supervisor;
    } catch (e) {
      await supervisor.dispose();
      throw e;
    }
  }

  private waitForReadyLine(timeoutMs: number): Promise<ReadyLine> {
    return new Promise<ReadyLine>((resolve, reject) => {
      let buffered = '';
      let settled = false;
      const stdout = this.child.stdout!;
      stdout.setEncoding('utf8');
      const cleanup = () => {
        settled = true;
        clearTimeout(timer);
        stdout.off('data', onData);
      };
      const timer = setTimeout(() => {
        cleanup();
        this.killNow();
        reject(this.client.fatal('BRIDGE_TIMEOUT', `server did not print its ready line within ${timeoutMs} ms (handshake timeout)`, { timeoutMs }));
      }, timeoutMs);
      const onData = (chunk: string) => {
        buffered += chunk;
        let nl: number;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, nl).trim();
          buffered = buffered.slice(nl + 1);
          if (!line.startsWith('{')) continue; // libraries may print banners before the server is ready
          let parsed: unknown;
          try {
            parsed = JSON.parse(line);
          } catch {
            continue;
          }
          if ((parsed as { ready?: unknown }).ready !== true) continue;
          cleanup();
          const problem = validateAgainst('ready.json', parsed);
          if (problem || (parsed as ReadyLine).protocol !== PROTOCOL_VERSION) {
            reject(this.client.fatal('BRIDGE_ERROR', `malformed ready line ${JSON.stringify(line)}: ${problem ?? `protocol ${(parsed as ReadyLine).protocol}, expected ${PROTOCOL_VERSION}`}`));
            return;
          }
          // Later stdout is drained and discarded so a chatty library cannot block on a full pipe.
          stdout.resume();
          resolve(parsed as ReadyLine);
          return;
        }
      };
      stdout.on('data', onData);
      this.exitPromise.then(() => {
        if (settled) return;
        cleanup();
        reject(this.client.fatal('BRIDGE_CRASHED', `server exited before it was ready (${this.exitInfo})`, { exit: this.exitInfo }));
      });
    });
  }

  private onExit(exitCode: number | undefined, signal: string | undefined): void {
    this.exited = true;
    live.delete(this);
    this.exitInfo = signal ? `killed by ${signal}` : `exit code ${exitCode ?? 'unknown'}`;
    if (!this.stopping) {
      this.client.fail(this.client.fatal('BRIDGE_CRASHED', `server process ${this.child.pid} died (${this.exitInfo})`, { exit: this.exitInfo, pid: this.child.pid }));
    }
    this.transport?.close();
  }

  /** Kills the server at once (SIGKILL); used on fatal errors and at parent exit. */
  killNow(): void {
    if (this.exited) return;
    this.stopping = this.stopping || this.client.failure !== null;
    try {
      this.child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }

  /**
   * Stops the server: asks it to shut down (briefly), then kills it, and waits
   * for the process to be gone. Safe to call more than once.
   * @param graceMs how long a polite `shutdown` may take (default 2000 ms)
   */
  async dispose(graceMs = 2000): Promise<void> {
    if (!this.exited && !this.stopping) {
      this.stopping = true;
      if (this.transport && !this.client.failure) {
        await this.client.request('shutdown', {}, [], graceMs).catch(() => undefined);
      }
    }
    this.stopping = true;
    if (!this.exited) {
      const timer = setTimeout(() => this.killNow(), graceMs);
      try {
        this.child.stdin?.end();
      } catch {
        // stdin already closed
      }
      await Promise.race([this.exitPromise, new Promise((r) => setTimeout(r, graceMs))]);
      clearTimeout(timer);
      this.killNow();
      await this.exitPromise;
    }
    this.client.close();
    live.delete(this);
  }
}
