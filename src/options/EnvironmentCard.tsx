import type { Environment } from '../model/schema';
import { describeOverlap, overlapsOf } from '../model/site-overlap';
import { choiceOf } from '../model/vendor-settings';
import { profileOf } from '../vendors/registry';

interface Props {
  environment: Environment;
  all: Environment[];
  onEdit: () => void;
  onDelete: () => void;
}

/** One environment in the list: its vendor and settings, sites, secret state, overlaps. */
export function EnvironmentCard({ environment, all, onEdit, onDelete }: Props) {
  const vendor = profileOf(environment.vendor);
  const overlaps = overlapsOf(environment, all);
  return (
    <li class="environment" aria-label={environment.name}>
      <h3>{environment.name}</h3>
      <p class="vendor">
        {vendor.name}
        {vendor.settings.map((setting) => {
          const value = environment.settings?.[setting.key];
          if (setting.choices) {
            const chosen = choiceOf(setting, environment.settings);
            return (
              <span key={setting.key}>
                {' · '}
                {setting.label}: {setting.choices.find((c) => c.value === chosen)?.label ?? chosen}
              </span>
            );
          }
          return (
            <span key={setting.key}>
              {' · '}
              {setting.label}: {value ? <span class="mono">{value}</span> : <span class="muted">not set</span>}
            </span>
          );
        })}
      </p>
      <ul aria-label={`Sites of ${environment.name}`}>
        {environment.sites.map((site) => (
          <li key={site} class="mono">
            {site}
          </li>
        ))}
      </ul>
      {overlaps.length > 0 && (
        <ul class="overlaps" aria-label={`Sites ${environment.name} shares`}>
          {overlaps.map((overlap) => (
            <li key={`${overlap.pattern} ${overlap.other.id} ${overlap.otherPattern}`} class={overlap.winner === 'tie' ? 'overlap--tie' : undefined}>{describeOverlap(environment.name, overlap)}</li>
          ))}
        </ul>
      )}
      <p class="muted">{environment.secretSealed ? 'Secret: set (encrypted)' : environment.secret ? 'Secret: set' : 'Secret: not set'}</p>
      <div class="row">
        <button type="button" onClick={onEdit}>
          Edit
        </button>
        <button type="button" onClick={onDelete}>
          Delete
        </button>
      </div>
    </li>
  );
}
