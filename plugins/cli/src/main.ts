import { Command, CommanderError } from 'commander';
import { isTributaryError } from '@tributary/core';
import { COMMANDS } from './commands/index.js';

const program = new Command('tributary')
  .description('Stream learning classification: native learners, River and MOA side by side, prequential evaluation.')
  .option('--debug', 'show stack traces on errors')
  .showHelpAfterError()
  .exitOverride();
for (const register of COMMANDS) register(program);

function fail(error: unknown): never {
  const debug = process.argv.includes('--debug');
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`tributary: ${isTributaryError(error) ? `${error.code}: ` : ''}${message}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  fail(error);
}
