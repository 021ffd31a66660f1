import { type LoginResult, logIn, unsealed } from '../../actions/login';
import { checkLogin, logOut } from '../../actions/page-commands';
import { fieldsOf, resultOf } from '../../model/identity';
import { error, type Outcome, reachOutcome } from '../../model/outcome';
import type { WaitOptions } from '../../page-bridge/page-runner';
import { store } from '../../storage/extension-store';
import { chosenEnvironment, loginBlocked, savedIdentityFor } from '../popup-logic';
import type { Command, PopupEvent } from '../popup-state';
import type { Identity } from '../../model/schema';
import type { IdentityFields } from '../../model/vendor';
import type { PopupContext } from '../target';

const loadHistorySync = () => import('../../actions/history-sync');

/** What a command reads when it runs (the latest of each, not what it was when the popup opened). */
export interface CommandInputs {
  context: () => Promise<PopupContext>;
  environmentId: string | undefined;
  identities: Identity[];
  fields: IdentityFields;
  showUsed: (used: Identity | undefined) => void;
  dispatch: (event: PopupEvent) => void;
}

/**
 * What a popup command comes to on the page under test: the actions (actions/) with what the
 * popup holds now. Loaded on demand with the login path (useCommands.ts).
 */
export async function outcomeOf(command: Command, wait: WaitOptions, inputs: CommandInputs): Promise<Outcome | undefined> {
  const context = await inputs.context();
  const environment = chosenEnvironment(context, inputs.environmentId);
  const { target, settings } = context;
  if (command.kind === 'login' || command.kind === 'switch') {
    const blocked = loginBlocked(context, environment);
    if (blocked || !target || !environment) return blocked;
    const identity = command.kind === 'switch' ? inputs.identities.find((i) => i.id === command.identityId) : savedIdentityFor(inputs.identities, inputs.fields);
    if (command.kind === 'switch' && !identity) {
      return error(`"${command.label}" belongs to another environment than ${environment.name}. Pick one of this environment's identities.`);
    }
    const fields = command.kind === 'switch' && identity ? fieldsOf(identity) : inputs.fields;
    return shown(inputs, await logIn({ target, environment, fields, settings, identityId: identity?.id, wait }));
  }
  if (!target) return context.problem ?? reachOutcome({ kind: 'no-tab' });
  if (command.kind === 'logout') return logOut(target, settings, environment, wait);
  if (command.kind === 'check') return checkLogin(target, inputs.fields, settings, environment, wait);
  if (!environment) return undefined;
  // The history sync check. Unlocked before anything happens to the page: the check reloads it.
  const signing = await unsealed(environment);
  if ('tone' in signing) return signing;
  const sync = await loadHistorySync();
  const check = command.where === 'tab' ? sync.checkHistorySync : sync.checkHistorySyncIncognito;
  const { login } = command;
  const result = await check(target, signing, login, settings, (note) => inputs.dispatch({ type: 'progress', note }), wait.signal);
  if (result.session && login.identityId) {
    // The identity's line says whether it is logged in; a failed sync is the account's fault, told in the outcome.
    const used = { ...resultOf(result), ok: result.session.loggedIn === true, message: undefined };
    inputs.showUsed(await store.recordUse(environment.id, login.identityId, used).catch(() => undefined));
  }
  return result;
}

/** A login's outcome, its identity's list line brought up to date (actions/login stored it). */
function shown(inputs: CommandInputs, result: LoginResult): LoginResult {
  inputs.showUsed(result.used);
  return result;
}
