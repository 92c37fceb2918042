import { Link, useSearchParams } from 'react-router';
import { can, useMe } from '../../auth.js';
import { rememberChild, rememberedChild } from '../../child.js';
import { reaches } from '../../scope.js';
import { Empty, ErrorNotice, Loading } from '../../ui/index.js';
import { AdviceView } from '../forecast/advice.js';
import { ChildSwitcher, DayView, GradesView, useChildren, WeekView } from './components.js';
import { usePageTitle } from '../../page-title.js';
import { GiaView } from './gia-view.js';

const TABS = [
  { key: 'day', label: 'День' },
  { key: 'week', label: 'Неделя' },
  { key: 'grades', label: 'Оценки' },
  { key: 'advice', label: 'Как улучшить оценки' },
  { key: 'gia', label: 'ГИА' },
] as const;
type Tab = (typeof TABS)[number]['key'];

/** The diary: a day, a week of timetable and homework, and grades by subject for any term. */
export function FamilyPage() {
  const me = useMe();
  // A guardian reads a linked child's diary; a student, their own.
  const title = reaches(me, 'family:read', 'linked') ? 'Дневник ребёнка' : 'Мой дневник';
  usePageTitle(title, 'family');
  const [params, setParams] = useSearchParams();
  const children = useChildren();
  if (children.isLoading) return <Loading />;
  if (children.error) return <ErrorNotice error={children.error} />;
  const items = children.data!.items;
  if (!items.length) return <Empty>К вашей учётной записи не привязан ни один обучающийся. Обратитесь к куратору группы.</Empty>;
  const childId = Number(params.get('child')) || rememberedChild(me) || items[0].studentId;
  const child = items.find((c) => c.studentId === childId) ?? items[0];
  const tab = (TABS.find((t) => t.key === params.get('tab'))?.key ?? 'day') as Tab;
  const go = (next: { child?: number; tab?: Tab }) => {
    if (next.child) rememberChild(me, next.child);
    setParams({ child: String(next.child ?? child.studentId), tab: next.tab ?? tab });
  };
  return (
    <div className="family">
      <h1>{title}</h1>
      <ChildSwitcher items={items} value={child.studentId} onChange={(id) => go({ child: id })} />
      <p className="muted small">
        {child.fullName}
        {child.groupName ? ` · группа ${child.groupName}, ${child.course}-й курс` : ''}
      </p>
      <div className="tabs" role="group" aria-label="Раздел дневника">
        {TABS.filter((t) => t.key !== 'advice' || can(me, 'forecast:advice')).map((t) => (
          <button
            key={t.key}
            type="button"
            className={t.key === tab ? '' : 'secondary'}
            aria-pressed={t.key === tab}
            onClick={() => go({ tab: t.key })}
          >
            {t.label}
          </button>
        ))}
      </div>
      {tab === 'day' && <DayView key={child.studentId} studentId={child.studentId} />}
      {tab === 'week' && <WeekView key={child.studentId} studentId={child.studentId} />}
      {tab === 'grades' && <GradesView key={child.studentId} studentId={child.studentId} />}
      {tab === 'advice' && <AdviceView key={child.studentId} studentId={child.studentId} />}
      {tab === 'gia' && <GiaView key={child.studentId} studentId={child.studentId} />}
      <p className="small muted no-print">
        <Link to="/">На главную</Link>
      </p>
    </div>
  );
}
