export declare const ZENDESK_DEMO: { secret: string; keyId: string; widgetKey: string; appId: string; linkedExternalId: string };
export declare const ZENDESK_FAULTS: string[];
export declare const ZENDESK_LOGOUT_MS: number;
export declare class LoginFailed extends Error {
  reason: string;
  /** 401 for a token Zendesk refuses, 409 for an external_id linked to another identity. */
  status: number;
}
export declare function createZendeskBackend(options?: { secret?: string; keyId?: string; now?: () => number }): {
  verify(token: string, options?: { fault?: string }): Promise<Record<string, unknown>>;
  login(deviceId: string, token: string, options?: { fault?: string }): Promise<{ externalId: string; appUser: { _id: string; userId: string } }>;
  /** Marks an external_id as linked to another identity: its logins get 409 Conflict. */
  link(externalId: string, other?: string): void;
  logout(deviceId: string): void;
  session(deviceId: string): { signedIn: boolean; externalId?: string };
};
