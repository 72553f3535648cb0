import { Dealer } from 'zeromq';
import type { Frames } from './codec.js';

/**
 * Carries multipart messages between a client and one server. The ZeroMQ
 * DEALER transport is the real one; tests use an in-memory pair.
 */
export interface Transport {
  /** Queues one multipart message (frames may share memory with typed arrays until the promise resolves). */
  send(frames: Frames): Promise<void>;
  /** Sets the handler called for every incoming message, in arrival order. */
  onMessage(handler: (frames: Buffer[]) => void): void;
  /** Closes the transport; pending sends may be dropped. */
  close(): void;
}

/** DEALER socket connected to a server's ROUTER endpoint. */
export class ZmqDealerTransport implements Transport {
  private readonly socket = new Dealer({ linger: 0, immediate: false });
  private handler: ((frames: Buffer[]) => void) | null = null;
  private sendChain: Promise<void> = Promise.resolve();
  private closed = false;

  /** @param endpoint e.g. `tcp://127.0.0.1:45123`, as printed in the server's ready line. */
  constructor(readonly endpoint: string) {
    this.socket.connect(endpoint);
    void this.receiveLoop();
  }

  send(frames: Frames): Promise<void> {
    // zeromq.js allows one send in flight per socket, so sends are chained.
    const next = this.sendChain.then(() => (this.closed ? undefined : this.socket.send(frames)));
    this.sendChain = next.catch(() => undefined);
    return next;
  }

  onMessage(handler: (frames: Buffer[]) => void): void {
    this.handler = handler;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close();
  }

  private async receiveLoop(): Promise<void> {
    try {
      for await (const frames of this.socket) this.handler?.(frames);
    } catch {
      // The loop ends with an error when the socket is closed while receiving: nothing to report.
    }
  }
}
