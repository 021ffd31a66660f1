import { emailProblem } from './email';
import { normaliseText, textProblem } from './text';
import type { IdentityFields, VendorProfile } from './vendor';
import type { Outcome } from './outcome';
import type { Identity, IdentityResult } from './schema';

/** What the identity forms hold while a tester edits. */
export interface IdentityDraft {
  id?: string;
  label: string;
  externalId: string;
  email: string;
  name?: string;
  note: string;
}

export interface IdentityErrors {
  label?: string;
  identity?: string;
  email?: string;
}

export type IdentityDraftResult = { ok: true; identity: Identity } | { ok: false; errors: IdentityErrors };

/**
 * Validates a draft for an environment of `vendor` (its claim rules decide which fields are
 * required; without one, an External ID or an Email).
 */
export function identityFromDraft(draft: IdentityDraft, existing: Identity[], now = Date.now(), vendor?: VendorProfile, settings?: Record<string, string>): IdentityDraftResult {
  const label = normaliseText(draft.label);
  const externalId = draft.externalId.trim();
  const email = draft.email.trim();
  const errors: IdentityErrors = {};
  const labelProblem = textProblem(label);
  if (label === '') errors.label = 'Give the identity a label, such as "VIP with 3 open chats".';
  else if (labelProblem) errors.label = `The label ${labelProblem}`;
  else if (existing.some((i) => i.id !== draft.id && i.label.toLowerCase() === label.toLowerCase())) {
    errors.label = `The label "${label}" is taken in this environment: choose another.`;
  }
  const name = (draft.name ?? '').trim();
  if (email !== '') errors.email = emailProblem(email);
  if (vendor) {
    const claims = vendor.buildClaims({ externalId, email, name }, 'save', settings);
    // The email's own message is shown under its field.
    const other = claims.ok ? [] : claims.errors.filter((e) => e !== errors.email);
    if (other.length > 0) errors.identity = other.join(' ');
  } else if (externalId === '' && email === '') errors.identity = 'Enter an External ID or an Email for this identity.';
  if (errors.label || errors.identity || errors.email) return { ok: false, errors };
  const previous = existing.find((i) => i.id === draft.id);
  // A name cleared in the form is gone: keep the rest of what was stored.
  const { name: _cleared, ...kept } = previous ?? ({} as Partial<Identity>);
  return {
    ok: true,
    identity: {
      ...kept,
      id: draft.id ?? crypto.randomUUID(),
      label,
      externalId,
      email,
      ...(name !== '' ? { name } : {}),
      note: draft.note.trim(),
      createdAt: previous?.createdAt ?? now,
    },
  };
}

/** Most recently used first; one never used counts from when it was saved. */
export function sortIdentities(identities: Identity[]): Identity[] {
  return [...identities].sort((a, b) => (b.lastUsedAt ?? b.createdAt) - (a.lastUsedAt ?? a.createdAt) || a.label.localeCompare(b.label));
}

/** Every word of the query must appear in the label, id, email or note (case-insensitive). */
export function filterIdentities(identities: Identity[], query: string): Identity[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return identities;
  return identities.filter((identity) => {
    const haystack = `${identity.label}\n${identity.externalId}\n${identity.email}\n${identity.note}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

/** The identity used last, for the keyboard shortcut. */
export function lastUsed(identities: Identity[]): Identity | undefined {
  return identities.filter((i) => i.lastUsedAt !== undefined).sort((a, b) => (b.lastUsedAt ?? 0) - (a.lastUsedAt ?? 0))[0];
}

/** A fresh, clearly fake identity the vendor has never seen. */
export function randomIdentity(): IdentityDraft {
  const tag = crypto.randomUUID().slice(0, 8);
  return { label: `Random ${tag}`, externalId: `qa-${tag}`, email: `qa-${tag}@example.test`, note: '' };
}

export function fieldsOf(identity: Pick<Identity, 'externalId' | 'email' | 'name'>): IdentityFields {
  return identity.name ? { externalId: identity.externalId, email: identity.email, name: identity.name } : { externalId: identity.externalId, email: identity.email };
}

/** What an identity remembers of a login, switch or check: shown in the list at a glance. */
export function resultOf(outcome: Outcome, at: number = Date.now()): IdentityResult {
  const conversations = outcome.session?.conversations;
  return {
    at,
    ok: outcome.tone !== 'error' && outcome.session?.loggedIn === true,
    customerId: outcome.session?.response?.customerId,
    conversationCount: conversations?.ok ? conversations.items.length : undefined,
    message: outcome.tone === 'error' ? outcome.message : undefined,
  };
}
