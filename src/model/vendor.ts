/**
 * The boundary between the shared tool and one chat vendor. Everything a vendor decides sits
 * behind these two interfaces, in the vendor's own folder (src/vendors/<id>/):
 *
 * - `VendorProfile` (profile.ts): what the popup and options show before anything is signed:
 *   names, identity fields, the vendor's settings, claim rules, its optional features and what
 *   its widget cannot do. Small: the default vendor's is part of the popup's first paint.
 * - `ChatVendor` (index.ts): the rest, loaded on demand: its credential (a JWT or an HMAC
 *   signature, model/credential) and how that kind is explained (a JWT's header, findings and
 *   server code; an HMAC's signed field and server code), the page-side command, its readiness
 *   data, the sentences for its failures.
 *
 * Shared code (environments, identities, storage, vault, popup, options, inspector, the login
 * path) only ever talks to these, and never names a vendor. src/vendors/list.ts lists the
 * vendors; src/vendors/registry.ts loads them.
 */
import type { Credential, JsonObject, SigningOptions, TokenHeader } from './credential';
import type { IdentityLookup, PageContext, PageRequest, PageResult, ReadySignal, SdkCall, VendorPresence } from './protocol';
import type { Outcome } from './outcome';
import type { CredentialRequest } from './wire';
import type { VendorId } from './vendor-ids';

export type { VendorId } from './vendor-ids';
export type { IdentityLookup } from './protocol';
export type { Credential, CredentialKind, JsonObject, SigningOptions, TokenHeader } from './credential';

/** What a tester typed: any field may be empty. `externalId` is the vendor's user id field. */
export interface IdentityFields {
  externalId: string;
  email: string;
  /** A display name, for vendors that sign one. */
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
  /**
   * The command line's option for it where the vendor calls the field otherwise (`--identifier`
   * for the vendor's user id): taken besides the shared `--external-id`, `--email` and `--name`.
   */
  flag?: string;
}

/** One value a setting with `choices` may take, and how the options form names it. */
export interface SettingChoice {
  value: string;
  label: string;
}

/**
 * One vendor-specific value an environment holds besides its secret (an org name, a signing
 * key's id, an app id): data the shared code renders, checks and stores without knowing it.
 * Stored under the environment's `settings`, by `key`; the Node package's option of that name
 * and the command line's `flag` set it.
 */
export interface VendorSetting {
  key: string;
  label: string;
  placeholder: string;
  /** One line under the field. */
  help: string;
  /** Whether a token can be signed without it (a key id the token header names cannot be left out). */
  required: boolean;
  /** The command line's option for it, such as `--key-id`. */
  flag: string;
  /** Why a value is refused, if it is. */
  problem?: (value: string) => string | undefined;
  /** Normalises what the tester typed (an org that is a subdomain is lower case). */
  normalise?: (value: string) => string;
  /**
   * A setting that is one of a few values (a mode), not free text: the options form shows a
   * select of their labels, the command line and the Node package take only these values. The
   * first is the default: an environment without a value (one saved before the setting existed)
   * has it, and it is not stored.
   */
  choices?: readonly SettingChoice[];
  /**
   * The value is a URL whose origin is one of the vendor's API origins for this environment (a
   * self-hosted server's base URL, where its widget sends the credential): its answers count as
   * the vendor's, as the environment's listed API origins do, and its host is asked for with them.
   */
  apiOrigin?: boolean;
}

/** A setting of a vendor's optional feature, kept once for all environments (Options → Settings). */
export interface FeatureSetting {
  key: string;
  label: string;
  help: string;
  /** What is used while nothing valid is stored. */
  default: string;
  /** Why a value is refused, if it is: a refused stored value is never used (the default is). */
  problem?: (value: string) => string | undefined;
}

/**
 * Fetch secret (Options): the environment's secret from the vendor's API, with an admin key that
 * is used for that one request and never kept. Loaded on demand from the vendor's folder.
 */
export interface SecretFetcher {
  /** Where it asks and the like, kept under the vendor in Settings. */
  settings: FeatureSetting[];
  /** The admin key's field. */
  key: { label: string; help: string };
  /** Why it cannot ask for this environment yet (a setting it needs is missing), if so. */
  problem(environment: VendorEnvironment): string | undefined;
  /** The origin the browser is asked to grant first (an optional host permission), if one is needed. */
  origin(settings: Record<string, string>, environment: VendorEnvironment): string | undefined;
  /** The request: the secret and the sentence to show, or why there is none. */
  fetch(settings: Record<string, string>, environment: VendorEnvironment, apiKey: string): Promise<{ ok: true; secret: string; message: string } | { ok: false; message: string }>;
}

/** Each vendor's Fetch secret, for the vendors that have one (Options loads them before it renders). */
export type SecretFetchers = Partial<Record<VendorId, SecretFetcher>>;

/** A trait of the vendor's widget the login path reads (not an optional feature). */
export interface Capabilities {
  /**
   * Its logout answers when it has taken effect (a callback). A widget whose logout does not is
   * logged out before a switch's next login, and the request the logout causes is awaited.
   */
  logoutAnswers: boolean;
}

