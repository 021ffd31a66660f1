/**
 * The simulated Kustomer backend: customers, device sessions and conversations, and the rules
 * Kustomer applies to chat tokens (shared/kustomer-web-sdk.md). State lives in memory, shared
 * by every browser that talks to one simulator, so two profiles are two devices of one org.
 */
import { randomUUID } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';

export const IAT_MAX_AGE_SECONDS = 15 * 60;
/** Clock skew tolerated for an `iat` in the future. */
export const IAT_FUTURE_SKEW_SECONDS = 60;

export class TokenRejected extends Error {}

/**
 * Backend faults for the integration check, each breaking one promise Kustomer makes (a page's
 * `?fault=` reaches here with each chat request):
 *   no-carryover          chats started before login are not linked to the customer
 *   leak                  after a switch, the previous customer's conversations still show
 *   accept-expired        an iat older than 15 minutes, or an exp passed, is accepted
 *   accepts-expired       the same, by the name every widget's simulator page uses
 *   accept-any-signature  the signature is not checked
 *   externalid-wins       with both claims, the externalId's customer is logged in, not the email's
 */
export const BACKEND_FAULTS = ['no-carryover', 'leak', 'accept-expired', 'accepts-expired', 'accept-any-signature', 'externalid-wins'];
const ACCEPTS_EXPIRED = ['accept-expired', 'accepts-expired'];

/** Test customers the demo starts with, each with its own history. */
export const SEED_CUSTOMERS = [
  { externalId: 'cust-vip', messages: ['Order #1001 never arrived', 'Can I upgrade to Gold?', 'Please change my delivery address'] },
  { email: 'ada@example.test', messages: ['Is the blue jacket back in stock?'] },
  { externalId: 'cust-refund', email: 'refund@example.test', messages: ['I would like a refund for order #2002', 'Refund status?'] },
];

