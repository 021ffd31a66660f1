export declare const ZENDESK_DEMO: { secret: string; keyId: string; widgetKey: string };
export declare const ZENDESK_FAULTS: string[];
export declare class LoginFailed extends Error {
  reason: string;
}
export declare function createZendeskBackend(options?: { secret?: string; keyId?: string; now?: () => number }): {
  verify(token: string, options?: { fault?: string }): Promise<Record<string, unknown>>;
  login(deviceId: string, token: string, options?: { fault?: string }): Promise<{ externalId: string }>;
  logout(deviceId: string): void;
  session(deviceId: string): { signedIn: boolean; externalId?: string };
};
