/**
 * What a chat widget is given to prove who the customer is, signed with the environment's
 * secret: a JWT (the identity in signed claims) or an HMAC signature of one identity value (a
 * Help Scout `signature`, an `identifier_hash`). The secret never leaves the signing
 * module: only a credential goes to the page. Each vendor names its kind (model/vendor's
 * `signing`); jwt/credential makes one.
 */

export type JsonObject = Record<string, unknown>;

export interface TokenHeader {
  alg: 'HS256';
  typ: 'JWT';
  kid?: string;
}

export type CredentialKind = 'jwt' | 'hmac';

export type Credential =
  /** A signed JWT: its header and claims (with iat, and exp when asked) as signed. */
  | { kind: 'jwt'; value: string; header: TokenHeader; claims: JsonObject }
  /**
   * An HMAC-SHA256 signature, hex, of one identity value: `signed` is the value exactly as
   * signed, `field` the identity field (claim) it came from (email, identifier).
   */
  | { kind: 'hmac'; value: string; signed: string; field: string };

/**
 * What of a credential crosses into the page: its kind and value, never how it was made. Kind
 * `none` (value empty) is the integration check's probe: the identity with no signature at all,
 * for a vendor with the unsignedLogin feature.
 */
export type PageCredential = { kind: CredentialKind; value: string } | { kind: 'none'; value: '' };

export const pageCredential = (credential: Credential): PageCredential => ({ kind: credential.kind, value: credential.value });

/** When a credential is made: a JWT's iat (default now) and exp (`expiresIn` seconds after it); an HMAC has no time. */
export interface SigningOptions {
  nowSeconds?: number;
  expiresIn?: number;
}
