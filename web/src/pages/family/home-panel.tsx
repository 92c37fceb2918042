import { useState } from 'react';
import { Link } from 'react-router';
import { useMe } from '../../auth.js';
import { rememberChild, rememberedChild } from '../../child.js';
import { ErrorNotice, Loading } from '../../ui/index.js';
import { ChildSwitcher, DayView, useChildren } from './components.js';

/** The home page of a student or guardian answers «what happened today». */
export function FamilyHomePanel() {
  const me = useMe();
  const children = useChildren();
  const [chosen, setChosen] = useState<number | null>(() => rememberedChild(me) ?? null);
  if (children.isLoading) return <Loading />;
  if (children.error) return <ErrorNotice error={children.error} />;
  const items = children.data!.items;
  if (!items.length) return null;
  const child = items.find((c) => c.studentId === chosen) ?? items[0];
  return (
    <section className="panel family" aria-label="Сегодня">
      <ChildSwitcher
        items={items}
        value={child.studentId}
        onChange={(id) => {
          rememberChild(me, id);
          setChosen(id);
        }}
      />
      {items.length > 1 && (
        <p className="small muted">
          {child.fullName} · {child.groupName}
        </p>
      )}
      <DayView key={child.studentId} studentId={child.studentId} compact />
      <div className="actions">
        <Link className="button secondary" to={`/family?child=${child.studentId}&tab=week`}>
          Неделя и задания
        </Link>
        <Link className="button secondary" to={`/family?child=${child.studentId}&tab=grades`}>
          Все оценки
        </Link>
      </div>
    </section>
  );
}
