import { chromium, type Browser } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { chromiumArgs, systemChromium } from '../../test/support/chromium';

/**
 * A Chromium per measured page, and the CPU time its processes consume, read
 * from /proc: CPU seconds used (user + system), not a share of wall time, so
 * a page measured while other work competes for the cores is charged for
 * what it did, not for what it waited. Processes are grouped by Chromium's
 * own `--type`: the renderer and GPU processes (where a page's drawing and
 * decoding happen) and everything else (browser, network service, utilities).
 */

export type ProcessGroup = 'renderer' | 'gpu' | 'network' | 'browser' | 'other';

export interface CpuSample {
  /** CPU seconds per group, and in all. */
  seconds: Record<ProcessGroup, number>;
  totalS: number;
  rssMb: number;
}

let launches = 0;

export interface MeasuredBrowser extends Browser {
  pid(): number;
}

/** A Chromium of its own, tagged so its process tree can be found in /proc. */
export async function launchBrowser(): Promise<MeasuredBrowser> {
  const tag = `--gridwall-bench-${process.pid}-${++launches}`;
  const browser = await chromium.launch({ executablePath: systemChromium(), args: [...chromiumArgs, tag] });
  return Object.assign(browser, {
    pid() {
      for (const entry of readdirSync('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        try {
          if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(tag)) return Number(entry);
        } catch {
          // gone meanwhile
        }
      }
      throw new Error('cannot find the benchmark Chromium in /proc');
    },
  });
}

function groupOf(commandLine: string[]): ProcessGroup {
  const type = commandLine.find((arg) => arg.startsWith('--type='))?.slice('--type='.length);
  if (type === undefined) return 'browser';
  if (type === 'renderer') return 'renderer';
  if (type === 'gpu-process') return 'gpu';
  if (type === 'utility' && commandLine.some((arg) => arg.includes('NetworkService'))) return 'network';
  return 'other';
}

/** CPU seconds (user + system) per process group and RSS of a browser's whole process tree. */
export function processTree(rootPid: number): CpuSample {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const tree = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (tree.has(parent) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  const seconds: Record<ProcessGroup, number> = { renderer: 0, gpu: 0, network: 0, browser: 0, other: 0 };
  let rssKb = 0;
  for (const pid of tree) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // Chromium rewrites its children's command lines into one space-separated string.
      const group = groupOf(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/));
      seconds[group] += (Number(fields[11]) + Number(fields[12])) / 100;
      rssKb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  const totalS = Object.values(seconds).reduce((sum, value) => sum + value, 0);
  return { seconds, totalS, rssMb: rssKb / 1024 };
}

/** % of one core between two samples over `elapsedS`: in all, and for the renderer and GPU processes. */
export function cpuPercent(before: CpuSample, after: CpuSample, elapsedS: number): { whole: number; render: number; groups: Record<ProcessGroup, number> } {
  const groups = Object.fromEntries(
    (Object.keys(after.seconds) as ProcessGroup[]).map((group) => [group, ((after.seconds[group] - before.seconds[group]) / elapsedS) * 100]),
  ) as Record<ProcessGroup, number>;
  return { whole: ((after.totalS - before.totalS) / elapsedS) * 100, render: groups.renderer + groups.gpu, groups };
}

/** The machine's 1-minute load average now. */
export const loadNow = () => loadavg()[0]!;
