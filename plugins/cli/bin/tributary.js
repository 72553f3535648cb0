#!/usr/bin/env node
// Entry point of the `tributary` command: runs the compiled CLI (npm run build makes dist/).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('tributary: the CLI is not built yet; run `npm run build` (or `npm test` / `npm run demo`, which bootstrap everything)\n');
  process.exit(1);
}
await import(main.href);
