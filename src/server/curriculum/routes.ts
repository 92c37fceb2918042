import { sendDownload, XLSX_TYPE } from '../platform/documents.js';
import { type App, ctxOf, type Deps } from '../platform/http.js';
import { serve } from '../platform/serve.js';
import { createCurriculum, deleteCurriculum, getCurriculum, listCurricula, updateCurriculum } from './curricula-service.js';
import { createItem, deleteItem, importCurriculum, updateItem } from './curriculum-items.js';
import { getFulfilment } from './fulfilment.js';
import { createAssignment, deleteAssignment, updateAssignment } from './load-edit.js';
import { getLoad, getUncovered, groupItems, loadOptions } from './load-read.js';
import { createPlan, importPlan, saveLines } from './plans-edit.js';
import { approvePlan, deletePlan, returnPlan, revisePlan, submitPlan } from './plans-flow.js';
import { getPlan, listPlans, myPlans } from './plans-read.js';
import { importPlx } from './plx-service.js';
import { organizationName } from './queries.js';
import { commissions } from './queries/curricula.js';
import { curriculumWorkbook, planWorkbook } from './xlsx.js';

export async function curriculumRoutes(app: App, deps: Deps) {
  const orgName = (req: Parameters<typeof ctxOf>[0]) => organizationName(deps.db, req.principal!.organizationId);
  const commissionsOf = (orgId: number) => commissions(deps.db, orgId);

  // Curricula (учебные планы).
  serve(app, 'GET /curricula', async (req) => listCurricula(ctxOf(req, deps), req.query.programId));

  serve(app, 'POST /curricula', async (req) => createCurriculum(ctxOf(req, deps), req.body));

  serve(app, 'GET /curricula/template.xlsx', async (req, reply) =>
    sendDownload(
      reply,
      await curriculumWorkbook(null, await commissionsOf(req.principal!.organizationId)),
      'Шаблон учебного плана.xlsx',
      XLSX_TYPE,
    ),
  );

  serve(app, 'POST /curricula/import-plx', async (req) => importPlx(ctxOf(req, deps), req.body));

  serve(app, 'GET /curricula/:id', async (req) => getCurriculum(ctxOf(req, deps), req.params.id));

  serve(app, 'GET /curricula/:id/export.xlsx', async (req, reply) => {
    const c = await getCurriculum(ctxOf(req, deps), req.params.id);
    return sendDownload(
      reply,
      await curriculumWorkbook(c, await commissionsOf(req.principal!.organizationId)),
      `Учебный план ${c.programCode} ${c.intakeYear}.xlsx`,
      XLSX_TYPE,
    );
  });

  serve(app, 'PATCH /curricula/:id', async (req) => updateCurriculum(ctxOf(req, deps), req.params.id, req.body));

  serve(app, 'DELETE /curricula/:id', async (req) => {
    await deleteCurriculum(ctxOf(req, deps), req.params.id);
    return { ok: true as const };
  });

  serve(app, 'POST /curricula/:id/items', async (req) => createItem(ctxOf(req, deps), req.params.id, req.body));

  serve(app, 'PUT /curricula/:id/items/:itemId', async (req) => updateItem(ctxOf(req, deps), req.params.id, req.params.itemId, req.body));

  serve(app, 'DELETE /curricula/:id/items/:itemId', async (req) => deleteItem(ctxOf(req, deps), req.params.id, req.params.itemId));

  serve(app, 'POST /curricula/:id/import', async (req) => importCurriculum(ctxOf(req, deps), req.params.id, req.body));

  // Teaching load (нагрузка) and fulfilment.
  serve(app, 'GET /load', async (req) => getLoad(ctxOf(req, deps), req.query));

  serve(app, 'GET /load/uncovered', async (req) => getUncovered(ctxOf(req, deps), req.query.termId));

  serve(app, 'GET /load/options', async (req) => loadOptions(ctxOf(req, deps)));

  serve(app, 'GET /load/group-items', async (req) => groupItems(ctxOf(req, deps), req.query.groupId, req.query.termId));

  serve(app, 'POST /assignments', async (req) => createAssignment(ctxOf(req, deps), req.body));

  serve(app, 'PATCH /assignments/:id', async (req) => updateAssignment(ctxOf(req, deps), req.params.id, req.body));

  serve(app, 'DELETE /assignments/:id', async (req) => {
    await deleteAssignment(ctxOf(req, deps), req.params.id);
    return { ok: true as const };
  });

  serve(app, 'GET /fulfilment', async (req) => getFulfilment(ctxOf(req, deps), req.query));

  // Lesson plans (КТП).
  serve(app, 'GET /lesson-plans', async (req) => listPlans(ctxOf(req, deps), req.query.status));

  serve(app, 'GET /lesson-plans/mine', async (req) => myPlans(ctxOf(req, deps)));

  serve(app, 'GET /lesson-plans/template.xlsx', async (req, reply) =>
    sendDownload(reply, await planWorkbook(null, await orgName(req)), 'Шаблон КТП.xlsx', XLSX_TYPE),
  );

  serve(app, 'POST /lesson-plans', async (req) => createPlan(ctxOf(req, deps), req.body));

  serve(app, 'GET /lesson-plans/:id', async (req) => getPlan(ctxOf(req, deps), req.params.id));

  serve(app, 'GET /lesson-plans/:id/export.xlsx', async (req, reply) => {
    const plan = await getPlan(ctxOf(req, deps), req.params.id);
    return sendDownload(
      reply,
      await planWorkbook(plan, await orgName(req)),
      `КТП ${plan.item.code}${plan.groupName ? ` ${plan.groupName}` : ''}.xlsx`,
      XLSX_TYPE,
    );
  });

  serve(app, 'PUT /lesson-plans/:id/lines', async (req) => saveLines(ctxOf(req, deps), req.params.id, req.body));

  serve(app, 'POST /lesson-plans/:id/import', async (req) => importPlan(ctxOf(req, deps), req.params.id, req.body));

  serve(app, 'POST /lesson-plans/:id/submit', async (req) => submitPlan(ctxOf(req, deps), req.params.id));

  serve(app, 'POST /lesson-plans/:id/revise', async (req) => revisePlan(ctxOf(req, deps), req.params.id));

  serve(app, 'DELETE /lesson-plans/:id', async (req) => {
    await deletePlan(ctxOf(req, deps), req.params.id);
    return { ok: true as const };
  });

  serve(app, 'POST /lesson-plans/:id/approve', async (req) => approvePlan(ctxOf(req, deps), req.params.id));

  serve(app, 'POST /lesson-plans/:id/return', async (req) => returnPlan(ctxOf(req, deps), req.params.id, req.body.remarks));
}
