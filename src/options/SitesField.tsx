import { useMemo } from 'preact/hooks';
import type { Environment } from '../model/schema';
import { describeOverlap, overlapsOf } from '../model/site-overlap';
import { parseSites, type SiteProblem } from '../sites/site-patterns';
import { Field } from '../ui/Field';

interface Props {
  value: string;
  onInput: (sites: string) => void;
  /** The form's check of the sites, after Save was clicked. */
  problems: SiteProblem[];
  error?: string;
  /** The environment being edited (its name and id), and the others, for overlap warnings. */
  name: string;
  id?: string;
  others: Environment[];
}

const DID_YOU_MEAN = / Did you mean (\S+) \?$/;

/** The sites textarea, its problems (a bare host fixed in one click), and overlaps with other environments. */
export function SitesField({ value, onInput, problems, error, name, id, others }: Props) {
  const overlaps = useMemo(() => overlapsOf({ id, name: name || 'this environment', sites: parseSites(value).patterns }, others), [value, name, id, others]);

  /** Replaces line `line` (1-based) with `fixed`, leaving the others as typed. */
  function fix(line: number, fixed: string) {
    const lines = value.split(/\r?\n/);
    lines[line - 1] = fixed;
    onInput(lines.join('\n'));
  }

  return (
    <>
      <Field
        id="env-sites"
        label="Sites"
        multiline
        rows={3}
        value={value}
        placeholder={'https://staging.example.com\nhttps://*.staging.example.com/*'}
        error={error}
        help="One per line: an origin (https://staging.example.com) or a match pattern (https://*.staging.example.com/*). Sites other than localhost ask the browser for access when you save."
        onInput={onInput}
      />
      {problems.length > 0 && (
        <ul class="problems" aria-label="Site problems">
          {problems.map((p) => {
            const meant = DID_YOU_MEAN.exec(p.error)?.[1];
            return (
              <li key={p.line}>
                Line {p.line} (<code>{p.input}</code>): {meant ? p.error.replace(DID_YOU_MEAN, '') : p.error}
                {meant && (
                  <>
                    {' '}
                    Did you mean{' '}
                    <button type="button" class="link" onClick={() => fix(p.line, meant)}>
                      {meant}
                    </button>
                    ?
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {overlaps.length > 0 && (
        <ul class="overlaps" aria-label="Sites shared with other environments">
          {overlaps.map((o) => (
            <li key={`${o.pattern} ${o.other.id} ${o.otherPattern}`} class={o.winner === 'tie' ? 'overlap--tie' : undefined}>{describeOverlap(name || 'this environment', o)}</li>
          ))}
        </ul>
      )}
    </>
  );
}