/** A feature that is one SDK call of the widget's: the shared code runs it by its page command and words it by `callName(call)`. */
export interface CallFeature {
  call: SdkCall;
}

/**
 * A vendor's optional features: each present one is offered (the popup's buttons, Options' Fetch
 * secret) and carries what the shared code needs to run it and say what happened; an absent one
 * is not offered. Small: the default vendor's are part of the popup's first paint, so what is
 * heavy loads on demand.
 */
export interface VendorFeatures {
  /** "Check login": a call that says whether a given customer is logged in; a login waits for its word too. */
  loggedInCheck?: CallFeature;
  /** A call that lists the customer's open conversations (after a login or a check). */
  conversations?: CallFeature;
  /** "Start chat SDK": a page may load the SDK without starting it; this call starts it. */
  startSdk?: CallFeature;
  /** "Check history sync": the conversations (this call lists them) follow the customer to a new device. */
  historySync?: CallFeature;
  /** "Run integration check" (session/integration-check): its test chats are started with this call. */
  integrationCheck?: CallFeature;
  /** "Fetch secret" in Options, loaded on demand. */
  fetchSecret?: () => Promise<SecretFetcher>;
  /**
   * The widget can be handed an identity with no signature at all (its page command takes a
   * login whose credential is `{ kind: 'none' }`): the integration check's probe of whether the
   * vendor enforces identity verification. `setting` says where the vendor's switch is.
   */
  unsignedLogin?: { setting: string };
}

/** What the vendor calls the account a page's chat belongs to, and the setting that names it (the popup warns when they differ). */
export interface AccountWords {
  /** "org". */
  noun: string;
  /** The key of the setting that names it (one of the vendor's settings). */
  setting: string;
}

export interface VendorProfile {
  id: VendorId;
  /** The vendor's name, as in src/vendors/list.ts. */
  name: string;
  /** How the tester knows the widget: "… chat SDK", "… widget". */
  widget: string;
  /** What the secret field holds, for its label's help line. */
  secretHelp: string;
  /** The environment variable server snippets read the secret from. */
  secretVariable: string;
  /** What an environment of this vendor holds besides its secret, in the order the form shows them. */
  settings: VendorSetting[];
  fields: IdentityFieldSpec[];
  capabilities: Capabilities;
  features: VendorFeatures;
  /** Where the page says which account its chat belongs to (the vendor's full module reads it). */
  account?: AccountWords;
  /**
   * Match patterns of the vendor's API hosts, where its widget sends the token (optional host
   * permissions: the extension sees a request's answer only with access to its host).
   */
  apiHosts: readonly string[];
  /** What the popup says about calls the widget lacks (empty when it lacks none). */
  limits: string;
  /**
   * `purpose` only changes the wording of errors ("to log in as" / "to check" / "for this
   * identity"). `settings`: the environment's, where they change which fields are needed (a
   * credential chosen by a setting, `signingFor`); absent where no environment is at hand.
   */
  buildClaims(fields: IdentityFields, purpose?: ClaimsPurpose, settings?: VendorEnvironment): ClaimsResult;
  /** "ada@example.test" / "External ID cust-1": an identity in a status line. */
  describe(lookup: IdentityLookup): string;
  /** How the tester reads an SDK call, as the widget's own API spells it (`Widget.login`, `widget('messenger', 'loginUser')`). */
  callName(call: SdkCall | undefined): string;
  /** SDK calls its page command names besides the shared ones (model/protocol's SDK_CALLS): `identify`. */
  calls?: readonly SdkCall[];
}

/** An environment's vendor settings, by their keys (VendorSetting): what the vendor's code reads. */
export type VendorEnvironment = Record<string, string>;

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
  /** Whether a token's claims are unmistakably this vendor's (its own claim names), to guess whose a pasted token is. */
  recognises(header: JsonObject, payload: JsonObject): boolean;
  /** What the inspector's server code needs to mint a correct token from a broken one. */
  fixes: ClaimFixes;
}

export interface ClaimFixes {
  /** Misspelt claim → the claim the vendor reads. */
  nearMisses: Record<string, string>;
  /** The claim that names the customer: a placeholder is minted when the token has no usable one. */
  idClaim: string;
  /** Claims the vendor requires with one fixed value (a scope). */
  fixed?: JsonObject;
}

/**
 * How the vendor's page command reports readiness beyond the shared states and signals
 * (session/chat-readiness): data, worded for the tester here.
 */
export interface VendorReadiness {
  /** What its page command's `iframe` and `probe` signals showed on its page: "the chat widget's iframe is on the page". */
  signals?: Partial<Record<ReadySignal, string>>;
  /** Its own SDK states no login can work with (another product of the vendor's), and the problem each is. */
  unusable?: Record<string, string>;
}

/** The languages the inspector writes server code in. */
export type ServerLanguage = 'node' | 'python' | 'ruby' | 'php';

