import { lazy, type ComponentType, type ReactElement } from 'react';

/**
 * The pages of one area, loaded the first time one of them is shown: each area's `pages.ts` is a
 * chunk of its own, so a parent's phone never downloads the timetable editor (decision 019).
 * Returns a function that makes the element of a named page; the shell shows it under Suspense.
 */
export function areaPages<M extends Record<string, unknown>>(load: () => Promise<M>) {
  const made = new Map<keyof M, ComponentType>();
  return (name: keyof M & string): ReactElement => {
    let Page = made.get(name);
    if (!Page) {
      Page = lazy(async () => ({ default: (await load())[name] as ComponentType }));
      made.set(name, Page);
    }
    return <Page />;
  };
}
