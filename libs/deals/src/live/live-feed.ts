/**
 * A one-consumer async iterator fed by pushes: what a GraphQL subscription reads. graphql-ws calls
 * `return()` when the client unsubscribes or the socket closes, which runs `onClose`. A consumer
 * that stops reading while events keep coming is cut off after `limit` buffered values (it can
 * subscribe again and read the rest from the timeline) rather than growing the buffer for ever.
 */
export class LiveFeed<T> implements AsyncIterableIterator<T> {
  private readonly buffer: T[] = [];
  private readonly waiting: Array<(result: IteratorResult<T>) => void> = [];
  private closed = false;

  constructor(
    private readonly onClose: () => void,
    private readonly limit = 1_000,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  push(value: T): void {
    if (this.closed) return;
    const consumer = this.waiting.shift();
    if (consumer) consumer({ value, done: false });
    else if (this.buffer.length >= this.limit) this.close();
    else this.buffer.push(value);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffer.length > 0)
      return Promise.resolve({ value: this.buffer.shift() as T, done: false });
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  return(): Promise<IteratorResult<T>> {
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    this.close();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  /** Ends the feed: pending reads finish, buffered values are dropped. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.buffer.length = 0;
    for (const consumer of this.waiting.splice(0)) consumer({ value: undefined, done: true });
    this.onClose();
  }
}
