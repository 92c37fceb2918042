import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import type { Db } from '../platform/db.js';
import { chunksFrom, completeFile, insertChunk } from './batch-queries.js';

// Files a batch makes are kept in the database in chunks (decision 028): written as they are made
// and read back page by page, so that neither side holds a whole file, and every process of a
// region (PostgreSQL) serves them.

const CHUNK_BYTES = 256 * 1024;
const CHUNKS_PER_READ = 4;

/** A writable that stores what is written to it as a file's chunks, with its size and SHA-256. */
export class ChunkWriter extends Writable {
  private readonly hash = createHash('sha256');
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private seq = 0;
  size = 0;
  sha256 = '';

  constructor(
    private readonly db: Db,
    private readonly orgId: number,
    readonly fileId: number,
  ) {
    super();
  }

  private async flushChunks(all: boolean): Promise<void> {
    while (this.pendingBytes >= CHUNK_BYTES || (all && this.pendingBytes > 0)) {
      const buf = Buffer.concat(this.pending);
      const chunk = buf.subarray(0, CHUNK_BYTES);
      const rest = buf.subarray(chunk.length);
      this.pending = rest.length ? [rest] : [];
      this.pendingBytes = rest.length;
      await insertChunk(this.db, this.orgId, this.fileId, this.seq++, chunk.toString('base64'));
    }
  }

  override _write(chunk: Buffer | string, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
    this.hash.update(buf);
    this.size += buf.length;
    this.pending.push(buf);
    this.pendingBytes += buf.length;
    if (this.pendingBytes < CHUNK_BYTES) return callback();
    this.flushChunks(false).then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.sha256 = this.hash.digest('hex');
    this.flushChunks(true)
      .then(() => completeFile(this.db, this.fileId, this.size, this.sha256))
      .then(() => callback(), callback);
  }
}

/** A kept file's bytes as a stream, read a few chunks at a time when the reader asks. */
export function fileStream(db: Db, orgId: number, fileId: number): Readable {
  async function* chunks() {
    let next = 0;
    for (;;) {
      const rows = await chunksFrom(db, orgId, fileId, next, CHUNKS_PER_READ);
      for (const r of rows) yield Buffer.from(r.data_base64, 'base64');
      if (rows.length < CHUNKS_PER_READ) return;
      next = rows[rows.length - 1].seq + 1;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}
