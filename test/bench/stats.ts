import os from 'node:os';

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export function figure(name: string, value: number, unit: string, digits = 3): void {
  console.log(`${name}: ${value.toFixed(digits)} ${unit}`);
}

export function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * CPU time of this process since `start` (process.cpuUsage), in ms. Beside a wall-clock figure it
 * tells the work itself from waiting: on a shared machine with a run queue of 20 on 2 cores a
 * 0.1 ms query is often descheduled for several ms, which the wall figure counts and this does not.
 */
export function cpuMs(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** the machine's 1-minute load average, printed beside figures taken on a shared machine */
export function loadFigure(name: string): void {
  figure(name, os.loadavg()[0]!, `runnable (${os.cpus().length} cores)`, 1);
}
