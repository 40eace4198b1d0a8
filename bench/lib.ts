/** What the benchmarks share: the simulator in a process of its own, and percentiles. */
import { type ChildProcess, spawn } from 'node:child_process';

const root = new URL('../', import.meta.url);

/**
 * Where a run writes its report: a full run's is the committed bench/results/report.{md,json}; a
 * quick run (a smaller set, fewer rounds) writes beside it in results/quick/, which git ignores,
 * so that it never passes for the full report.
 */
export function reportDir(quick: boolean): URL {
  return new URL(quick ? 'results/quick/' : 'results/', import.meta.url);
}

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

/** The simulator CLI in a separate process (so its CPU is not the measured process's), with extra CLI flags. */
export async function startSimulator(seed: string, latency: number, extra: string[] = []): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/simulator/cli.ts', '--port', '0', '--seed', seed, '--latency', String(latency), ...extra], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match && output.includes(' org ')) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  return { url, child };
}
