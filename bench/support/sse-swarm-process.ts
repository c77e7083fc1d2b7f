// The SSE swarm (sse-swarm.ts) in a child process: ten thousand clients on the benchmark's other core.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SwarmCommand, SwarmReport } from './sse-swarm.ts';

export class Swarm {
  private readonly _child: ChildProcess;
  private _waiters: ((r: SwarmReport) => void)[] = [];
  constructor() {
    this._child = fork(fileURLToPath(new URL('./sse-swarm.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this._child.on('message', (r: SwarmReport) => this._waiters.shift()?.(r));
  }
  ask(command: SwarmCommand): Promise<SwarmReport> {
    return new Promise((resolve) => {
      this._waiters.push(resolve);
      this._child.send(command);
    });
  }
  exit() {
    this._child.send({ cmd: 'exit' } satisfies SwarmCommand);
  }
}
