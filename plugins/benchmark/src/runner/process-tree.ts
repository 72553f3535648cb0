import { readdir, readFile } from 'node:fs/promises';

const PAGE_BYTES = 4096;

/** Whether /proc is available (Linux), so process trees and their memory can be read. */
export const HAS_PROC = process.platform === 'linux';

/** Parent pid of every process, read from /proc (one scan serves all jobs of a tick). */
export async function parentMap(): Promise<Map<number, number>> {
  const parents = new Map<number, number>();
  if (!HAS_PROC) return parents;
  const entries = await readdir('/proc');
  await Promise.all(
    entries
      .filter((e) => /^\d+$/.test(e))
      .map(async (entry) => {
        try {
          const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
          // The command name may hold spaces and parentheses: fields start after the last ')'.
          const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          parents.set(Number(entry), Number(fields[1]));
        } catch {
          // The process ended during the scan.
        }
      }),
  );
  return parents;
}

/** `root` and all its descendants. */
export function descendants(root: number, parents: Map<number, number>): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of parents) {
    const list = children.get(ppid);
    if (list) list.push(pid);
    else children.set(ppid, [pid]);
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]) ?? []));
  return tree;
}

/** Sum of the resident set sizes of `pids`, in bytes (ended processes count 0). */
export async function treeRssBytes(pids: readonly number[]): Promise<number> {
  let total = 0;
  await Promise.all(
    pids.map(async (pid) => {
      try {
        const statm = await readFile(`/proc/${pid}/statm`, 'utf8');
        total += Number(statm.split(' ')[1]) * PAGE_BYTES;
      } catch {
        // Ended.
      }
    }),
  );
  return total;
}

/** Sends SIGKILL to `root` and every descendant (bridge servers included), children first. */
export async function killTree(root: number): Promise<void> {
  const pids = HAS_PROC ? descendants(root, await parentMap()) : [root];
  for (const pid of pids.reverse()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}
