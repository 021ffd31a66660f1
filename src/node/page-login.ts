/**
 * One login on a page from Node, as actions/login.ts does it in the extension without storage:
 * sign with the vendor's header, log the previous customer out first where the widget's logout
 * takes no callback (Zendesk), then session/login-run. Who is logged in is kept by the caller.
 */
import type { ChatPage, WaitOptions } from '../model/chat-page';
import type { Outcome } from '../model/outcome';
import type { Environment, Settings } from '../model/schema';
import type { ChatVendor, ClaimsResult, IdentityFields, IdentityLookup } from '../model/vendor';
import { settingsOf } from '../model/vendor-settings';
import { switchFailed } from '../session/login-outcome';
import { logInOnPage, type PageLoginResult, sameIdentity } from '../session/login-run';
import { logOutOn } from '../session/page-commands';

/** Who the last login left logged in on the page, for the next switch (the extension's tab-logins). */
export interface PageMemory {
  lookup?: IdentityLookup;
  fields?: IdentityFields;
}

export interface NodeLogin {
  page: ChatPage;
  vendor: ChatVendor;
  environment: Environment;
  settings: Settings;
  claims: Extract<ClaimsResult, { ok: true }>;
  fields: IdentityFields;
  memory: PageMemory;
  wait?: WaitOptions;
  /** False: the server's answer alone is the evidence (no logged-in check, no conversations). */
  confirm?: boolean;
}

export async function logInFromNode(input: NodeLogin): Promise<{ outcome: Outcome; token: string; done?: PageLoginResult }> {
  const { page, vendor, environment, settings, claims, memory, wait = {} } = input;
  const credential = await vendor.credential(claims, environment.secret, settingsOf(environment));
  const token = credential.value;
  let previous = memory.lookup;
  const notes: string[] = [];
  if (previous && !vendor.capabilities.logoutAnswers && !sameIdentity(previous, claims.lookup)) {
    const out = await logOutOn(page, settings, vendor, environment, wait);
    if (out.outcome.tone === 'error') return { outcome: { ...switchFailed(vendor, previous, out.outcome), token }, token };
    notes.push(`Before the switch, for ${vendor.describe(previous)}: ${out.outcome.message}`);
    previous = undefined;
  }
  const done = await logInOnPage(page, { vendor, claims, credential, previous, environment, settings, wait, confirm: input.confirm });
  if (done.remember) Object.assign(memory, { lookup: claims.lookup, fields: input.fields });
  else if (done.remember === false) Object.assign(memory, { lookup: undefined, fields: undefined });
  return { outcome: { ...done.outcome, notes: [...notes, ...done.outcome.notes] }, token, done };
}
