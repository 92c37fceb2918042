import { IdParam } from '../common.js';
import {
  AtRiskList,
  ForecastGroup,
  ForecastGroups,
  ForecastModels,
  ForecastQuery,
  GiaAdvice,
  GiaForecastGroup,
  GiaForecastGroups,
  StudentAdvice,
} from '../forecast.js';
import { routes } from '../route.js';

const tags = ['forecast'];

export const FORECAST_ROUTES = routes({
  'GET /forecast/groups': {
    access: 'forecast:read',
    tags,
    summary: 'Прогноз успеваемости и качества знаний групп за семестр (с интервалами) и сравнение с прошлым семестром (п. 2.9)',
    query: ForecastQuery,
    response: { 200: ForecastGroups },
  },
  'GET /forecast/groups/:id': {
    access: 'forecast:read',
    tags,
    summary: 'Прогноз группы: по дисциплинам и по обучающимся',
    params: IdParam,
    query: ForecastQuery,
    response: { 200: ForecastGroup },
  },
  'GET /forecast/at-risk': {
    access: 'forecast:read',
    tags,
    summary: 'Обучающиеся в зоне риска по дисциплинам: вероятность «2», причины и что изменит прогноз',
    query: ForecastQuery,
    response: { 200: AtRiskList },
  },
  'GET /forecast/students/:id': {
    access: 'forecast:advice',
    tags,
    summary: 'Что нужно для лучшей оценки: по каждой дисциплине семестра (для обучающегося и родителя)',
    params: IdParam,
    query: ForecastQuery,
    response: { 200: StudentAdvice },
  },
  'GET /forecast/gia': {
    access: 'forecast:gia:read',
    tags,
    summary: 'Прогноз ГИА выпускных групп: ожидаемые оценки за демонстрационный экзамен и защиту ВКР, сколько в зоне риска',
    response: { 200: GiaForecastGroups },
  },
  'GET /forecast/gia/groups/:id': {
    access: 'forecast:gia:read',
    tags,
    summary: 'Прогноз ГИА выпускной группы по обучающимся: оценка ДЭ и интервал баллов, оценка ВКР, причины и что изменит прогноз',
    params: IdParam,
    response: { 200: GiaForecastGroup },
  },
  'GET /forecast/gia/students/:id': {
    access: 'forecast:advice',
    tags,
    summary: 'Что нужно выпускнику для лучшей оценки за демонстрационный экзамен и защиту ВКР (без вероятностей)',
    params: IdParam,
    response: { 200: GiaAdvice },
  },
  'GET /forecast/models': {
    access: 'forecast:models:read',
    tags,
    summary: 'Модели прогноза колледжа: когда и на скольких строках обучены, проверка на прошлом годе',
    response: { 200: ForecastModels },
  },
});
