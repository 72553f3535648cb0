import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'plugins/cli/bin/tributary.js');
const run = promisify(execFile);

/** Runs the built CLI; resolves with stdout/stderr/exit code instead of throwing. */
async function tributary(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    return { stdout, stderr, code: 0 };
  } catch (e) {
    const error = e as { stdout: string; stderr: string; code: number };
    return { stdout: error.stdout, stderr: error.stderr, code: error.code };
  }
}

describe('tributary run --json', () => {
  it('hoeffding-tree reaches ≥ 0.78 prequential accuracy on electricity (MOA default HT: about 0.79)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tributary-cli-'));
    const result = await tributary('run', '--learner', 'hoeffding-tree', '--stream', 'electricity', '--json', '--out', out);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(lines[0]);
    for (const key of ['learner', 'stream', 'instances', 'accuracy', 'kappa', 'auc', 'cpu_seconds', 'wall_seconds', 'instances_per_second', 'memory_bytes']) expect(summary).toHaveProperty(key);
    expect(summary.instances).toBe(45_312);
    expect(summary.accuracy).toBeGreaterThanOrEqual(0.78);
    expect(summary.memory_bytes).toBeGreaterThan(0);
    // results were written as JSON lines: checkpoints then one summary
    const [file] = readdirSync(out);
    const records = readFileSync(join(out, file), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(records.filter((r) => r.type === 'checkpoint').map((r) => r.instances)).toEqual([10_000, 20_000, 30_000, 40_000, 45_312]);
    expect(records.at(-1).type).toBe('summary');
  }, 120_000);

  it('naive-bayes reaches ≥ 0.72 on electricity', async () => {
    const result = await tributary('run', '--learner', 'naive-bayes', '--stream', 'electricity', '--json', '--out', mkdtempSync(join(tmpdir(), 'tributary-cli-')));
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).accuracy).toBeGreaterThanOrEqual(0.72);
  }, 120_000);
});

describe('tributary errors', () => {
  it('an unknown learner exits non-zero with one line and no stack trace', async () => {
    const result = await tributary('run', '--learner', 'hoefding-tree', '--stream', 'electricity');
    expect(result.code).not.toBe(0);
    const lines = result.stderr.trim().split('\n').filter((l) => !l.includes('warning'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('unknown plugin "hoefding-tree"');
    expect(lines[0]).toContain('did you mean "hoeffding-tree"');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('an invalid hyperparameter names the parameter, the value and what is allowed', async () => {
    const result = await tributary('run', '--learner', 'hoeffding-tree', '--param', 'gracePeriod=-5', '--stream', 'electricity');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('invalid value -5 for hyperparameter "gracePeriod"');
  });

  it('an unreadable file is one clear line; --debug adds the stack', async () => {
    const result = await tributary('run', '--learner', 'naive-bayes', '--stream', '/no/such/file.csv');
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('/no/such/file.csv');
    const debug = await tributary('run', '--learner', 'naive-bayes', '--stream', '/no/such/file.csv', '--debug');
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});

describe('tributary list', () => {
  it('lists learners with their hyperparameters and defaults as JSON', async () => {
    const result = await tributary('list', 'learners', '--json');
    expect(result.code, result.stderr).toBe(0);
    const { learners } = JSON.parse(result.stdout);
    const tree = learners.find((l: { id: string }) => l.id === 'hoeffding-tree');
    expect(tree.description.length).toBeGreaterThan(10);
    const grace = tree.hyperparameters.find((h: { name: string }) => h.name === 'gracePeriod');
    expect(grace.default).toBe(200);
  });
  it('lists metrics', async () => {
    const result = await tributary('list', 'metrics', '--json');
    expect(JSON.parse(result.stdout).map((m: { id: string }) => m.id)).toEqual(['accuracy', 'kappa', 'kappa_m', 'kappa_t', 'f1_macro', 'log_loss', 'auc']);
  });
});
