import { delimiter, join } from 'node:path';
import { TributaryError } from '@tributary/core';
import { ServerSupervisor, type ServerSpec } from '@tributary/bridge-protocol';

/** Java and Maven as found on this machine. */
export interface JavaTool {
  command: string;
  version: string;
}

/** What the set-up script (`scripts/setup.mjs`, plain JavaScript for the bootstrap) exports. */
interface SetupModule {
  ensureMoaServer(options?: { force?: boolean }): { built: boolean; seconds: number; jar: string };
  moaServerStatus(): {
    java: (JavaTool & { major: number }) | null;
    maven: JavaTool | null;
    jar: string;
    jarPresent: boolean;
    upToDate: boolean;
    versions: Record<string, string>;
    fix: string;
    installJava: string;
  };
  javaCommand(): string;
  sizeofAgentJar(): string | null;
  SERVER_JAR: string;
  LIB_DIR: string;
  SCHEMA_DIR: string;
  FIX_COMMAND: string;
  INSTALL_JAVA_COMMAND: string;
}

/** Status of the MOA server build, as `scripts/setup.mjs --check` prints it. */
export type MoaServerStatus = ReturnType<SetupModule['moaServerStatus']>;

let setupModule: Promise<SetupModule> | null = null;
/** Loads the set-up script as a module. */
export function loadSetup(): Promise<SetupModule> {
  // A computed specifier keeps tsc from pulling the .mjs file into this project.
  setupModule ??= import(new URL('../scripts/setup.mjs', import.meta.url).href) as Promise<SetupModule>;
  return setupModule;
}

let ensured: Promise<{ built: boolean; seconds: number; jar: string }> | null = null;

/**
 * Makes sure the Java server is built and matches its sources (`server/pom.xml`, `server/src`),
 * running `mvn -q -B package` when not; progress goes to stderr. Memoised per process;
 * concurrent processes are serialised by a file lock.
 * @throws TributaryError CONFIG_ERROR naming what is missing (Java 17+, Maven, a failed build) and the fixing command
 */
export function ensureMoaServer(options: { force?: boolean } = {}): Promise<{ built: boolean; seconds: number; jar: string }> {
  if (options.force || !ensured) {
    ensured = loadSetup()
      .then((m) => m.ensureMoaServer(options))
      .catch(async (e: unknown) => {
        ensured = null;
        const m = await loadSetup();
        throw new TributaryError('CONFIG_ERROR', `the MOA bridge server is not available: ${(e as Error).message}`, { fix: m.FIX_COMMAND }, { cause: e });
      });
  }
  return ensured;
}

/** Options for starting a MOA server. */
export interface MoaServerOptions {
  /** Names the learner in error messages. */
  label?: string;
  /** Extra environment (e.g. `TRIBUTARY_BRIDGE_FAULTS=1` in tests). */
  env?: Record<string, string>;
  /** Extra JVM options, before the main class (env `TRIBUTARY_MOA_JVM_OPTS` adds more, space-separated). */
  jvmOptions?: string[];
  handshakeTimeoutMs?: number;
  requestTimeoutMs?: number;
}

/**
 * The command line of a MOA server: `java -javaagent:<sizeofag.jar> -cp <jar>:<lib>/* dev.tributary.moa.Main --schemas <dir>`.
 * The size-of agent is what makes MOA's `measureByteSize()` work (without it MOA reports -1).
 */
export async function moaServerSpec(options: MoaServerOptions = {}): Promise<ServerSpec> {
  await ensureMoaServer();
  const setup = await loadSetup();
  const agent = setup.sizeofAgentJar();
  if (!agent) throw new TributaryError('CONFIG_ERROR', `the MOA bridge server build has no sizeofag jar in ${setup.LIB_DIR}; run: ${setup.FIX_COMMAND} --force`);
  const extra = (process.env.TRIBUTARY_MOA_JVM_OPTS ?? '').split(/\s+/).filter(Boolean);
  return {
    command: setup.javaCommand(),
    args: [
      `-javaagent:${agent}`,
      // One GC thread: the machine is shared, and the learner thread is what is timed.
      '-XX:+UseSerialGC',
      ...(options.jvmOptions ?? []),
      ...extra,
      '-cp',
      [setup.SERVER_JAR, join(setup.LIB_DIR, '*')].join(delimiter),
      'dev.tributary.moa.Main',
      '--schemas',
      setup.SCHEMA_DIR,
    ],
    env: options.env,
    library: 'moa',
    label: options.label ?? 'MOA bridge server',
    handshakeTimeoutMs: options.handshakeTimeoutMs,
    requestTimeoutMs: options.requestTimeoutMs,
  };
}

/** Starts a MOA server (one JVM) and shakes hands with it; builds the server first when needed. */
export async function startMoaServer(options: MoaServerOptions = {}): Promise<ServerSupervisor> {
  return ServerSupervisor.start(await moaServerSpec(options));
}
