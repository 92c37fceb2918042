import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import type { CurriculumList } from '../../../../src/contracts/curriculum.js';
import { ApiError, call, hrefOf, keyOf } from '../../api.js';
import { DataTable } from '../../ui/data-table.js';
import { useForm } from '../../ui/form.js';
import { Empty, ErrorNotice, Field, Loading, SelectField } from '../../ui/index.js';
import { Download } from './common.js';
import { usePageTitle } from '../../page-title.js';

/** Curricula by program and intake year; the methodist creates one empty or as a copy of another year. */
export function CurriculaPage() {
  usePageTitle('Учебные планы', 'curricula');
  const q = useQuery({ queryKey: keyOf('GET /curricula'), queryFn: () => call('GET /curricula') });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const d = q.data!;
  return (
    <>
      <h1>Учебные планы</h1>
      <p className="muted small">
        Учебный план составляют на специальность (профессию) и год набора: дисциплины, МДК и практики с часами по семестрам и видам занятий,
        формы промежуточной аттестации. По нему распределяют нагрузку и сверяют часы КТП.
      </p>
      <div className="actions no-print">
        {d.canEdit && (
          <Link className="button" to="/curriculum/import-plx">
            Загрузить из «Планов» (.plx)
          </Link>
        )}
        <Download href={hrefOf('GET /curricula/template.xlsx')}>Скачать шаблон учебного плана (XLSX)</Download>
      </div>
      {d.canEdit && <CreateForm list={d} />}
      {!d.items.length ? (
        <Empty>
          Учебных планов пока нет.{' '}
          {d.canEdit
            ? 'Загрузите план из файла «Планов» (.plx) или создайте его выше: пустой или копию плана другого года набора, затем загрузите дисциплины из XLSX или внесите их вручную.'
            : 'Их вносит учебная часть.'}
        </Empty>
      ) : (
        <DataTable
          caption="Учебные планы"
          captionHidden
          rows={d.items}
          rowKey={(c) => c.id}
          columns={[
            { key: 'name', title: 'Учебный план', cell: (c) => <Link to={`/curriculum/${c.id}`}>{c.name}</Link> },
            { key: 'year', title: 'Год набора', cell: (c) => c.intakeYear },
            { key: 'groups', title: 'Группы', cell: (c) => c.groups.map((g) => g.name).join(', ') || '—' },
            { key: 'items', title: 'Дисциплин', cell: (c) => c.items },
            {
              key: 'status',
              title: 'Состояние',
              cell: (c) => (
                <span className={`badge ${c.status === 'approved' ? 'ok' : ''}`}>{c.status === 'approved' ? 'Утверждён' : 'Черновик'}</span>
              ),
            },
          ]}
        />
      )}
    </>
  );
}

function CreateForm({ list }: { list: CurriculumList }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const blank = { programId: '', intakeYear: String(new Date().getFullYear()), copyFromId: '' };
  const create = useMutation({
    mutationFn: (v: typeof blank) =>
      call('POST /curricula', {
        body: { programId: Number(v.programId), intakeYear: Number(v.intakeYear), copyFromId: v.copyFromId ? Number(v.copyFromId) : null },
      }),
    onSuccess: (c) => {
      void qc.invalidateQueries({ queryKey: ['GET /curricula'] });
      void navigate(`/curriculum/${c.id}`);
    },
    onError: (e) => {
      const id = e instanceof ApiError ? (e.details as { curriculumId?: number } | undefined)?.curriculumId : undefined;
      if (id) void navigate(`/curriculum/${id}`);
    },
  });
  const form = useForm(blank, { error: create.error, onSubmit: (v) => create.mutate(v) });
  const programId = Number(form.values.programId);
  const sources = list.items.filter((c) => !programId || c.programId === programId);
  return (
    <form className="panel no-print" {...form.form}>
      <strong>Новый учебный план</strong>
      <div className="form-row">
        <SelectField label="Специальность (профессия)" {...form.field('programId')}>
          <option value="">Выберите</option>
          {list.programs.map((p) => (
            <option key={p.id} value={p.id}>
              {p.code} {p.name}
            </option>
          ))}
        </SelectField>
        <Field label="Год набора" type="number" min={2000} max={2100} {...form.field('intakeYear')} />
        <SelectField label="Скопировать из плана" {...form.field('copyFromId')}>
          <option value="">Не копировать — пустой план</option>
          {sources.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
      </div>
      <ErrorNotice error={create.error} />
      <div className="actions">
        <button type="submit" disabled={!programId || create.isPending}>
          Создать учебный план
        </button>
      </div>
    </form>
  );
}
