import cliProgress from 'cli-progress';
import type { PrequentialProgress } from '@tributary/core';

/** A progress bar on stderr when it is a terminal; silent otherwise. */
export function progressReporter(label: string, enabled: boolean): { update(p: PrequentialProgress): void; stop(): void } {
  if (!enabled || !process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} {bar} {value}/{total} instances | {speed} inst/s | accuracy {accuracy}`,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p) {
      const total = p.total && Number.isFinite(p.total) ? p.total : Math.max(p.instances, 1);
      const payload = { speed: Math.round(p.instancesPerSecond).toLocaleString('en-US'), accuracy: Number.isNaN(p.accuracy) ? '-' : p.accuracy.toFixed(4) };
      if (!started) {
        bar.start(total, p.instances, payload);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(p.instances, payload);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
