import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';

/**
 * A text file written line by line with backpressure (memory stays bounded however many lines), into
 * `<path>.tmp` first and renamed on commit, so a crash never leaves a half-written report behind.
 */
export class FileSink {
  private readonly stream: WriteStream;
  private readonly tmpPath: string;
  private failure: Error | undefined;

  constructor(readonly path: string) {
    this.tmpPath = `${path}.tmp`;
    this.stream = createWriteStream(this.tmpPath, { encoding: 'utf8' });
    this.stream.on('error', (error) => {
      this.failure = error;
    });
  }

  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.stream.write(text)) {
      // `once` also rejects on 'error', without leaving a listener behind per write.
      await once(this.stream, 'drain');
      if (this.failure) throw this.failure;
    }
  }

  async commit(): Promise<string> {
    await this.close();
    await rename(this.tmpPath, this.path);
    return this.path;
  }

  /** Closes and deletes the temporary file (after a failure). */
  async discard(): Promise<void> {
    await this.close().catch(() => undefined);
    await rm(this.tmpPath, { force: true });
  }

  private async close(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.stream.closed) return;
    await new Promise<void>((resolve, reject) => {
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
    });
    if (this.failure) throw this.failure;
  }
}
