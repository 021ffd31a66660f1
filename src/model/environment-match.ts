import type { Environment } from './schema';
import { siteMatches, specificity } from '../sites/sites';

/** Which environments cover a page: the popup's first question, so kept apart from the options' form checks. */

export interface EnvironmentMatch {
  environment: Environment;
  pattern: string;
}

/** Environments covering `url`, the most specific first. */
export function environmentsFor(url: string, environments: Environment[]): EnvironmentMatch[] {
  const matches: { match: EnvironmentMatch; score: number }[] = [];
  for (const environment of environments) {
    let best: { pattern: string; score: number } | undefined;
    for (const pattern of environment.sites) {
      if (!siteMatches(pattern, url)) continue;
      const score = specificity(pattern);
      if (!best || score > best.score) best = { pattern, score };
    }
    if (best) matches.push({ match: { environment, pattern: best.pattern }, score: best.score });
  }
  return matches.sort((a, b) => b.score - a.score).map((m) => m.match);
}
