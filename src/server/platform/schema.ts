import type { Generated } from 'kysely';
import type { ArchiveTables } from '../archive/tables.js';
import type { AttestationTables } from '../attestation/tables.js';
import type { AuthTables } from '../auth/tables.js';
import type { BackupTables } from '../backup/tables.js';
import type { StructureTables } from '../structure/tables.js';
import type { CurriculumTables } from '../curriculum/tables.js';
import type { ForecastTables } from '../forecast/tables.js';
import type { GiaTables } from '../gia/tables.js';
import type { SchedulerTables } from '../control/scheduler-tables.js';
import type { RemarksTables } from '../control/remarks-tables.js';
import type { WeeklyTables } from '../control/weekly-tables.js';
import type { TermCheckTables } from '../control/term-check-tables.js';
import type { PlanTables } from '../control/plan-tables.js';
import type { JournalTables } from '../journal/tables.js';
import type { TimetableTables } from '../timetable/tables.js';
import type { PeopleTables } from '../people/tables.js';
import type { NotifyTables } from '../notify/tables.js';
import type { MessagesTables } from '../messages/tables.js';
import type { GuardianTables } from '../notify/guardian-tables.js';
import type { RegionTables } from '../region/tables.js';
import type { IntegrationsTables } from '../integrations/tables.js';

// Row types of the database: each area keeps its tables' row types in <area>/tables.ts, in an
// interface of its own, and DB below joins them. The platform's own table is the audit log.

type Id = Generated<number>;

export interface PlatformTables {
  audit_log: {
    id: Id;
    organization_id: number | null;
    actor_user_id: number | null;
    action: string;
    entity: string;
    entity_id: string | null;
    before: string | null;
    after: string | null;
    reason: string | null;
    ip: string | null;
    at: string;
  };
}

export type DB = PlatformTables &
  StructureTables &
  AuthTables &
  PeopleTables &
  CurriculumTables &
  TimetableTables &
  JournalTables &
  AttestationTables &
  SchedulerTables &
  RemarksTables &
  WeeklyTables &
  TermCheckTables &
  PlanTables &
  ArchiveTables &
  NotifyTables &
  GuardianTables &
  MessagesTables &
  GiaTables &
  ForecastTables &
  BackupTables &
  RegionTables &
  IntegrationsTables;
