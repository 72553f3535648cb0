#!/usr/bin/env node
// Builds the MOA bridge server (bridges/moa/server) with Maven when its jar is missing or its
// sources changed. Plain JavaScript so the repository's bootstrap can run it before any build.
//   node bridges/moa/scripts/setup.mjs           build if missing or stale
//   node bridges/moa/scripts/setup.mjs --force   rebuild
//   node bridges/moa/scripts/setup.mjs --check   print the status as JSON, build nothing
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Maven project of the server. */
export const SERVER_DIR = fileURLToPath(new URL('../server/', import.meta.url));
/** Build output folder. */
export const TARGET_DIR = join(SERVER_DIR, 'target');
/** The server's own jar. */
export const SERVER_JAR = join(TARGET_DIR, 'tributary-moa-server.jar');
/** Runtime dependency jars (MOA, JeroMQ, Jackson, the schema validator, sizeofag). */
export const LIB_DIR = join(TARGET_DIR, 'lib');
/** Hash of the sources the current jar was built from. */
export const STAMP_FILE = join(TARGET_DIR, 'tributary-build.stamp');
/** The protocol's JSON Schemas, read by the server at start-up. */
export const SCHEMA_DIR = fileURLToPath(new URL('../../protocol/schemas/', import.meta.url));
/** Command that builds the server by hand. */
export const FIX_COMMAND = `node ${relative(process.cwd(), fileURLToPath(import.meta.url)) || fileURLToPath(import.meta.url)}`;
/** Debian packages that provide Java 17 and Maven. */
export const INSTALL_JAVA_COMMAND = 'apt-get install -y openjdk-17-jdk-headless maven';

const SELF = fileURLToPath(import.meta.url);

/** Runs a command, returning its combined output or null when it cannot run. */
function probe(command, args) {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 });
  if (r.error || r.status !== 0) return null;
  return `${r.stdout ?? ''}${r.stderr ?? ''}`;
}

/** The java executable: env TRIBUTARY_JAVA, else $JAVA_HOME/bin/java, else `java` on PATH. */
export function javaCommand() {
  if (process.env.TRIBUTARY_JAVA) return process.env.TRIBUTARY_JAVA;
  if (process.env.JAVA_HOME && existsSync(join(process.env.JAVA_HOME, 'bin', 'java'))) return join(process.env.JAVA_HOME, 'bin', 'java');
  return 'java';
}

/** The Maven executable: env TRIBUTARY_MVN, else `mvn` on PATH. */
export function mavenCommand() {
  return process.env.TRIBUTARY_MVN || 'mvn';
}

/** `{command, version, major}` of Java, or null when it does not run. */
export function findJava() {
  const command = javaCommand();
  const out = probe(command, ['-version']);
  if (out === null) return null;
  const m = /version "([^"]+)"/.exec(out);
  const version = m ? m[1] : out.split('\n')[0].trim();
  const major = Number(version.startsWith('1.') ? version.split('.')[1] : version.split(/[.+-]/)[0]);
  return { command, version, major };
}

/** `{command, version}` of Maven, or null when it does not run. */
export function findMaven() {
  const command = mavenCommand();
  const out = probe(command, ['-v', '-B']);
  if (out === null) return null;
  const m = /Apache Maven (\S+)/.exec(out);
  return { command, version: m ? m[1] : out.split('\n')[0].trim() };
}

/** Hash of pom.xml and every file under src/: the jar is stale when it changes. */
export function sourceHash() {
  const hash = createHash('sha256');
  const files = ['pom.xml'];
  const walk = (dir) => {
    for (const name of readdirSync(join(SERVER_DIR, dir)).sort()) {
      const rel = join(dir, name);
      if (statSync(join(SERVER_DIR, rel)).isDirectory()) walk(rel);
      else files.push(rel);
    }
  };
  walk('src');
  for (const rel of files) {
    hash.update(rel).update('\0').update(readFileSync(join(SERVER_DIR, rel))).update('\0');
  }
  return hash.digest('hex');
}

/** The size-of agent jar MOA needs for `measureByteSize()`, or null when not built. */
export function sizeofAgentJar() {
  if (!existsSync(LIB_DIR)) return null;
  const jar = readdirSync(LIB_DIR).find((f) => /^sizeofag-.*\.jar$/.test(f));
  return jar ? join(LIB_DIR, jar) : null;
}

/** Versions of MOA and JeroMQ the build copied into target/lib, by artifact name. */
export function bundledVersions() {
  const out = {};
  if (!existsSync(LIB_DIR)) return out;
  for (const f of readdirSync(LIB_DIR)) {
    const m = /^(moa|jeromq|sizeofag|json-schema-validator|jackson-databind)-(\d[^/]*)\.jar$/.exec(f);
    if (m) out[m[1]] = m[2];
  }
  return out;
}

