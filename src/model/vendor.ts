/**
 * The boundary between the shared tool and one chat vendor. Everything a vendor decides sits
 * behind these two interfaces, in the vendor's own folder (src/vendors/<id>/):
 *
 * - `VendorProfile` (profile.ts): what the popup and options show before anything is signed:
 *   names, identity fields, the vendor's setting, claim rules, what its widget can do, and the
 *   sentences for its failures. Small: it is part of the popup's first paint.
 * - `ChatVendor` (index.ts): the rest, loaded on demand: its credential (a JWT or an HMAC
 *   signature, model/credential) and how that kind is explained (a JWT's header, findings and
 *   server code; an HMAC's signed field and server code), and the page-side command.
 *
 * Shared code (environments, identities, storage, vault, popup, options, inspector, the login
 * path) only ever talks to these. src/vendors/registry.ts lists the vendors.
 */
import type { Credential, JsonObject, SigningOptions, TokenHeader } from './credential';
import type { IdentityLookup, PageContext, PageRequest, PageResult, SdkCall } from './protocol';
import type { Outcome } from './outcome';
import type { VendorId } from './vendor-ids';

export type { VendorId } from './vendor-ids';
export type { IdentityLookup } from './protocol';
export type { Credential, CredentialKind, JsonObject, SigningOptions, TokenHeader } from './credential';

/** What a tester typed: any field may be empty. `externalId` is the vendor's user id field. */
export interface IdentityFields {
  externalId: string;
  email: string;
  /** A display name, for vendors that sign one (Zendesk). */
  name?: string;
}

/**
 * The identity as the vendor's rules accept it, or every reason not: for a JWT its claims (iat
 * is added when signing); for an HMAC the values the widget is given, one of them signed.
 */
export type ClaimsResult =
  | { ok: true; claims: Record<string, unknown>; lookup: IdentityLookup; warnings: string[] }
  | { ok: false; errors: string[] };

/** An identity the vendor's rules accepted: what its credential signs. */
export type CheckedIdentity = Extract<ClaimsResult, { ok: true }>;

/** What the claims are for: a login, a logged-in check, or saving an identity (only the wording of errors differs). */
export type ClaimsPurpose = 'login' | 'check' | 'save';

/** One identity input in the popup and options, with its visible label. */
export interface IdentityFieldSpec {
  key: keyof IdentityFields;
  label: string;
  type: 'text' | 'email';
  placeholder: string;
}

/** The one vendor-specific value an environment holds besides its secret. */
export interface VendorSetting {
  key: 'orgName' | 'keyId' | 'appId';
  label: string;
  placeholder: string;
  /** One line under the field. */
  help: string;
  /** Whether a token can be signed without it (Zendesk needs its key id for the header). */
  required: boolean;
  /** Why a value is refused, if it is. */
  problem?: (value: string) => string | undefined;
  /** Normalises what the tester typed (Kustomer org names are lower case). */
  normalise?: (value: string) => string;
}

/** What the vendor's widget offers the page: the popup offers only what is there. */
export interface Capabilities {
  /** A call that says whether a given customer is logged in (Kustomer.isLoggedIn). */
  check: boolean;
  /** A call that lists the customer's conversations. */
  conversations: boolean;
  /** The page may load the SDK without starting it, and the tool can start it. */
  startSdk: boolean;
  /** History sync and the integration check (they need conversations and device data). */
  historySync: boolean;
  integrationCheck: boolean;
  /** The secret can be fetched from the vendor's API with an admin key. */
  fetchSecret: boolean;
  /**
   * Its logout answers when it has taken effect (a callback). Zendesk's logoutUser does not: a
   * switch waits for the answer to the request it causes before the next login.
   */
  logoutAnswers: boolean;
}

export interface VendorProfile {
  id: VendorId;
  /** "Kustomer", "Zendesk Messaging", "Intercom". */
  name: string;
  /** How the tester knows the widget: "Kustomer chat SDK", "Zendesk Messaging widget". */
  widget: string;
  /** What the secret field holds, for its label's help line. */
  secretHelp: string;
  /** The environment variable server snippets read the secret from. */
  secretVariable: string;
  setting: VendorSetting;
  fields: IdentityFieldSpec[];
  capabilities: Capabilities;
  /**
   * Match patterns of the vendor's API hosts, where its widget sends the token (optional host
   * permissions: the extension sees a request's answer only with access to its host).
   */
  apiHosts: readonly string[];
  /** What the popup says about calls the widget lacks (empty when it lacks none). */
  limits: string;
  /** `purpose` only changes the wording of errors ("to log in as" / "to check" / "for this identity"). */
  buildClaims(fields: IdentityFields, purpose?: ClaimsPurpose): ClaimsResult;
  /** "ada@example.test" / "External ID cust-1": an identity in a status line. */
  describe(lookup: IdentityLookup): string;
  /** How the tester reads an SDK call: `Kustomer.login`, `zE('messenger', 'loginUser')`. */
  callName(call: SdkCall | undefined): string;
  /** SDK calls its page command names besides the shared ones (model/protocol's SDK_CALLS): `identify`. */
  calls?: readonly SdkCall[];
}

