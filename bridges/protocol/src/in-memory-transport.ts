import type { Frames } from './codec.js';
import type { Transport } from './transport.js';

/**
 * A fake server for protocol tests: receives a request's frames and returns the
 * reply frames, `null` for no reply (a hang), or a promise of either.
 */
export type FakeServer = (frames: Buffer[]) => Frames | null | Promise<Frames | null>;

/**
 * Transport whose other end is a function in the same process. Frames are
 * copied on the way, as a socket would, so callers cannot rely on shared memory.
 */
export class InMemoryTransport implements Transport {
  private handler: ((frames: Buffer[]) => void) | null = null;
  private closed = false;
  /** Requests seen by the fake server, for assertions. */
  readonly received: Buffer[][] = [];

  constructor(private readonly server: FakeServer) {}

  async send(frames: Frames): Promise<void> {
    if (this.closed) return;
    const copy = frames.map((f) => Buffer.from(f));
    this.received.push(copy);
    // Replies arrive on a later tick, as they would over a socket.
    queueMicrotask(async () => {
      const reply = await this.server(copy);
      if (reply && !this.closed) this.handler?.(reply.map((f) => Buffer.from(f)));
    });
  }

  onMessage(handler: (frames: Buffer[]) => void): void {
    this.handler = handler;
  }

  close(): void {
    this.closed = true;
  }
}
