/**
 * What the simulated HMAC widgets' servers share (Front Chat's, Help Scout's Beacon's): an
 * identity signed with HMAC-SHA256 in hex, checked with node:crypto in constant time, and the
 * sessions it opens. Each widget's module says which value is signed and where its API lives.
 *
 * Faults (the page's `?fault=`, passed on by the widget to every API request):
 * - accepts-base64: the base64 of the right HMAC is accepted too (a server that decodes either);
 * - not-enforced: an identity with no signature is accepted (unverified), as with the vendor's
 *   verification switch off. On a healthy page a missing signature is refused (401);
 * - sticky-identity: a session opened after a switch still names the previous customer, whom
 *   the widget keeps sending (the widget's side of the fault);
 * - logout-keeps: the widget's side only (its logout keeps the session and its storage).
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

export const HMAC_FAULTS = ['accepts-base64', 'not-enforced', 'logout-keeps', 'sticky-identity'];

/** A fault the page (or the widget's request) asked for in its query, if it is one of ours. */
export const hmacFault = (params) => (HMAC_FAULTS.includes(params.get('fault') ?? '') ? params.get('fault') : undefined);

const same = (a, b) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export function createHmacIdentityBackend({ secret }) {
  /** session token -> { customer, previous? } */
  const sessions = new Map();
  /** Every identification, oldest first: what was signed, the customer, the status answered. */
  const events = [];

  /** Whether `signature` is the HMAC-SHA256 of `value` in lower-case hex (with accepts-base64, its base64 too). */
  function signatureValid(value, signature, { base64 = false } = {}) {
    if (typeof signature !== 'string' || signature === '' || typeof value !== 'string') return false;
    const digest = createHmac('sha256', secret).update(value).digest();
    return same(signature, digest.toString('hex')) || (base64 && same(signature, digest.toString('base64')));
  }

  return {
    events,
    signatureValid,
    /**
     * One identification: `signed` is the value the signature must sign, `customer` what the
     * session names (the widget's identity), `previous` a customer the widget still sends.
     * Answers { status, body }.
     */
    identify({ signed, signature, customer, previous }, fault) {
      const unsigned = signature === undefined || signature === null || signature === '';
      const note = (status) => events.push({ at: Date.now(), customer, signed, signature: unsigned ? undefined : signature, status });
      if (unsigned && fault !== 'not-enforced') {
        note(401);
        return { status: 401, body: { error: 'unauthorized', message: 'Identity verification is required: the identity has no signature.' } };
      }
      if (!unsigned && !signatureValid(signed, signature, { base64: fault === 'accepts-base64' })) {
        note(401);
        return { status: 401, body: { error: 'unauthorized', message: 'Identity verification failed: the signature does not match.' } };
      }
      note(200);
      const token = randomUUID();
      const kept = fault === 'sticky-identity' && previous ? previous : undefined;
      sessions.set(token, { customer, ...(kept ? { previous: kept } : {}) });
      return { status: 200, body: { sessionToken: token, verified: !unsigned, customer, ...(kept ? { previousCustomer: kept } : {}) } };
    },
    /** The widget's visit (a page view, after a login or a logout): who the session names, if any. */
    visit(token) {
      const session = typeof token === 'string' ? sessions.get(token) : undefined;
      return { status: 200, body: { customer: session?.customer ?? null, ...(session?.previous ? { previousCustomer: session.previous } : {}) } };
    },
    logout(token) {
      if (typeof token === 'string') sessions.delete(token);
      return { status: 200, body: { loggedOut: true } };
    },
    session(token) {
      return (typeof token === 'string' && sessions.get(token)) || null;
    },
  };
}
