import { describe, expect, it, vi } from 'vitest';
import { parseExportSchedule, PeriodicExport } from './periodic-export.js';

describe('parseExportSchedule', () => {
  it('reads a job count, a duration, or both', () => {
    expect(parseExportSchedule('25')).toEqual({ jobs: 25 });
    expect(parseExportSchedule('90s')).toEqual({ seconds: 90 });
    expect(parseExportSchedule('1.5h')).toEqual({ seconds: 5400 });
    expect(parseExportSchedule('25, 10m')).toEqual({ jobs: 25, seconds: 600 });
    for (const bad of ['0', '-3', '10 min', '5,6', 'm', '']) expect(() => parseExportSchedule(bad)).toThrow(/--export-every expects/);
  });
});

describe('PeriodicExport', () => {
  it('exports every N finished jobs, never two at once, and once more for triggers during an export', async () => {
    let release: () => void = () => undefined;
    let active = 0;
    let most = 0;
    const exportNow = vi.fn(async () => {
      active++;
      most = Math.max(most, active);
      await new Promise<void>((resolve) => (release = resolve));
      active--;
    });
    const lines: string[] = [];
    const periodic = new PeriodicExport({ jobs: 2 }, exportNow, (line) => lines.push(line));
    periodic.jobFinished();
    expect(exportNow).toHaveBeenCalledTimes(0);
    periodic.jobFinished(); // 2: export starts
    expect(exportNow).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 4; i++) periodic.jobFinished(); // 4 and 6 arrive during it: one more export after
    release();
    await vi.waitFor(() => expect(exportNow).toHaveBeenCalledTimes(2));
    release();
    await periodic.stop();
    expect(exportNow).toHaveBeenCalledTimes(2);
    expect(most).toBe(1);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^export refreshed \(6 job\(s\) finished this session; \d+\.\d s\)$/);
    periodic.jobFinished();
    periodic.jobFinished();
    expect(exportNow).toHaveBeenCalledTimes(2);
  });

  it('exports on a clock, and reports a failed export without throwing', async () => {
    vi.useFakeTimers();
    try {
      const lines: string[] = [];
      const exportNow = vi.fn(async () => {
        throw new Error('disk full');
      });
      const periodic = new PeriodicExport({ seconds: 60 }, exportNow, (line) => lines.push(line));
      periodic.start();
      await vi.advanceTimersByTimeAsync(59_000);
      expect(exportNow).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(2_000);
      expect(exportNow).toHaveBeenCalledTimes(1);
      expect(lines).toEqual(['export failed (the grid goes on): disk full']);
      await periodic.stop();
      await vi.advanceTimersByTimeAsync(120_000);
      expect(exportNow).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
