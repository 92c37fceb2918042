import {
  AssignmentsQuery,
  AttestationAssignments,
  GradeParams,
  GradeSheet,
  Overrides,
  OverridesQuery,
  SetTermGradeBody,
  SetTermGradeResult,
} from '../attestation.js';
import { IdParam } from '../common.js';
import { routes } from '../route.js';

const tags = ['attestation'];

export const ATTESTATION_ROUTES = routes({
  'GET /attestation/assignments': {
    access: 'attestation:read',
    tags: ['attestation'],
    summary: 'Нагрузка семестра с ходом выставления семестровых оценок',
    query: AssignmentsQuery,
    response: { 200: AttestationAssignments },
  },
  'GET /attestation/assignments/:id/sheet': {
    access: 'attestation:read',
    tags: ['attestation'],
    summary: 'Ведомость группы по дисциплине: средние, проверка объективности (п. 4.2), оценки',
    params: IdParam,
    response: { 200: GradeSheet },
  },
  'PUT /attestation/assignments/:id/students/:studentId/grades/:kind': {
    access: 'attestation:write',
    yearOf: ['assignment:params.id'],
    tags: ['attestation'],
    summary: 'Выставить семестровую, экзаменационную или итоговую оценку (409 objectivity — чего не хватает по п. 4.2)',
    params: GradeParams,
    body: SetTermGradeBody,
    response: { 200: SetTermGradeResult },
  },
  'GET /attestation/overrides': {
    access: 'attestation:overrides:read',
    tags: ['attestation'],
    summary: 'Оценки, выставленные вопреки проверке объективности: кто, почему, чего не хватало',
    query: OverridesQuery,
    response: { 200: Overrides },
  },
  'GET /attestation/assignments/:id/sheet.pdf': {
    access: 'attestation:read',
    tags,
    summary: 'Ведомость для печати (PDF)',
    params: IdParam,
  },
  'GET /attestation/assignments/:id/sheet.xlsx': {
    access: 'attestation:read',
    tags,
    summary: 'Ведомость для печати (XLSX)',
    params: IdParam,
  },
});
