import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { register as registerBench } from '../../cli/src/commands/bench.js';
import { register as registerReport } from '../../cli/src/commands/report.js';
import { parseBenchConfig, ResultsDb } from '../src/index.js';

const pluginPath = fileURLToPath(new URL('./fixtures/test-plugins.ts', import.meta.url));

async function cli(args: string[]): Promise<string> {
  const program = new Command('tributary').exitOverride();
  registerBench(program);
  registerReport(program);
  let out = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['node', 'tributary', ...args]);
  } finally {
    write.mockRestore();
  }
  return out;
}

describe('bench and report commands', () => {
  afterEach(() => vi.restoreAllMocks());

  it('--dry-run lists the jobs without running or storing anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tributary-cli-'));
    const config = join(dir, 'grid.yaml');
    writeFileSync(config, `plugins: [${JSON.stringify(pluginPath)}]\nseeds: [1, 2]\nlearners: [test-majority, test-noisy]\nstreams: [test-stream(rows=100), {spec: "test-stream(rows=50)", label: small, maxInstances: 20}]\n`);
    const out = await cli(['bench', '--config', config, '--db', join(dir, 'r.duckdb'), '--dry-run']);
    const lines = out.trim().split('\n');
    expect(lines.at(-1)).toBe('6 jobs: 6 native');
    expect(lines).toContain('test-noisy\tnative\tsmall\tseed 2\t(max 20)');
    expect(existsSync(join(dir, 'r.duckdb'))).toBe(false);
  });

  it('exports a stored run without a config, and refuses what it cannot do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tributary-cli-'));
    const dbPath = join(dir, 'r.duckdb');
    const db = await ResultsDb.open(dbPath);
    const runId = await db.createRun(parseBenchConfig('name: x\nlearners: [a]\nstreams: [s]\n'), 1);
    await db.syncJobs(runId, [{ key: 'a|s|1', index: 0, learner: 'a', learnerId: 'a', params: {}, implementation: 'native', stream: 's', streamSpec: 's', seed: 1 }]);
    await db.close();
    const out = await cli(['bench', '--db', dbPath, '--export', join(dir, 'out')]);
    expect(out).toBe(`exported run 1 to ${join(dir, 'out')} (10 files)\n`);
    expect(JSON.parse(readFileSync(join(dir, 'out', 'jobs.json'), 'utf8'))).toEqual([expect.objectContaining({ learner: 'a', status: 'queued' })]);
    await expect(cli(['bench', '--export', join(dir, 'out')])).rejects.toThrow(/needs --config FILE to run a grid, or --db FILE with --export DIR \(export a stored run\) or --from-export DIR/);
    await expect(cli(['bench', '--config', 'x.yaml', '--retry-failed'])).rejects.toThrow(/--retry-failed only makes sense with --resume/);
    // Nothing finished yet: no report.
    await expect(cli(['report', '--db', dbPath, '--out', join(dir, 'report')])).rejects.toThrow(/has no finished job yet/);
    await expect(cli(['bench', '--config', 'x.yaml', '--export-every', '5'])).rejects.toThrow(/--export-every needs --export DIR/);
    await expect(cli(['bench', '--config', 'x.yaml', '--export', 'out', '--export-every', '5 jobs'])).rejects.toThrow(/--export-every expects a job count/);

    // Without a config, --from-export only imports; twice adds nothing.
    const copy = join(dir, 'copy.duckdb');
    expect(await cli(['bench', '--db', copy, '--from-export', join(dir, 'out')])).toBe(
      `imported ${join(dir, 'out')} into ${copy}: run(s) 1; jobs 1 added, 0 taken from the export, 0 kept as stored; 0 results, 0 checkpoints\n`,
    );
    expect(await cli(['bench', '--db', copy, '--from-export', join(dir, 'out')])).toMatch(/jobs 0 added, 0 taken from the export, 1 kept as stored/);
  });
});