/** What is there, without building anything. */
export function moaServerStatus() {
  const java = findJava();
  const maven = findMaven();
  const jarPresent = existsSync(SERVER_JAR) && sizeofAgentJar() !== null;
  const stamp = existsSync(STAMP_FILE) ? readFileSync(STAMP_FILE, 'utf8').trim() : null;
  const upToDate = jarPresent && stamp === sourceHash();
  return { java, maven, jar: SERVER_JAR, jarPresent, upToDate, versions: bundledVersions(), fix: FIX_COMMAND, installJava: INSTALL_JAVA_COMMAND };
}

function log(message) {
  process.stderr.write(`[tributary moa] ${message}\n`);
}

/** Builds while holding the lock (another process may have built meanwhile: check again). */
function buildHoldingLock(force) {
  const hash = sourceHash();
  if (!force && existsSync(SERVER_JAR) && sizeofAgentJar() && existsSync(STAMP_FILE) && readFileSync(STAMP_FILE, 'utf8').trim() === hash) return false;
  const maven = findMaven();
  if (!maven) throw new Error(`Maven is not installed (tried "${mavenCommand()}"). Fix: ${INSTALL_JAVA_COMMAND}`);
  log(`building the MOA bridge server with Maven ${maven.version} in ${SERVER_DIR} (the first build downloads MOA and its dependencies, about 60 MB, into ~/.m2)…`);
  const started = Date.now();
  const r = spawnSync(maven.command, ['-q', '-B', 'package'], { cwd: SERVER_DIR, stdio: ['ignore', 2, 2] });
  if (r.error || r.status !== 0) {
    throw new Error(`"mvn -q -B package" in ${SERVER_DIR} failed (${r.error ? r.error.message : `exit code ${r.status}`}); see the Maven output above. Fix, then run: ${FIX_COMMAND}`);
  }
  if (!existsSync(SERVER_JAR) || !sizeofAgentJar()) throw new Error(`Maven succeeded but ${SERVER_JAR} or target/lib/sizeofag-*.jar is missing`);
  writeFileSync(STAMP_FILE, `${hash}\n`);
  log(`MOA bridge server built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

/**
 * Makes sure the server jar exists and matches its sources, building it with Maven when not.
 * Concurrent callers (parallel test workers) are serialised with flock(1) when available.
 * @returns {{ built: boolean, seconds: number, jar: string }}
 */
export function ensureMoaServer(options = {}) {
  const started = Date.now();
  const status = moaServerStatus();
  if (!status.java) throw new Error(`Java is not installed (tried "${javaCommand()}"); the MOA bridge needs Java 17 or newer. Fix: ${INSTALL_JAVA_COMMAND}`);
  if (status.java.major < 17) throw new Error(`Java ${status.java.version} is too old; the MOA bridge needs Java 17 or newer. Fix: ${INSTALL_JAVA_COMMAND}`);
  if (status.upToDate && !options.force) return { built: false, seconds: 0, jar: SERVER_JAR };
  mkdirSync(TARGET_DIR, { recursive: true });
  const flock = probe('flock', ['--version']) !== null;
  let built;
  if (flock) {
    const r = spawnSync('flock', ['-w', '1800', join(SERVER_DIR, '.build.lock'), process.execPath, SELF, '--build-locked', ...(options.force ? ['--force'] : [])], {
      stdio: ['ignore', 'pipe', 2],
      encoding: 'utf8',
    });
    if (r.error || r.status !== 0) throw new Error(`building the MOA bridge server failed (${r.error ? r.error.message : `exit code ${r.status}`}); see the output above. Run: ${FIX_COMMAND}`);
    built = r.stdout.trim() === 'built';
  } else {
    built = buildHoldingLock(Boolean(options.force));
  }
  return { built, seconds: (Date.now() - started) / 1000, jar: SERVER_JAR };
}

if (process.argv[1] === SELF) {
  const args = process.argv.slice(2);
  try {
    if (args.includes('--check')) {
      process.stdout.write(`${JSON.stringify(moaServerStatus(), null, 2)}\n`);
    } else if (args.includes('--build-locked')) {
      process.stdout.write(buildHoldingLock(args.includes('--force')) ? 'built\n' : 'fresh\n');
    } else {
      const r = ensureMoaServer({ force: args.includes('--force') });
      log(r.built ? `ready: ${r.jar}` : `up to date: ${r.jar}`);
    }
  } catch (e) {
    log(e.message);
    process.exit(1);
  }
}
