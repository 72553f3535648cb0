#!/usr/bin/env node
// Brings a fresh clone to a runnable state, doing only what is missing:
// npm dependencies, the TypeScript build, the Python environment of the River
// bridge and the Java build of the MOA bridge. Used by `npm test` and `npm run demo`.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const purpose = process.argv[process.argv.indexOf('--for') + 1] ?? 'test';
const log = (message) => process.stderr.write(`bootstrap: ${message}\n`);

function run(command, args, options = {}) {
  log(`${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (result.status !== 0) {
    log(`failed: ${command} ${args.join(' ')} (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

function dependenciesStale() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(marker)) return true;
  return statSync(join(root, 'package-lock.json')).mtimeMs > statSync(marker).mtimeMs + 1000;
}

if (dependenciesStale()) run('npm', ['ci', '--no-audit', '--no-fund']);

// tsc -b is incremental: a no-op when every package's dist is up to date.
run('npx', ['tsc', '-b']);

// Reference-library environments: each bridge package ships a set-up script that
// returns at once when its environment is already present and up to date.
const bridgeSetups = ['bridges/river/scripts/setup.mjs', 'bridges/moa/scripts/setup.mjs'];
for (const script of bridgeSetups) {
  if (!existsSync(join(root, script))) continue;
  const result = spawnSync(process.execPath, [join(root, script)], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    const message = `${script} failed (exit ${result.status}); run \`npx tributary doctor\` to see what is missing`;
    // Under CI the bridges must run for real; locally the native parts still work without them.
    if (process.env.CI === 'true' || purpose === 'test') {
      log(message);
      process.exit(result.status ?? 1);
    }
    log(`${message} — continuing with native learners only`);
  }
}
log(`ready for ${purpose}`);