export function createBackend({ secret, now = () => Date.now(), seed = false }) {
  const key = new TextEncoder().encode(secret);
  /** @type {Map<string, {id: string, email?: string, externalId?: string, createdAt: string}>} */
  const customers = new Map();
  /** deviceId -> customerId (absent: anonymous) */
  const deviceCustomer = new Map();
  /** deviceId -> the customer logged in there before the current one (for fault=leak) */
  const devicePrevious = new Map();
  /** @type {{id: string, customerId: string|null, deviceId: string, createdAt: string, updatedAt: string, messages: {body: string, at: string}[]}[]} */
  const conversations = [];
  let sequence = 0;

  function isoNow() {
    return new Date(now()).toISOString();
  }

  function createCustomer(fields) {
    sequence += 1;
    const customer = { id: `cus_${String(sequence).padStart(4, '0')}`, ...fields, createdAt: isoNow() };
    customers.set(customer.id, customer);
    return customer;
  }

  /** Verifies a chat token as Kustomer does and returns its identity claims. */
  async function verifyToken(token, fault) {
    if (typeof token !== 'string' || token.split('.').length !== 3) {
      throw new TokenRejected('jwtToken is not a JWT (expected three dot-separated parts).');
    }
    let header;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw new TokenRejected('The token header is not valid base64url JSON.');
    }
    if (header.alg !== 'HS256') {
      throw new TokenRejected(`Kustomer accepts HS256 tokens only; this one says alg ${JSON.stringify(header.alg)}.`);
    }
    let payload;
    try {
      if (fault === 'accept-any-signature') payload = decodeJwt(token);
      // accepts-expired: exp is not checked either (a day of tolerance stands for "not at all").
      else ({ payload } = await jwtVerify(token, key, { algorithms: ['HS256'], ...(ACCEPTS_EXPIRED.includes(fault) ? { clockTolerance: 7 * 24 * 3600 } : {}) }));
    } catch (error) {
      if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
        throw new TokenRejected("Invalid token signature: it was not signed with this org's secret.");
      }
      if (error instanceof joseErrors.JWTExpired) throw new TokenRejected('The token has expired (exp).');
      throw new TokenRejected(`The token could not be verified: ${error.message}`);
    }
    if (typeof payload.iat !== 'number') throw new TokenRejected('The token has no iat (issued-at, in Unix seconds).');
    const ageSeconds = Math.floor(now() / 1000) - payload.iat;
    if (ageSeconds > IAT_MAX_AGE_SECONDS && !ACCEPTS_EXPIRED.includes(fault)) {
      throw new TokenRejected(
        `The token is too old: issued ${Math.round(ageSeconds / 60)} minutes ago; Kustomer accepts tokens up to 15 minutes old.`,
      );
    }
    if (ageSeconds < -IAT_FUTURE_SKEW_SECONDS) throw new TokenRejected('The token iat is in the future: check the signing clock.');
    const email = typeof payload.email === 'string' && payload.email !== '' ? payload.email : undefined;
    const rawId = payload.externalId;
    const externalId = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : undefined;
    if (!email && !externalId) throw new TokenRejected('The token has neither an email nor an externalId claim.');
    return { email, externalId };
  }

  function customerFor({ email, externalId }, fault) {
    // Email wins: with both, Kustomer identifies by email and ignores externalId.
    const byEmail = email !== undefined && !(fault === 'externalid-wins' && externalId !== undefined);
    for (const customer of customers.values()) {
      if (byEmail ? customer.email === email : customer.externalId === externalId) return customer;
    }
    return createCustomer(byEmail ? { email } : { externalId });
  }

  function describe(customer) {
    return { identified: true, customerId: customer.id, email: customer.email, externalId: customer.externalId };
  }

  /** `perDevice` is the broken-sync setting: history stays on the device it was made on. */
  function conversationsOf(deviceId, { perDevice = false, fault } = {}) {
    const customerId = deviceCustomer.get(deviceId);
    const leaked = fault === 'leak' ? devicePrevious.get(deviceId) : undefined;
    return conversations
      .filter(
        (c) =>
          (customerId ? c.customerId === customerId : c.customerId === null && c.deviceId === deviceId) ||
          (leaked !== undefined && c.customerId === leaked),
      )
      .filter((c) => !perDevice || c.deviceId === deviceId)
      .map(({ id, createdAt, updatedAt, messages }) => ({
        conversationId: id,
        createdAt,
        updatedAt,
        lastMessage: messages.at(-1)?.body,
        messageCount: messages.length,
      }));
  }

  if (seed) {
    const start = now() - 3 * 24 * 3600 * 1000;
    SEED_CUSTOMERS.forEach((entry, n) => {
      const customer = createCustomer(entry.email ? { email: entry.email, externalId: entry.externalId } : { externalId: entry.externalId });
      entry.messages.forEach((body, i) => {
        const at = new Date(start + (n * 10 + i) * 3600 * 1000).toISOString();
        conversations.push({ id: `con_seed${n}${i}`, customerId: customer.id, deviceId: 'seed-device', createdAt: at, updatedAt: at, messages: [{ body, at }] });
      });
    });
  }

  return {
    verifyToken,
    async login(deviceId, token, { fault } = {}) {
      const claims = await verifyToken(token, fault);
      const customer = customerFor(claims, fault);
      const before = deviceCustomer.get(deviceId);
      if (before && before !== customer.id) devicePrevious.set(deviceId, before);
      deviceCustomer.set(deviceId, customer.id);
      // Chats started anonymously on this device follow the customer who logs in.
      if (fault !== 'no-carryover') {
        for (const c of conversations) if (c.customerId === null && c.deviceId === deviceId) c.customerId = customer.id;
      }
      return describe(customer);
    },
    logout(deviceId) {
      const before = deviceCustomer.get(deviceId);
      if (before) devicePrevious.set(deviceId, before);
      deviceCustomer.delete(deviceId);
    },
    session(deviceId) {
      const customerId = deviceCustomer.get(deviceId);
      const customer = customerId ? customers.get(customerId) : undefined;
      return customer ? describe(customer) : { identified: false };
    },
    conversations: conversationsOf,
    createConversation(deviceId, message) {
      const at = isoNow();
      const conversation = {
        id: `con_${randomUUID().slice(0, 8)}`,
        customerId: deviceCustomer.get(deviceId) ?? null,
        deviceId,
        createdAt: at,
        updatedAt: at,
        messages: message ? [{ body: String(message), at }] : [],
      };
      conversations.push(conversation);
      return { conversationId: conversation.id, createdAt: at, ended: false, isInAssistantMode: false };
    },
    describeCustomer(deviceId, attributes) {
      const customerId = deviceCustomer.get(deviceId);
      const customer = customerId ? customers.get(customerId) : undefined;
      if (!customer) throw new TokenRejected('describeCustomer needs a logged-in customer.');
      Object.assign(customer, { attributes });
      return describe(customer);
    },
    snapshot() {
      return {
        customers: [...customers.values()],
        devices: Object.fromEntries(deviceCustomer),
        conversations,
      };
    },
  };
}
