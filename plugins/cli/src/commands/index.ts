import type { Command } from 'commander';
import { register as bench } from './bench.js';
import { register as compare } from './compare.js';
import { register as datasets } from './datasets.js';
import { register as demo } from './demo.js';
import { register as doctor } from './doctor.js';
import { register as list } from './list.js';
import { register as report } from './report.js';
import { register as run } from './run.js';

/** Every command module; each adds its subcommand to the program. */
export const COMMANDS: ((program: Command) => void)[] = [run, list, compare, demo, bench, report, datasets, doctor];
