import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ApiResponse } from '../../../../src/contracts/api.js';
import { call, keyOf, keysOf } from '../../api.js';
import { useMe } from '../../auth.js';
import { Empty, ErrorNotice, errorText, Field, fieldErrors, Loading, Notice } from '../../ui/index.js';
import { useDebounced } from './common.js';
import { countRu } from '../../format.js';

type Direction = ApiResponse<'GET /staff/:id/direction'>;
type Group = ApiResponse<'GET /groups'>[number];

const count = (n: number, one: string, few: string, many: string) => countRu(n, [one, few, many]);

/**
 * The administrator names a specialist's direction of work (п. 2.6): whole groups and single
 * students. The specialist then reads the journals, absences and cards of those only.
 */
export function DirectionForm({ personId, onDone }: { personId: number; onDone(): void }) {
  const qc = useQueryClient();
  const req = { params: { id: personId } };
  const current = useQuery({ queryKey: keyOf('GET /staff/:id/direction', req), queryFn: () => call('GET /staff/:id/direction', req) });
  const groups = useQuery({ queryKey: keyOf('GET /groups'), queryFn: () => call('GET /groups') });
  if (current.isLoading || groups.isLoading) return <Loading />;
  if (!current.data || !groups.data) return <ErrorNotice error={current.error ?? groups.error} />;
  return (
    <DirectionEditor
      direction={current.data}
      groups={groups.data}
      onDone={() => {
        void qc.invalidateQueries({ queryKey: keysOf('GET /staff/:id/direction') });
        onDone();
      }}
    />
  );
}

function DirectionEditor({ direction, groups, onDone }: { direction: Direction; groups: Group[]; onDone(): void }) {
  const [groupIds, setGroupIds] = useState(new Set(direction.groups.map((g) => g.id)));
  const [students, setStudents] = useState(direction.students);
  const [q, setQ] = useState('');
  const dq = useDebounced(q);
  const pick = { query: { q: dq, pageSize: 20 } };
  const found = useQuery({ queryKey: keyOf('GET /students', pick), queryFn: () => call('GET /students', pick), enabled: dq.length >= 2 });
  const save = useMutation({
    mutationFn: () =>
      call('PUT /staff/:id/direction', {
        params: { id: direction.personId },
        body: { groupIds: [...groupIds], studentIds: students.map((s) => s.id) },
      }),
  });
  const fields = fieldErrors(save.error);
  const toggle = (id: number) =>
    setGroupIds((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const title = `Направление работы: ${direction.fullName}`;
  return (
    <form
      className="panel"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h2 style={{ marginTop: 0 }}>{title}</h2>
      <p className="small muted">Специалист видит журналы, пропуски и карточки только выбранных групп и обучающихся (п. 2.6 Положения).</p>
      {!direction.isSpecialist && <Notice kind="warn">У сотрудника нет роли «Специалист»: сначала добавьте её в ролях.</Notice>}
      <fieldset className="pick-list">
        <legend>Группы ({groupIds.size} выбрано)</legend>
        {groups.map((g) => (
          <label key={g.id} className="inline">
            <input type="checkbox" checked={groupIds.has(g.id)} onChange={() => toggle(g.id)} /> {g.name}
          </label>
        ))}
      </fieldset>
      {fields.groupIds && <Notice kind="error">{fields.groupIds}</Notice>}
      <h3>Отдельные обучающиеся</h3>
      {students.length === 0 && <p className="small muted">Не выбраны. Найдите обучающегося по фамилии и добавьте.</p>}
      <ul className="plain">
        {students.map((s) => (
          <li key={s.id}>
            {s.fullName}
            {s.groupName && <span className="muted small"> — {s.groupName}</span>}{' '}
            <button type="button" className="link" onClick={() => setStudents(students.filter((x) => x.id !== s.id))}>
              убрать
            </button>
          </li>
        ))}
      </ul>
      <Field
        label="Найти обучающегося"
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        hint="Фамилия или номер зачётной книжки, не меньше двух букв"
      />
      {found.data && (
        <ul className="plain" aria-label="Найденные обучающиеся">
          {found.data.items
            .filter((x) => !students.some((s) => s.id === x.id))
            .map((x) => (
              <li key={x.id}>
                {x.fullName}
                {x.groupName && <span className="muted small"> — {x.groupName}</span>}{' '}
                <button
                  type="button"
                  className="link"
                  onClick={() => setStudents([...students, { id: x.id, fullName: x.fullName, groupName: x.groupName }])}
                >
                  добавить
                </button>
              </li>
            ))}
          {found.data.items.length === 0 && <li className="muted small">Никого не нашли.</li>}
        </ul>
      )}
      {fields.studentIds && <Notice kind="error">{fields.studentIds}</Notice>}
      {save.error != null && !fields.groupIds && !fields.studentIds && (
        <Notice kind="error">{fields.personId ?? errorText(save.error)}</Notice>
      )}
      {save.data && (
        <Notice kind="ok">
          Сохранено: {count(save.data.groups.length, 'группа', 'группы', 'групп')},{' '}
          {count(save.data.students.length, 'обучающийся', 'обучающихся', 'обучающихся')}.
        </Notice>
      )}
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          Сохранить
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Закрыть
        </button>
      </div>
    </form>
  );
}

/** The specialist's home: the groups and students of their direction of work. */
export function SpecialistPanel() {
  const me = useMe();
  const scope = me.roles.find((r) => r.role === 'specialist')?.scope ?? [];
  const groups = scope.filter((x) => x.kind === 'group');
  const students = scope.filter((x) => x.kind === 'student');
  return (
    <section className="panel" aria-label="Моё направление работы">
      <h2 style={{ marginTop: 0 }}>Моё направление работы</h2>
      {scope.length === 0 && (
        <Empty>
          Направление работы ещё не назначено. Администратор журнала выбирает ваши группы и обучающихся в разделе «Сотрудники» — кнопка
          «Направление работы».
        </Empty>
      )}
      {groups.length > 0 && (
        <div className="cards">
          {groups.map((g) => (
            <div className="card" key={g.id}>
              <h3>
                <Link to={`/groups/${g.id}`}>Группа {g.name}</Link>
              </h3>
              <div className="actions">
                <Link className="button" to={`/groups/${g.id}`}>
                  Страница группы
                </Link>
                <Link className="button secondary" to={`/journal/excuses?group=${g.id}`}>
                  Пропуски
                </Link>
              </div>
            </div>
          ))}
        </div>
      )}
      {scope.length > 0 && (
        <p>
          <Link to="/journals">Журналы моих групп и обучающихся</Link>
        </p>
      )}
      {students.length > 0 && (
        <>
          <h3>Обучающиеся</h3>
          <ul className="plain">
            {students.map((s) => (
              <li key={s.id}>
                <Link to={`/students/${s.id}`}>{s.name}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
