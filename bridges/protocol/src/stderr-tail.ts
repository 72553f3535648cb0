/** Keeps the last lines of a text stream (a server's stderr) for error messages. */
export class LineTail {
  private readonly lines: string[] = [];
  private partial = '';

  /** @param capacity lines kept (default 50) */
  constructor(private readonly capacity = 50) {}

  /** Feeds a chunk of text; complete lines are kept, the rest waits for its newline. */
  push(chunk: string): void {
    const text = this.partial + chunk;
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.add(line.replace(/\r$/, ''));
    // A line that never ends must not grow without bound.
    if (this.partial.length > 64_000) {
      this.add(this.partial);
      this.partial = '';
    }
  }

  /** The kept lines, oldest first, including an unfinished last line. */
  toString(): string {
    const all = this.partial ? [...this.lines, this.partial] : this.lines;
    return all.slice(-this.capacity).join('\n');
  }

  private add(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.capacity) this.lines.shift();
  }
}
