import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ of /proc/<pid>/stat: 100 on every Linux this runs on (`getconf CLK_TCK`). */
const CLOCK_TICKS_PER_SEC = 100;

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // the process has gone
  }
}

/** CPU time a process has used so far (user + system), seconds; 0 once it has gone. */
export function processCpuSeconds(pid: number): number {
  // Fields 14 and 15 (utime, stime) in clock ticks, counted after the ")" that ends the name.
  const fields = read(`/proc/${pid}/stat`)?.split(')').at(-1)?.trim().split(' ') ?? [];
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / CLOCK_TICKS_PER_SEC;
}

/** Resident set size of a process, bytes. */
export function processRssBytes(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(read(`/proc/${pid}/status`) ?? '')?.[1] ?? 0) * 1024;
}

/**
 * Proportional set size, bytes: pages shared between processes (PostgreSQL's shared buffers)
 * are split among them, so a sum over a group of processes counts each page once.
 */
export function processPssBytes(pid: number): number {
  return Number(/Pss:\s+(\d+)/.exec(read(`/proc/${pid}/smaps_rollup`) ?? '')?.[1] ?? 0) * 1024;
}

/** The processes whose command name is one of `names` (as /proc/<pid>/comm shows it). */
export function pidsNamed(names: readonly string[]): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const comm = read(`/proc/${entry}/comm`)?.trim();
    if (comm && names.includes(comm)) pids.push(Number(entry));
  }
  return pids;
}

/** The direct and indirect children of a process, itself included. */
export function processTree(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const ppid = Number(/PPid:\s+(\d+)/.exec(read(`/proc/${entry}/status`) ?? '')?.[1] ?? 0);
    parentOf.set(Number(entry), ppid);
  }
  const tree = [root];
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parentOf) {
      if (tree.includes(ppid) && !tree.includes(pid)) {
        tree.push(pid);
        grew = true;
      }
    }
  }
  return tree;
}

/** Per process of a group: CPU seconds so far. */
export function cpuByProcess(pids: readonly number[]): Map<number, number> {
  return new Map(pids.map((pid) => [pid, processCpuSeconds(pid)]));
}

/**
 * CPU a group used between two readings, seconds: processes that ended in between drop out
 * (their last seconds are lost, never counted negative), ones that started count from zero.
 */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let seconds = 0;
  for (const [pid, cpu] of after) if (cpu > 0) seconds += cpu - (before.get(pid) ?? 0);
  return seconds;
}

/** Proportional memory of a group of processes, bytes. */
export function groupPssBytes(pids: readonly number[]): number {
  return pids.reduce((sum, pid) => sum + processPssBytes(pid), 0);
}
