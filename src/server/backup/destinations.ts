import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { S3Bucket } from './s3.js';
import type { BackupSettings } from './settings.js';

/** Where a backup goes: a folder (local, or a second disk) or an S3-compatible bucket (decision 037). */
export interface Destination {
  kind: 'dir' | 'mirror' | 's3';
  /** The folder, or s3://bucket/prefix: shown to the administrator. */
  target: string;
  /** Stores a file under a name; a half-written file never carries the final name. */
  put(localPath: string, name: string): Promise<void>;
  /** Reads a stored file back to a local path. */
  get(name: string, localPath: string): Promise<void>;
  remove(name: string): Promise<void>;
}

function folder(kind: 'dir' | 'mirror', dir: string): Destination {
  return {
    kind,
    target: dir,
    async put(localPath, name) {
      await mkdir(dir, { recursive: true });
      const part = join(dir, `.${name}.part`);
      await copyFile(localPath, part);
      await rename(part, join(dir, name));
    },
    async get(name, localPath) {
      await copyFile(join(dir, name), localPath);
    },
    async remove(name) {
      await rm(join(dir, name), { force: true });
    },
  };
}

export function s3Destination(s: NonNullable<BackupSettings['s3']>): Destination {
  const bucket = new S3Bucket(s);
  return {
    kind: 's3',
    target: `s3://${s.bucket}/${s.prefix}`,
    async put(localPath, name) {
      await bucket.put(`${s.prefix}${name}`, await readFile(localPath));
    },
    async get(name, localPath) {
      await writeFile(localPath, await bucket.get(`${s.prefix}${name}`));
    },
    async remove(name) {
      await bucket.delete(`${s.prefix}${name}`);
    },
  };
}

/** The destinations the settings name: always the local folder, and the second disk and S3 when set. */
export function destinationsOf(s: BackupSettings): Destination[] {
  return [folder('dir', s.dir), ...(s.mirrorDir ? [folder('mirror', s.mirrorDir)] : []), ...(s.s3 ? [s3Destination(s.s3)] : [])];
}
