import { readFile, rm, writeFile } from 'node:fs/promises';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !isAlive(pid);
}

/**
 * A child server left running by a process that was killed outright (SIGKILL, a crash) would hold
 * the data folder and its port for ever. Each server's pid is recorded next to its data together
 * with the pid of the TechMatch process that owns it; on the next start an orphan (owner gone,
 * server alive) is stopped, and a folder still owned by a live process is refused.
 */
export class ChildPidFile {
  constructor(
    private readonly path: string,
    private readonly label: string,
  ) {}

  async reclaim(stopSignal: NodeJS.Signals): Promise<void> {
    let owner: number | undefined;
    let child: number | undefined;
    try {
      const [first, second] = (await readFile(this.path, 'utf8')).split('\n');
      owner = Number.parseInt(first ?? '', 10);
      child = Number.parseInt(second ?? '', 10);
    } catch {
      return;
    }
    if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
      throw new Error(
        `${this.label} data in ${this.path} is in use by process ${owner}; stop it or use another DATA_DIR`,
      );
    }
    if (Number.isInteger(child) && isAlive(child)) {
      process.kill(child, stopSignal);
      if (!(await waitForExit(child, 15_000))) process.kill(child, 'SIGKILL');
    }
    await rm(this.path, { force: true });
  }

  async record(childPid: number): Promise<void> {
    await writeFile(this.path, `${process.pid}\n${childPid}\n`);
  }

  async clear(): Promise<void> {
    await rm(this.path, { force: true });
  }
}
