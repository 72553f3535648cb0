import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { doctorChecks, doctorReport, formatDoctorReport } from './doctor.js';
import { loadSetup } from './python-env.js';

const saved = { venv: process.env.TRIBUTARY_VENV, python: process.env.TRIBUTARY_PYTHON };
afterEach(() => {
  for (const [key, value] of [['TRIBUTARY_VENV', saved.venv], ['TRIBUTARY_PYTHON', saved.python]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe('doctor', () => {
  it('reports a missing Python with the command that installs one', async () => {
    process.env.TRIBUTARY_PYTHON = '/nonexistent/python3';
    const python = (await doctorChecks()).find((c) => c.name === 'python')!;
    expect(python.status).toBe('missing');
    expect(python.fix).toBe('apt-get install -y python3 python3-venv');
  });

  it('reports a missing venv, then an outdated one, with the set-up command as the fix', async () => {
    const setup = await loadSetup();
    const python = setup.findPython();
    if (!python) return; // nothing to build a venv from: the Python check above covers this machine
    const dir = mkdtempSync(join(tmpdir(), 'tributary-venv-'));
    process.env.TRIBUTARY_VENV = dir;
    let venv = (await doctorChecks()).find((c) => c.name === 'python-venv')!;
    expect(venv.status).toBe('missing');
    expect(venv.fix).toMatch(/^node .*bridges\/river\/scripts\/setup\.mjs$/);
    // A venv made from another requirements file: present but outdated.
    mkdirSync(join(dir, 'bin'));
    symlinkSync(process.execPath, join(dir, 'bin', 'python'));
    writeFileSync(join(dir, '.tributary-requirements.sha256'), 'stale\n');
    venv = (await doctorChecks()).find((c) => c.name === 'python-venv')!;
    expect(venv.status).toBe('outdated');
    // The same venv with the hash of the current requirements and interpreter: up to date.
    writeFileSync(join(dir, '.tributary-requirements.sha256'), setup.requirementsHash(python.version) + '\n');
    venv = (await doctorChecks()).find((c) => c.name === 'python-venv')!;
    expect(venv.status).toBe('ok');
  });

  it('lists Java and the MOA side too, and prints every fix once', async () => {
    process.env.TRIBUTARY_VENV = mkdtempSync(join(tmpdir(), 'tributary-venv-'));
    const report = await doctorReport();
    const names = report.checks.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['node', 'python', 'python-venv', 'river', 'capymoa', 'pyzmq', 'java']));
    expect(report.ok).toBe(false);
    const text = formatDoctorReport(report);
    expect(text).toMatch(/MISSING\s+python-venv/);
    const fixLines = text.split('To fix:')[1].trim().split('\n');
    expect(new Set(fixLines).size).toBe(fixLines.length);
    expect(fixLines.some((l) => l.includes('scripts/setup.mjs'))).toBe(true);
  });
});
