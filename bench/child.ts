/**
 * Runs a command as a child process and measures it from the outside: wall time and peak resident memory.
 * Peak RSS comes from `/usr/bin/time -f %M` (the kernel's ru_maxrss of the child) when that binary exists;
 * otherwise from `VmHWM` (the kernel's own high-water mark) in /proc/PID/status, sampled every 50 ms.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const TIME_BIN = '/usr/bin/time';
const MARK = '@@bench-maxrss-kb=';

export interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** Peak RSS of the child in MiB; undefined when it could not be measured on this system. */
  peakRssMb: number | undefined;
  /** How the peak was measured. */
  rssMethod: 'usr-bin-time' | 'proc-vmhwm' | 'none';
  /** User + system CPU time of the child in ms (from /usr/bin/time; undefined without it). */
  cpuMs: number | undefined;
}

function vmHwmKb(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

export async function runChild(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<ChildResult> {
  const useTime = existsSync(TIME_BIN);
  const file = useTime ? TIME_BIN : command;
  const argv = useTime ? ['-f', `${MARK}%M %U %S`, command, ...args] : args;
  const started = performance.now();
  const child = spawn(file, argv, {
    env: options.env ?? process.env,
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  let hwmKb: number | undefined;
  const sampler = useTime
    ? undefined
    : setInterval(() => {
        const kb = child.pid === undefined ? undefined : vmHwmKb(child.pid);
        if (kb !== undefined) hwmKb = Math.max(hwmKb ?? 0, kb);
      }, 50);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode) => resolve(exitCode));
  }).finally(() => {
    if (sampler) clearInterval(sampler);
  });
  const wallMs = performance.now() - started;
  let peakKb: number | undefined = hwmKb;
  let cpuMs: number | undefined;
  if (useTime) {
    const at = stderr.lastIndexOf(MARK);
    if (at >= 0) {
      const [maxRss, user, system] = stderr
        .slice(at + MARK.length)
        .trim()
        .split(/\s+/)
        .map(Number);
      peakKb = maxRss;
      if (user !== undefined && system !== undefined) cpuMs = Math.round((user + system) * 1000);
      stderr = stderr.slice(0, at);
    }
  }
  return {
    code,
    stdout,
    stderr,
    wallMs: Math.round(wallMs),
    peakRssMb: peakKb === undefined || Number.isNaN(peakKb) ? undefined : Math.round(peakKb / 1024),
    rssMethod: peakKb === undefined ? 'none' : useTime ? 'usr-bin-time' : 'proc-vmhwm',
    cpuMs: cpuMs === undefined || Number.isNaN(cpuMs) ? undefined : cpuMs,
  };
}
