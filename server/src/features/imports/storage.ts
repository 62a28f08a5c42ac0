import { createHash } from 'node:crypto';
import type pg from 'pg';
import { type PgQueryable, pgExec } from '../../plugins/sql.ts';

/**
 * The original file, kept in 1 MiB chunks in `import_file_chunk` (see the migration for why
 * not one bytea): written as the upload streams in, read back one chunk at a time.
 */
export const CHUNK_BYTES = 1024 * 1024;

export async function storeChunks(
  client: pg.ClientBase,
  importId: string,
  source: AsyncIterable<Buffer | Uint8Array | string>,
  maxBytes: number,
): Promise<{ sizeBytes: number; checksum: string; firstBytes: Buffer }> {
  const hash = createHash('sha256');
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let seq = 0;
  let sizeBytes = 0;
  let firstBytes: Buffer | null = null;
  const flush = async (data: Buffer) => {
    await pgExec(client)('insert into import_file_chunk (import_id, seq, data) values (?, ?, ?)', [importId, seq, data]);
    seq += 1;
  };
  for await (const part of source) {
    const buffer = typeof part === 'string' ? Buffer.from(part) : Buffer.isBuffer(part) ? part : Buffer.from(part);
    sizeBytes += buffer.length;
    if (sizeBytes > maxBytes) throw new FileTooLargeError();
    hash.update(buffer);
    firstBytes ??= Buffer.from(buffer.subarray(0, 8));
    pending.push(buffer);
    pendingBytes += buffer.length;
    while (pendingBytes >= CHUNK_BYTES) {
      const all = Buffer.concat(pending);
      await flush(all.subarray(0, CHUNK_BYTES));
      const rest = all.subarray(CHUNK_BYTES);
      pending = rest.length ? [Buffer.from(rest)] : [];
      pendingBytes = rest.length;
    }
  }
  if (pendingBytes > 0) await flush(Buffer.concat(pending));
  return { sizeBytes, checksum: hash.digest('hex'), firstBytes: firstBytes ?? Buffer.alloc(0) };
}

export class FileTooLargeError extends Error {
  constructor() {
    super('file too large');
    this.name = 'FileTooLargeError';
  }
}

/** The stored file as a stream of chunks, the next one fetched while the current one is parsed. */
export function readChunks(pool: PgQueryable, importId: string): () => AsyncIterable<Buffer> {
  const exec = pgExec(pool);
  return async function* () {
    const fetch = async (seq: number) => {
      const rows = await exec<{ data: Buffer }>('select data from import_file_chunk where import_id = ? and seq = ?', [importId, seq]);
      return rows[0]?.data ?? null;
    };
    let seq = 0;
    let next = fetch(seq);
    // A prefetch left behind when the reader stops early must not become an unhandled rejection.
    next.catch(() => {});
    while (true) {
      const data = await next;
      if (!data) return;
      seq += 1;
      next = fetch(seq);
      next.catch(() => {});
      yield data;
    }
  };
}

/** The last `chunks` stored chunks of the file, in order: a zip file's central directory is at its end. */
export async function readTail(pool: PgQueryable, importId: string, chunks = 2): Promise<Buffer> {
  const rows = await pgExec(pool)<{ data: Buffer }>(
    'select data from (select seq, data from import_file_chunk where import_id = ? order by seq desc limit ?) t order by seq',
    [importId, chunks],
  );
  return Buffer.concat(rows.map((row) => row.data));
}
