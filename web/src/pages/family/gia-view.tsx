import { useQuery } from '@tanstack/react-query';
import { DEMO_EXAM_LEVEL_TITLES, masteredTitle, POINTS_NOUN, THESIS_ADMISSION_TITLES } from '../../../../src/domain/gia.js';
import { call, keyOf } from '../../api.js';
import { countRu, dateRu, numberRu } from '../../format.js';
import { Empty, ErrorNotice, Loading } from '../../ui/index.js';

/** The student's state final attestation and module exams (issue 16), in the diary. */
export function GiaView({ studentId }: { studentId: number }) {
  const req = { params: { id: studentId } };
  const q = useQuery({ queryKey: keyOf('GET /gia/students/:id', req), queryFn: () => call('GET /gia/students/:id', req) });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const records = q.data!.records;
  if (!records.length) return <Empty>Результатов ГИА и экзаменов по модулям пока нет. Они появятся здесь, когда их внесёт колледж.</Empty>;
  return (
    <>
      {records.map((r, i) => (
        <section key={i} className="panel" aria-label={`ГИА ${r.yearName}`}>
          <h2>
            {r.yearName} · группа {r.groupName}
          </h2>
          {r.demoExam && (
            <p>
              <strong>Демонстрационный экзамен</strong> {dateRu(r.demoExam.examDate)}: {r.demoExam.competence} (
              {DEMO_EXAM_LEVEL_TITLES[r.demoExam.level]} уровень) — {numberRu(r.demoExam.points)} из{' '}
              {countRu(r.demoExam.maxPoints, POINTS_NOUN)}, оценка <strong>{r.demoExam.grade}</strong>
            </p>
          )}
          {r.thesis && (
            <p>
              <strong>ВКР</strong>: «{r.thesis.topic}»{r.thesis.supervisor ? `, руководитель ${r.thesis.supervisor}` : ''}
              {r.thesis.admission ? ` · ${THESIS_ADMISSION_TITLES[r.thesis.admission]} к защите` : ''}
              {r.thesis.defenseDate ? ` · защита ${dateRu(r.thesis.defenseDate)}` : ''}
              {r.thesis.grade ? (
                <>
                  {' '}
                  · оценка <strong>{r.thesis.grade}</strong>
                </>
              ) : null}
            </p>
          )}
          {r.moduleExams.length > 0 && (
            <ul>
              {r.moduleExams.map((m) => (
                <li key={m.id}>
                  Экзамен по модулю {m.moduleCode} {m.moduleName}: вид деятельности {masteredTitle(m.mastered)}, оценка{' '}
                  <strong>{m.grade}</strong>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}
