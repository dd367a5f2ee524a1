import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { ByteChunk } from '../core/byte-chunk.js';
import { ImportError } from '../core/errors.js';

/** Lines are gathered into chunks of this many bytes: one stream write per line costs more than the line. */
const CHUNK_BYTES = 64 * 1024;

/**
 * A text file written line by line with backpressure (memory stays bounded however many lines), into
 * `<path>.tmp` first and renamed on commit, so a crash never leaves a half-written report behind.
 */
export class FileSink {
  private readonly stream: WriteStream;
  private readonly tmpPath: string;
  private failure: Error | undefined;
  private readonly chunk = new ByteChunk(CHUNK_BYTES);

  constructor(readonly path: string) {
    this.tmpPath = `${path}.tmp`;
    this.stream = createWriteStream(this.tmpPath, { encoding: 'utf8' });
    this.stream.on('error', (error) => {
      this.failure = this.cannotWrite(error);
    });
  }

  /**
   * Appends a line. Returns a promise only when the line waits for a full chunk to go to the disk: a
   * million lines that each returned one cost a turn of the microtask queue each.
   */
  write(text: string): Promise<void> | undefined {
    if (this.failure) return Promise.reject(this.failure);
    if (this.chunk.append(text)) return undefined;
    return this.flush().then(() => {
      this.chunk.append(text);
    });
  }

  async commit(): Promise<string> {
    await this.flush();
    await this.close();
    await rename(this.tmpPath, this.path);
    return this.path;
  }

  /** Closes and deletes the temporary file (after a failure). */
  async discard(): Promise<void> {
    this.chunk.take();
    await this.close().catch(() => undefined);
    await rm(this.tmpPath, { force: true });
  }

  private async flush(): Promise<void> {
    if (this.chunk.used === 0) return;
    if (!this.stream.write(this.chunk.take())) {
      // `once` also rejects on 'error', without leaving a listener behind per write.
      await once(this.stream, 'drain');
    }
    if (this.failure) throw this.failure;
  }

  /** A failed write (a full disk, say) as the error that stops the command, saying which file and what to do. */
  private cannotWrite(error: Error): ImportError {
    if (error instanceof ImportError) return error;
    return new ImportError('JOURNAL', `cannot write the report ${this.path}: ${error.message}`, {
      hint: 'check that --state points to a writable directory with free space',
      cause: error,
    });
  }

  private async close(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.stream.closed) return;
    await new Promise<void>((resolve, reject) => {
      this.stream.end((error?: Error | null) => (error ? reject(this.cannotWrite(error)) : resolve()));
    });
    if (this.failure) throw this.failure;
  }
}
