import { ctxOf, type App, type Deps } from '../platform/http.js';
import { serve } from '../platform/serve.js';
import { sendDownload, XLSX_TYPE } from '../platform/documents.js';
import { issueCredentials } from './credentials.js';
import { importFile, templateFile } from './import.js';
import { groupPage, groupUsage, usageSummary, usageXlsx } from './group-page.js';
import { assignToGroup, move, setSubgroupMembers } from './movement.js';
import { changeContacts, decideContactChange, getSettings, listContactChanges, saveSettings } from './contacts.js';
import { guardianCard, linkGuardian, listGuardians, unlinkGuardian } from './guardians.js';
import { updatePerson } from './persons.js';
import { createStaff, listStaff, setStaffRoles } from './staff.js';
import { createStudent, listStudents, studentCard } from './students.js';
import { viewLog } from './view-log.js';
import { getDirection, setDirection } from './direction.js';

export async function peopleRoutes(app: App, deps: Deps) {
  serve(app, 'GET /students', async (req) => listStudents(ctxOf(req, deps), req.query));
  serve(app, 'POST /students', async (req) => createStudent(ctxOf(req, deps), req.body));
  serve(app, 'GET /students/:id', async (req) => studentCard(ctxOf(req, deps), req.params.id));
  serve(app, 'POST /students/:id/movement', async (req) => move(ctxOf(req, deps), req.params.id, req.body));
  serve(app, 'POST /students/:id/guardians', async (req) => linkGuardian(ctxOf(req, deps), req.params.id, req.body));
  serve(app, 'DELETE /guardian-links/:id', async (req) => {
    await unlinkGuardian(ctxOf(req, deps), req.params.id);
    return { ok: true as const };
  });

  serve(app, 'GET /guardians', async (req) => listGuardians(ctxOf(req, deps), req.query));
  serve(app, 'GET /guardians/:id', async (req) => guardianCard(ctxOf(req, deps), req.params.id));

  serve(app, 'PUT /persons/:id', async (req) => updatePerson(ctxOf(req, deps), req.params.id, req.body));
  serve(app, 'PATCH /persons/:id/contacts', async (req) => changeContacts(ctxOf(req, deps), req.params.id, req.body));
  serve(app, 'GET /contact-changes', async (req) => listContactChanges(ctxOf(req, deps), req.query));
  serve(app, 'POST /contact-changes/:id/decision', async (req) => decideContactChange(ctxOf(req, deps), req.params.id, req.body));
  serve(app, 'GET /people/settings', async (req) => getSettings(ctxOf(req, deps)));
  serve(app, 'PUT /people/settings', async (req) => saveSettings(ctxOf(req, deps), req.body));

  serve(app, 'GET /staff', async (req) => listStaff(ctxOf(req, deps), req.query));
  serve(app, 'POST /staff', async (req) => createStaff(ctxOf(req, deps), req.body));
  serve(app, 'PUT /staff/:id/roles', async (req) => setStaffRoles(ctxOf(req, deps), req.params.id, req.body.roles));

  serve(app, 'GET /staff/:id/direction', async (req) => getDirection(ctxOf(req, deps), req.params.id));
  serve(app, 'PUT /staff/:id/direction', async (req) => setDirection(ctxOf(req, deps), req.params.id, req.body));

  serve(app, 'GET /groups/:id/page', async (req) => groupPage(ctxOf(req, deps), req.params.id, req.query.date));
  serve(app, 'POST /groups/:id/assign', async (req) => assignToGroup(ctxOf(req, deps), req.params.id, req.body));
  serve(app, 'PUT /subgroups/:id/members', async (req) => setSubgroupMembers(ctxOf(req, deps), req.params.id, req.body));

  serve(app, 'POST /credentials', async (req) => issueCredentials(ctxOf(req, deps), req.body, `${req.protocol}://${req.host}`));

  serve(app, 'GET /usage', async (req) => usageSummary(ctxOf(req, deps)));
  serve(app, 'GET /groups/:id/usage', async (req) => groupUsage(ctxOf(req, deps), req.params.id));
  serve(app, 'GET /groups/:id/usage.xlsx', async (req, reply) => {
    const f = await usageXlsx(ctxOf(req, deps), req.params.id);
    return sendDownload(reply, f.buf, f.name, XLSX_TYPE);
  });

  serve(app, 'GET /people/view-log', async (req) => viewLog(ctxOf(req, deps), req.query));

  serve(app, 'GET /import/template', async (req, reply) => {
    const f = await templateFile(req.query.kind, req.query.format);
    return sendDownload(reply, f.buf, f.name, f.type);
  });
  serve(app, 'POST /import', async (req) => importFile(ctxOf(req, deps), req.body));
}