/** Settings a vendor reads from its environment (the value of its `setting`). */
export interface VendorEnvironment {
  orgName?: string;
  keyId?: string;
  appId?: string;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  /** A stable name for tests and for telling findings apart. */
  id: string;
  severity: Severity;
  /** What is wrong and what to do, in one sentence or two. */
  message: string;
}

/** The vendor's rules for a decoded token (structure and base64url are checked before). */
export interface TokenRules {
  headerFindings(header: JsonObject, environment?: VendorEnvironment): Finding[];
  payloadFindings(payload: JsonObject, nowSeconds: number): { findings: Finding[]; issuedAt?: number; expiresAt?: number };
  /** Claims that name the customer, for "Seen on this page" (`email`, `external_id`, …). */
  whoClaims: string[];
  /** What the inspector's server code needs to mint a correct token from a broken one. */
  fixes: ClaimFixes;
}

export interface ClaimFixes {
  /** Misspelt claim → the claim the vendor reads. */
  nearMisses: Record<string, string>;
  /** The claim that names the customer: a placeholder is minted when the token has no usable one. */
  idClaim: string;
  /** Claims the vendor requires with one fixed value (Zendesk's scope). */
  fixed?: JsonObject;
}

/** A vendor whose widget takes a JWT: the header it names, its rules for a decoded token, its server code. */
export interface JwtSigning {
  kind: 'jwt';
  header(settings: VendorEnvironment): TokenHeader;
  rules: TokenRules;
  /**
   * Server code that mints `payload` (without iat and exp: both are set at signing, exp
   * `expiresIn` seconds later when given): Node (jsonwebtoken) or Python (PyJWT).
   */
  serverCode(payload: JsonObject, language: 'node' | 'python', header: TokenHeader, expiresIn?: number): string;
}

/** A vendor whose widget takes an HMAC-SHA256 signature (hex) of one identity value. */
export interface HmacSigning {
  kind: 'hmac';
  /** The claim whose value is signed (`email`, `identifier`): one of the values the widget is given. */
  field: string;
  /** Server code that signs `signed` as the widget needs it: Node (node:crypto) or Python (hmac). */
  serverCode(signed: string, language: 'node' | 'python'): string;
}

export type Signing = JwtSigning | HmacSigning;

/** The vendor's JWT signing, or undefined where it signs something else (an HMAC): for code that only reads tokens. */
export const jwtSigning = (vendor: { signing: Signing }): JwtSigning | undefined => (vendor.signing.kind === 'jwt' ? vendor.signing : undefined);

export interface ChatVendor extends VendorProfile {
  /** Sentences for the page's answers that are the vendor's (no widget, a refusal, …); undefined for the shared ones. */
  problemOutcome(result: Extract<PageResult, { ok: false }>, timeoutSeconds: number): Outcome | undefined;
  /** The likely causes of an HTTP refusal of a token by the vendor's server, most likely first. */
  refusalCauses(status: number, environmentName: string): string[];
  /** What its credential is, and how that kind is explained (findings, inspector, server code). */
  signing: Signing;
  /**
   * Signs the identity with the environment's secret and settings: a JWT or an HMAC signature
   * (jwt/credential makes either). The one place a secret is used.
   */
  credential(identity: CheckedIdentity, secret: string, settings: VendorEnvironment, options?: SigningOptions): Promise<Credential>;
  /**
   * The page-side command: sent as source text by scripting.executeScript, so it is
   * self-contained (no imports, no closures over module scope) and returns JSON.
   */
  pageCommand: (request: PageRequest, context: PageContext) => Promise<PageResult>;
  /** What the page says about the vendor's account (Kustomer's org, Intercom's app id), if anything. */
  pageAccount?: PageAccountReader;
}

/** A vendor whose credential is a JWT (every built-in one today). */
export type JwtVendor = ChatVendor & { signing: JwtSigning };

/**
 * How to read the vendor's account from a page: page-bridge runs `read` in the page's isolated
 * world (sent as source text, so self-contained, as the page command) and hands its answer to `parse`.
 */
export interface PageAccountReader {
  read: () => string | null;
  parse: (raw: string) => string | undefined;
}
