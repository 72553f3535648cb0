import type { Command } from 'commander';
import { doctorReport, formatDoctorReport } from '@tributary/bridge-river';

/**
 * `tributary doctor [--json] [--strict]`: what the River, CapyMOA and MOA bridges need (Python,
 * the venv and its pinned packages, Java, Maven, the MOA server), what is present, and the
 * exact command that fixes what is missing. Exit status 0, or 1 with `--strict` when anything is not ok.
 */
export function register(program: Command): void {
  program
    .command('doctor')
    .description('check what the River, CapyMOA and MOA bridges need (Python, venv, River, CapyMOA, pyzmq, Java, Maven, MOA server) and print the command that fixes what is missing')
    .option('--json', 'print the report as JSON')
    .option('--strict', 'exit with status 1 when anything is missing or out of date')
    .action(async (options: { json?: boolean; strict?: boolean }) => {
      const report = await doctorReport();
      process.stdout.write(options.json ? JSON.stringify(report, null, 2) + '\n' : formatDoctorReport(report) + '\n');
      if (options.strict && !report.ok) process.exitCode = 1;
    });
}
