import type { Migration } from 'kysely';
import * as foundation from './0100-foundation.js';
import * as people from '../../people/migrations/0200-people.js';
import * as specialistDirections from '../../people/migrations/0210-specialist-directions.js';
import * as viewLog from '../../people/migrations/0211-view-log.js';
import * as yearRollovers from '../../structure/migrations/0215-year-rollovers.js';
import * as personSex from '../../people/migrations/0220-person-sex.js';
import * as curriculum from '../../curriculum/migrations/0300-curriculum.js';
import * as curriculumWeeks from '../../curriculum/migrations/0301-curriculum-weeks.js';
import * as curriculumPlx from '../../curriculum/migrations/0310-curriculum-plx.js';
import * as timetable from '../../timetable/migrations/0400-timetable.js';
import * as journal from '../../journal/migrations/0500-journal.js';
import * as journalLessons from '../../journal/migrations/0510-journal-lessons.js';
import * as journalLessonText from '../../journal/migrations/0530-journal-lesson-text.js';
import * as attestation from '../../attestation/migrations/0550-attestation.js';
import * as family from '../../family/migrations/0551-family.js';
import * as control from '../../control/migrations/0600-control.js';
import * as remarks from '../../control/migrations/0601-remarks.js';
import * as weeklyChecks from '../../control/migrations/0602-weekly-checks.js';
import * as termChecks from '../../control/migrations/0603-term-checks.js';
import * as controlPlan from '../../control/migrations/0604-control-plan.js';
import * as termChecksByJob from '../../control/migrations/0605-term-checks-by-job.js';
import * as absenceHoursIndex from '../../control/migrations/0610-absence-hours-index.js';
import * as archive from '../../archive/migrations/0700-archive.js';
import * as rightsStamp from './0900-rights-stamp.js';
import * as notify from '../../notify/migrations/1000-notify.js';
import * as outboxSendStarted from '../../notify/migrations/1001-outbox-send-started.js';
import * as guardian from '../../notify/migrations/1010-guardian.js';
import * as messages from '../../messages/migrations/1100-messages.js';
import * as gia from '../../gia/migrations/1200-gia.js';
import * as giaThesisGradesAndCutoffs from '../../gia/migrations/1210-thesis-grades-and-cutoffs.js';
import * as forecast from '../../forecast/migrations/1300-forecast.js';
import * as backups from '../../backup/migrations/1400-backups.js';
import * as colleges from '../../region/migrations/1500-colleges.js';
import * as regionFigures from '../../region/migrations/1510-region-figures.js';
import * as serviceAccounts from '../../integrations/migrations/1600-service-accounts.js';
import * as sso from '../../auth/migrations/1610-sso.js';
import * as serviceAccountUsesRetention from '../../integrations/migrations/1620-service-account-uses-retention.js';

// Each area keeps its migrations in <area>/migrations/ and lists them here, in its own number range:
// 01xx foundation, 02xx people, 03xx curriculum, 04xx timetable, 05xx journal, 06xx control,
// 07xx archive; 09xx platform work over the tables of every area (it runs after them on a fresh database);
// then the areas added later, each after it: 10xx notify (the outbox, in-app notifications), 11xx messages and events, 12xx gia, 13xx forecast, 14xx backup, 15xx region, 16xx integrations (1600, 1620) and single sign-on (1610).
export const migrations: Record<string, Migration> = {
  '0100-foundation': foundation,
  '0200-people': people,
  '0210-specialist-directions': specialistDirections,
  '0211-view-log': viewLog,
  '0215-year-rollovers': yearRollovers,
  '0220-person-sex': personSex,
  '0300-curriculum': curriculum,
  '0301-curriculum-weeks': curriculumWeeks,
  '0310-curriculum-plx': curriculumPlx,
  '0400-timetable': timetable,
  '0500-journal': journal,
  '0510-journal-lessons': journalLessons,
  '0530-journal-lesson-text': journalLessonText,
  '0550-attestation': attestation,
  '0551-family': family,
  '0600-control': control,
  '0601-remarks': remarks,
  '0602-weekly-checks': weeklyChecks,
  '0603-term-checks': termChecks,
  '0604-control-plan': controlPlan,
  '0605-term-checks-by-job': termChecksByJob,
  '0610-absence-hours-index': absenceHoursIndex,
  '0700-archive': archive,
  '0900-rights-stamp': rightsStamp,
  '1000-notify': notify,
  '1001-outbox-send-started': outboxSendStarted,
  '1010-guardian': guardian,
  '1100-messages': messages,
  '1200-gia': gia,
  '1210-thesis-grades-and-cutoffs': giaThesisGradesAndCutoffs,
  '1300-forecast': forecast,
  '1400-backups': backups,
  '1500-colleges': colleges,
  '1510-region-figures': regionFigures,
  '1600-service-accounts': serviceAccounts,
  '1610-sso': sso,
  '1620-service-account-uses-retention': serviceAccountUsesRetention,
};
