import { availableParallelism } from 'node:os';

// What `npm run start:cluster` checks before it touches the database (decision 042).

/** WORKERS from the environment: a positive integer, default the number of CPUs. */
export function workerCount(value = process.env.WORKERS): number {
  if (value === undefined || value === '') return availableParallelism();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`WORKERS должно быть целым положительным числом (получено «${value}»)`);
  return n;
}

/** Why this installation cannot run `workers` processes, or null. */
export function clusterRefusal(databaseUrl: string, workers: number): string | null {
  if (workers > 1 && databaseUrl.startsWith('sqlite:'))
    return (
      `База SQLite обслуживается одним процессом, а запрошено процессов: ${workers}. ` +
      'Несколько процессов работают только с PostgreSQL (DATABASE_URL=postgres://…); для SQLite задайте WORKERS=1.'
    );
  return null;
}
