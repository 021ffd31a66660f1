import { useEffect, useRef, useState } from 'preact/hooks';
import type { Environment } from '../model/schema';

/**
 * Options opened from a page no environment covers: the form below is pre-filled for a new
 * environment; this offers to add the site to one that exists instead.
 */
export function AddSiteChoice({ site, environments, onChoose }: { site: string; environments: Environment[]; onChoose: (environment: Environment) => void }) {
  const [chosen, setChosen] = useState(environments[0]?.id);
  const environment = environments.find((e) => e.id === chosen);
  // Shown once the environments have loaded, just above the form (which has the focus): the
  // page scrolls up to show this choice too.
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.scrollIntoView({ block: 'start' }), []);
  return (
    <section ref={ref} class="panel" aria-labelledby="add-site-heading">
      <h2 id="add-site-heading">
        Add <span class="mono">{site}</span> to an existing environment?
      </h2>
      <p class="muted">Or fill in the form below for a new one.</p>
      <div class="row">
        <label class="inline">
          Environment
          <select value={chosen} onChange={(e) => setChosen(e.currentTarget.value)}>
            {environments.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={!environment} onClick={() => environment && onChoose(environment)}>
          Add the site to it
        </button>
      </div>
    </section>
  );
}
