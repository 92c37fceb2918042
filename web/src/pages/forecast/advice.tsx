import { useQuery } from '@tanstack/react-query';
import { call, keyOf } from '../../api.js';
import { dateRu } from '../../format.js';
import { Empty, ErrorNotice, Loading } from '../../ui/index.js';
import { GiaAdviceView } from './gia.js';

// «Что нужно для лучшей оценки» (issue 16 item 5): in the diary of a student or a guardian, for each
// subject of the term, the grade to aim at and the steps towards it, with the journal's facts that
// weigh on it — never probabilities.

export function AdviceView({ studentId }: { studentId: number }) {
  const q = useQuery({
    queryKey: keyOf('GET /forecast/students/:id', { params: { id: studentId } }),
    queryFn: () => call('GET /forecast/students/:id', { params: { id: studentId } }),
  });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const d = q.data!;
  if (!d.subjects.length)
    return (
      <>
        <Empty>В этом семестре пока нет дисциплин с журналом.</Empty>
        <GiaAdviceView studentId={studentId} />
      </>
    );
  return (
    <>
      <GiaAdviceView studentId={studentId} />
      <section aria-labelledby="advice-h">
        <h2 id="advice-h">Что нужно для лучшей оценки</h2>
        <p className="small muted">
          {d.term.title}, по журналу на {dateRu(d.asOf)}. Подсказка считается по оценкам, пропускам и сданным работам и обновляется с каждой
          новой оценкой.
        </p>
        <ul className="plain advice">
          {d.subjects.map((s) => (
            <li key={s.subject.id} className="panel">
              <h3 style={{ margin: 0 }}>
                {s.subject.code} {s.subject.name}
              </h3>
              {s.given ? (
                <p>Оценка за семестр выставлена: «{s.given}».</p>
              ) : (
                <>
                  <p>{s.target ? `Чтобы получить «${s.target}»:` : 'Так держать:'}</p>
                  <ul>
                    {s.steps.map((t) => (
                      <li key={t}>{t}</li>
                    ))}
                  </ul>
                  {s.notes.length > 0 && <p className="small muted">Сейчас мешает: {s.notes.join('; ')}.</p>}
                </>
              )}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
