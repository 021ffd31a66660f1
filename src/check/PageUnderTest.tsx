import { Fragment } from 'preact';
import { markHidden } from '../model/page-text';
import type { Environment } from '../model/schema';
import { choiceOf } from '../model/vendor-settings';
import { profileOf } from '../vendors/registry';

/** Which site, environment and vendor settings the check runs against; names shown as data (markHidden), as in the report. */
export function PageUnderTest({ site, environment }: { site?: string; environment: Environment }) {
  const vendor = profileOf(environment.vendor);
  return (
    <section aria-label="Page under test" class="target">
      <dl>
        <dt>Site</dt>
        <dd class="mono">{site ?? 'not visible to the extension'}</dd>
        <dt>Environment</dt>
        <dd>{markHidden(environment.name)}</dd>
        {vendor.settings.map((setting) => {
          // A setting with choices always has one (the default when none is stored): said by its label.
          const value = setting.choices ? setting.choices.find((c) => c.value === choiceOf(setting, environment.settings))?.label : environment.settings?.[setting.key];
          return (
            value && (
              <Fragment key={setting.key}>
                <dt>{setting.label}</dt>
                <dd class="mono">{markHidden(value)}</dd>
              </Fragment>
            )
          );
        })}
      </dl>
    </section>
  );
}
