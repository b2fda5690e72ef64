// Every screen of the app, in one list: the router renders the first whose pattern
// matches the path, and entries with `navLabel` appear in the main navigation.
// To add a screen, add a component under screens/ and one entry here.

import type { Component } from 'svelte';
import { matchPath } from '../state/path-matching';
import DomainScreen from './screens/DomainScreen.svelte';
import DomainsScreen from './screens/DomainsScreen.svelte';
import NotFoundScreen from './screens/NotFoundScreen.svelte';
import QuizScreen from './screens/QuizScreen.svelte';
import SettingsScreen from './screens/SettingsScreen.svelte';
import ProgressScreen from './screens/progress/ProgressScreen.svelte';
import RecalibrationScreen from './screens/recalibration/RecalibrationScreen.svelte';
import ReviewScreen from './screens/review/ReviewScreen.svelte';
import ImportScreen from './screens/packs/ImportScreen.svelte';
import CurriculumScreen from './screens/curriculum/CurriculumScreen.svelte';
import ModelSettingsScreen from './screens/model-settings/ModelSettingsScreen.svelte';

/** Props that every screen receives: the path parameters and the query string. */
export interface ScreenProps {
  params: Record<string, string>;
  query: URLSearchParams;
}

export interface ScreenDefinition {
  id: string;
  /** Path pattern after the '#'; ':name' segments become `params.name`. */
  pattern: string;
  component: Component<ScreenProps>;
  /** Label in the main navigation; screens without one are reached by links. */
  navLabel?: string;
}

export const SCREENS: readonly ScreenDefinition[] = [
  { id: 'domains', pattern: '/', component: DomainsScreen, navLabel: 'Domains' },
  { id: 'domain', pattern: '/domains/:domainId', component: DomainScreen },
  { id: 'quiz', pattern: '/quiz', component: QuizScreen, navLabel: 'Quiz' },
  { id: 'review', pattern: '/review', component: ReviewScreen, navLabel: 'Review' },
  { id: 'progress', pattern: '/progress', component: ProgressScreen, navLabel: 'Progress' },
  { id: 'recalibration', pattern: '/recalibration', component: RecalibrationScreen },
  { id: 'import', pattern: '/import', component: ImportScreen, navLabel: 'Import' },
  { id: 'curriculum', pattern: '/curriculum', component: CurriculumScreen, navLabel: 'Generate' },
  { id: 'model-settings', pattern: '/curriculum/model', component: ModelSettingsScreen },
  { id: 'settings', pattern: '/settings', component: SettingsScreen, navLabel: 'Settings' },
];

const NOT_FOUND: ScreenDefinition = { id: 'not-found', pattern: '', component: NotFoundScreen };

/** Returns the screen for `path` with its parameters, or the not-found screen. */
export function resolveScreen(path: string): { screen: ScreenDefinition; params: Record<string, string> } {
  for (const screen of SCREENS) {
    const params = matchPath(screen.pattern, path);
    if (params !== null) {
      return { screen, params };
    }
  }
  return { screen: NOT_FOUND, params: {} };
}