/** A vendor whose widget takes a JWT: the header it names, its rules for a decoded token, its server code. */
export interface JwtSigning {
  kind: 'jwt';
  header(settings: VendorEnvironment): TokenHeader;
  rules: TokenRules;
  /**
   * Server code that mints `payload` (without iat and exp: both are set at signing, exp
   * `expiresIn` seconds later when given): Node (jsonwebtoken), Python (PyJWT), Ruby (jwt) or PHP (firebase/php-jwt).
   */
  serverCode(payload: JsonObject, language: ServerLanguage, header: TokenHeader, expiresIn?: number): string;
}

/** A vendor whose widget takes an HMAC-SHA256 signature (hex) of one identity value. */
export interface HmacSigning {
  kind: 'hmac';
  /**
   * The claim whose value is signed (`email`, `identifier`): one of the values the widget is
   * given. A list where the widget signs the first it is given (a user id, else the email).
   */
  field: string | readonly string[];
  /** Server code that signs `signed` as the widget needs it: Node (node:crypto), Python (hmac), Ruby (OpenSSL::HMAC) or PHP (hash_hmac). */
  serverCode(signed: string, language: ServerLanguage): string;
}

export type Signing = JwtSigning | HmacSigning;

/** The vendor's signing for an environment's settings (`signingFor`), or its default one without settings or the hook. */
export const signingOf = (vendor: { signing: Signing; signingFor?: (settings: VendorEnvironment) => Signing }, settings?: VendorEnvironment): Signing =>
  (settings && vendor.signingFor?.(settings)) || vendor.signing;

/** The vendor's JWT signing (for those settings), or undefined where it signs something else (an HMAC): for code that only reads tokens. */
export const jwtSigning = (vendor: { signing: Signing; signingFor?: (settings: VendorEnvironment) => Signing }, settings?: VendorEnvironment): JwtSigning | undefined => {
  const signing = signingOf(vendor, settings);
  return signing.kind === 'jwt' ? signing : undefined;
};

export interface ChatVendor extends VendorProfile {
  /** Sentences for the page's answers that are the vendor's (no widget, a refusal, …); undefined for the shared ones. */
  problemOutcome(result: Extract<PageResult, { ok: false }>, timeoutSeconds: number): Outcome | undefined;
  /**
   * The likely causes of an HTTP refusal of a token by the vendor's server, most likely first;
   * `said` is the widget's own word on it (its error's message, page data), when it gave one:
   * a cause it names goes first. `settings`: the environment's, where they choose the credential.
   */
  refusalCauses(status: number, environmentName: string, said?: string, settings?: VendorEnvironment): string[];
  /** What its credential is, and how that kind is explained (findings, inspector, server code); the default where `signingFor` is given. */
  signing: Signing;
  /**
   * Where an environment's settings choose the credential (a widget that verifies identities by
   * a JWT or by an HMAC, as its workspace is set up): the signing for those settings. Read it
   * through `signingOf`, which falls back to `signing`.
   */
  signingFor?: (settings: VendorEnvironment) => Signing;
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
  /** What the page says about the vendor's account (`account`), if it says. */
  pageAccount?: PageAccountReader;
  readiness?: VendorReadiness;
  /** How a page shows it has this vendor's widget (read by the shared inspect, session/presence). */
  presence: Omit<VendorPresence, 'id'>;
  /**
   * Where the widget keeps the customer's session in the page (names of cookies and
   * localStorage keys; a trailing `*` matches a prefix, a leading `*` a suffix, as in
   * `*.sessionToken` for a key that starts with an app id): a logout must leave none of them.
   * The integration check's "Logout forgets" reads the page's key names (model/page-storage).
   */
  sessionKeys?: { cookies?: readonly string[]; localStorage?: readonly string[] };
  /**
   * The request its widget sends the credential in, by method and path, where the browser shows
   * an extension no request body (Chromium gives webRequest none for a PATCH): such a request
   * during a login counts as the one that carried the credential. A watcher that can read the
   * body (the Node package's) still looks for the credential in it.
   */
  credentialRequest?: CredentialRequest;
}

/** The identity's field an HMAC signs: the vendor's field, or the first of its fields the identity has. */
export function signedField(signing: HmacSigning, claims: Record<string, unknown>): string | undefined {
  const fields = typeof signing.field === 'string' ? [signing.field] : signing.field;
  return fields.find((field) => typeof claims[field] === 'string' && claims[field] !== '');
}

/** A signing's field(s) in a sentence: "email", "user_id (or else email)". */
export const signedFieldWords = (signing: HmacSigning): string => (typeof signing.field === 'string' ? signing.field : signing.field.join(' (or else ') + ')'.repeat(signing.field.length - 1));

/** A vendor whose credential is a JWT. */
export type JwtVendor = ChatVendor & { signing: JwtSigning };

/**
 * How to read the vendor's account from a page: page-bridge runs `read` in the page's isolated
 * world (sent as source text, so self-contained, as the page command) and hands its answer to `parse`.
 */
export interface PageAccountReader {
  read: () => string | null;
  parse: (raw: string) => string | undefined;
  /** What a report says when the page does not say (where the vendor's widget keeps it). */
  missing: string;
}
