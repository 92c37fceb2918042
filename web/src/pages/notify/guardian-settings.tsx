import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ChannelPrefs, MyPrefs } from '../../../../src/contracts/notify-guardian.js';
import {
  ABSENCE_MODE_TITLES,
  ABSENCE_MODES,
  CHANNEL_TITLES,
  effectiveEmailPrefs,
  GRADE_MODE_TITLES,
  GRADE_MODES,
  REPORT_SCHEDULE_TITLES,
  REPORT_SCHEDULES,
  type ReportSchedule,
} from '../../../../src/domain/guardian-notices.js';
import { kindTitle } from '../../../../src/domain/notify-kinds.js';
import { call, hrefOf, keyOf } from '../../api.js';
import { dateRu } from '../../format.js';
import { usePageTitle } from '../../page-title.js';
import { Empty, ErrorNotice, Field, fieldErrors, Loading, Notice, SelectField } from '../../ui/index.js';

// What a guardian (or a student) is told, by which channel, per child; reports for a period (п. 2.10, 3.12).

type Child = MyPrefs['children'][number];

function ChannelForm({ child, prefs, optOuts }: { child: Child; prefs: ChannelPrefs; optOuts: string[] }) {
  const qc = useQueryClient();
  // E-mail is shown as it acts after an unsubscribe: turning a kind on again saves it and lifts the unsubscribe.
  const [v, setV] = useState(prefs.channel === 'email' ? { ...effectiveEmailPrefs(prefs, optOuts), channel: prefs.channel } : prefs);
  const m = useMutation({
    mutationFn: (p: ChannelPrefs) => call('PUT /notify/prefs', { body: { studentId: child.studentId, ...p } }),
    onSuccess: (data) => qc.setQueryData(keyOf('GET /notify/prefs'), data),
  });
  const errors = fieldErrors(m.error);
  const save = (p: ChannelPrefs) => {
    setV(p);
    m.mutate(p);
  };
  const title = CHANNEL_TITLES[prefs.channel];
  return (
    <fieldset className="panel">
      <legend>{title}</legend>
      <SelectField
        label={`Оценки (${title})`}
        value={v.grades}
        onChange={(e) => save({ ...v, grades: e.target.value as ChannelPrefs['grades'] })}
      >
        {GRADE_MODES.map((g) => (
          <option key={g} value={g}>
            {GRADE_MODE_TITLES[g]}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={`Пропуски (${title})`}
        value={v.absences}
        onChange={(e) => save({ ...v, absences: e.target.value as ChannelPrefs['absences'] })}
      >
        {ABSENCE_MODES.map((a) => (
          <option key={a} value={a}>
            {ABSENCE_MODE_TITLES[a]}
          </option>
        ))}
      </SelectField>
      {(v.absences === 'hours' || v.absences === 'days') && (
        <Field
          label={`N (${v.absences === 'hours' ? 'часов за месяц' : 'дней подряд'})`}
          type="number"
          min={1}
          max={200}
          value={v.absenceThreshold}
          error={errors.absenceThreshold}
          onChange={(e) => setV({ ...v, absenceThreshold: Number(e.target.value) })}
          onBlur={() => save(v)}
        />
      )}
      {prefs.channel !== 'sms' && (
        <label>
          <input type="checkbox" checked={v.digest} onChange={(e) => save({ ...v, digest: e.target.checked })} /> Сводка за неделю (оценки,
          пропуски, темы и задания по дисциплинам)
        </label>
      )}
      <label>
        <input type="checkbox" checked={v.termGrades} onChange={(e) => save({ ...v, termGrades: e.target.checked })} /> Итоговые оценки за
        семестр
      </label>
      {m.isSuccess && <Notice kind="ok">Сохранено.</Notice>}
      {m.error && !Object.keys(errors).length ? <ErrorNotice error={m.error} /> : null}
    </fieldset>
  );
}

function OrderReport({ children }: { children: Child[] }) {
  const qc = useQueryClient();
  const [studentId, setStudentId] = useState(children[0]?.studentId ?? 0);
  const [schedule, setSchedule] = useState<ReportSchedule>('monthly');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const m = useMutation({
    mutationFn: () => call('POST /notify/reports', { body: { studentId, schedule, ...(schedule === 'once' ? { from, to } : {}) } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keyOf('GET /notify/reports') }),
  });
  const errors = fieldErrors(m.error);
  return (
    <form
      className="panel"
      aria-label="Заказать отчёт"
      onSubmit={(e) => {
        e.preventDefault();
        m.mutate();
      }}
    >
      <h2>Отчёт об успеваемости и посещаемости за период</h2>
      <p className="muted">Отчёт в PDF придёт на электронную почту и появится здесь и в уведомлениях.</p>
      {children.length > 1 && (
        <SelectField label="Обучающийся" value={studentId} onChange={(e) => setStudentId(Number(e.target.value))}>
          {children.map((c) => (
            <option key={c.studentId} value={c.studentId}>
              {c.name}
            </option>
          ))}
        </SelectField>
      )}
      <SelectField label="Периодичность" value={schedule} onChange={(e) => setSchedule(e.target.value as ReportSchedule)}>
        {REPORT_SCHEDULES.map((s) => (
          <option key={s} value={s}>
            {REPORT_SCHEDULE_TITLES[s]}
          </option>
        ))}
      </SelectField>
      {schedule === 'once' && (
        <>
          <Field label="С даты" type="date" value={from} error={errors.from} onChange={(e) => setFrom(e.target.value)} />
          <Field label="По дату" type="date" value={to} error={errors.to} onChange={(e) => setTo(e.target.value)} />
        </>
      )}
      <button type="submit" disabled={m.isPending}>
        Заказать отчёт
      </button>
      {m.isSuccess && (
        <Notice kind="ok">
          {m.data.report
            ? 'Отчёт готов и отправлен.'
            : `Отчёт заказан: ${REPORT_SCHEDULE_TITLES[schedule].toLowerCase()}, первый — ${dateRu(m.data.order.nextDay)}.`}
        </Notice>
      )}
      {m.error && !Object.keys(errors).length ? <ErrorNotice error={m.error} /> : null}
    </form>
  );
}

function Reports() {
  const qc = useQueryClient();
  const q = useQuery({ queryKey: keyOf('GET /notify/reports'), queryFn: () => call('GET /notify/reports') });
  const cancel = useMutation({
    mutationFn: (id: number) => call('POST /notify/reports/orders/:id/cancel', { params: { id } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keyOf('GET /notify/reports') }),
  });
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const scheduled = q.data.orders.filter((o) => o.schedule !== 'once' && !o.cancelled);
  return (
    <section className="panel" aria-label="Мои отчёты">
      <h2>Мои отчёты</h2>
      {scheduled.length > 0 && (
        <ul>
          {scheduled.map((o) => (
            <li key={o.id}>
              {o.studentName}: {REPORT_SCHEDULE_TITLES[o.schedule].toLowerCase()}, следующий — {dateRu(o.nextDay)}{' '}
              <button type="button" onClick={() => cancel.mutate(o.id)}>
                Отменить
              </button>
            </li>
          ))}
        </ul>
      )}
      {q.data.reports.length ? (
        <ul>
          {q.data.reports.map((r) => (
            <li key={r.id}>
              <a href={hrefOf('GET /notify/reports/:id/pdf', { params: { id: r.id } })}>
                {r.studentName}, {dateRu(r.from)}–{dateRu(r.to)} (PDF)
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <Empty>Готовых отчётов пока нет. Закажите отчёт выше — один раз за выбранные даты или каждую неделю / месяц.</Empty>
      )}
    </section>
  );
}

export function GuardianSettingsPage() {
  usePageTitle('Уведомления', 'family');
  const q = useQuery({ queryKey: keyOf('GET /notify/prefs'), queryFn: () => call('GET /notify/prefs') });
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorNotice error={q.error} />;
  const { children, contacts, emailOptOuts } = q.data;
  return (
    <div>
      <h1>Уведомления</h1>
      {!contacts.email && <Notice kind="warn">Адрес электронной почты не указан: письма не придут. Сообщите его куратору группы.</Notice>}
      {emailOptOuts.length > 0 && (
        <Notice kind="warn">
          Вы отписались от писем: {emailOptOuts.map((k) => `«${kindTitle(k)}»`).join(', ')}. Чтобы снова получать их, выберите их в разделе
          «Электронная почта».
        </Notice>
      )}
      {children.length === 0 && <Empty>Нет обучающихся, о которых вам сообщают.</Empty>}
      {children.map((c) => (
        <section key={c.studentId} aria-label={c.name}>
          <h2>{c.self ? 'Обо мне' : c.name}</h2>
          <div>
            {c.channels.map((p) => (
              <ChannelForm key={p.channel} child={c} prefs={p} optOuts={emailOptOuts} />
            ))}
          </div>
        </section>
      ))}
      {children.length > 0 && <OrderReport children={children} />}
      <Reports />
    </div>
  );
}
