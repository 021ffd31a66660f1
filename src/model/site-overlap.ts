import type { Environment } from './schema';
import { siteMatches, specificity, splitPattern } from '../sites/sites';

/**
 * Sites of one environment that another environment's sites also cover (the demo's first
 * vendor's origin also covers the other vendors' paths), and which of the two the popup takes there: the more
 * specific pattern wins (core/environment-match.ts).
 */
export interface Overlap {
  /** This environment's pattern, and the other's. */
  pattern: string;
  other: Environment;
  otherPattern: string;
  /** Where both apply: the narrower of the two patterns. */
  where: string;
  /** Which environment the popup takes there; 'tie' when it cannot tell them apart. */
  winner: 'this' | 'other' | 'tie';
}

/** A plain URL the pattern covers, to ask whether another pattern covers it too. */
function sampleUrl(pattern: string): string | undefined {
  const parts = splitPattern(pattern);
  if (!parts) return undefined;
  const scheme = parts.scheme === '*' ? 'https' : parts.scheme;
  const host = parts.host === '*' ? 'example.com' : parts.host.replace(/^\*\./, '');
  const port = parts.port && parts.port !== '*' ? `:${parts.port}` : '';
  return `${scheme}://${host}${port}${parts.path.replace(/\*/g, '')}`;
}

const covers = (pattern: string, other: string) => {
  const url = sampleUrl(other);
  return url !== undefined && siteMatches(pattern, url);
};

export function overlapsOf(environment: Pick<Environment, 'name' | 'sites'> & { id?: string }, others: Environment[]): Overlap[] {
  const found: Overlap[] = [];
  for (const other of others) {
    if (other.id === environment.id) continue;
    for (const pattern of environment.sites) {
      for (const otherPattern of other.sites) {
        if (!covers(pattern, otherPattern) && !covers(otherPattern, pattern)) continue;
        const mine = specificity(pattern);
        const theirs = specificity(otherPattern);
        found.push({
          pattern,
          other,
          otherPattern,
          where: mine >= theirs ? pattern : otherPattern,
          winner: mine > theirs ? 'this' : mine < theirs ? 'other' : 'tie',
        });
      }
    }
  }
  return found;
}

/** One sentence per overlap, from the point of view of `name`. */
export function describeOverlap(name: string, overlap: Overlap): string {
  const { other, where } = overlap;
  if (overlap.winner === 'tie') return `${other.name} covers ${where} too, just as specifically: there the popup asks which environment to use.`;
  if (overlap.winner === 'this') return `Also covered by ${other.name} (${overlap.otherPattern}): on ${where} the popup takes ${name}, the more specific.`;
  return `Overlaps ${other.name}: on ${where} the popup takes ${other.name}, the more specific; ${name} applies to the rest of ${overlap.pattern}.`;
}
