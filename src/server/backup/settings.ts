import { resolve } from 'node:path';
import { DEFAULT_RETENTION, type RetentionPolicy } from '../../domain/backup.js';
import { envInt } from '../platform/config.js';

/** Where backups go and when (environment, listed in the README; decision 037). */
export interface BackupSettings {
  /** The local folder (BACKUP_DIR); the work folder of a backup in progress sits inside it. */
  dir: string;
  /** A second folder, on another disk (BACKUP_MIRROR_DIR). */
  mirrorDir: string | null;
  s3: S3Settings | null;
  /** Daily at this local time (BACKUP_AT, HH:MM) in BACKUP_TIME_ZONE. */
  at: string;
  timeZone: string;
  retention: RetentionPolicy;
  pgDump: string;
  pgRestore: string;
}

export interface S3Settings {
  endpoint: string;
  bucket: string;
  accessKey: string;
  secretKey: string;
  region: string;
  /** Keys of the installation's backups start with it (BACKUP_S3_PREFIX, default «ejournal/»). */
  prefix: string;
}

export function backupSettings(env: NodeJS.ProcessEnv = process.env): BackupSettings {
  const at = env.BACKUP_AT || '02:30';
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(at)) throw new Error(`BACKUP_AT должен быть временем ЧЧ:ММ (получено «${at}»)`);
  const s3Vars = ['BACKUP_S3_ENDPOINT', 'BACKUP_S3_BUCKET', 'BACKUP_S3_ACCESS_KEY', 'BACKUP_S3_SECRET_KEY'] as const;
  const given = s3Vars.filter((v) => env[v]);
  if (given.length && given.length < s3Vars.length)
    throw new Error(`для копий в S3 нужны все переменные: ${s3Vars.join(', ')} (не заданы: ${s3Vars.filter((v) => !env[v]).join(', ')})`);
  return {
    dir: resolve(env.BACKUP_DIR || './data/backups'),
    mirrorDir: env.BACKUP_MIRROR_DIR ? resolve(env.BACKUP_MIRROR_DIR) : null,
    s3: given.length
      ? {
          endpoint: env.BACKUP_S3_ENDPOINT!.replace(/\/+$/, ''),
          bucket: env.BACKUP_S3_BUCKET!,
          accessKey: env.BACKUP_S3_ACCESS_KEY!,
          secretKey: env.BACKUP_S3_SECRET_KEY!,
          region: env.BACKUP_S3_REGION || 'us-east-1',
          prefix: env.BACKUP_S3_PREFIX ?? 'ejournal/',
        }
      : null,
    at,
    timeZone: env.BACKUP_TIME_ZONE || 'Europe/Moscow',
    retention: {
      daily: envInt('BACKUP_KEEP_DAILY', DEFAULT_RETENTION.daily, env),
      weekly: envInt('BACKUP_KEEP_WEEKLY', DEFAULT_RETENTION.weekly, env),
      monthly: envInt('BACKUP_KEEP_MONTHLY', DEFAULT_RETENTION.monthly, env),
    },
    pgDump: env.PG_DUMP || 'pg_dump',
    pgRestore: env.PG_RESTORE || 'pg_restore',
  };
}
