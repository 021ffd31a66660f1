export declare const INTERCOM_DEMO: { secret: string; appId: string; hashAppId: string; hashSecret: string; siteUser: { userId: string; email: string } };
/** user_hash as Intercom computes it: HMAC-SHA256 (hex by default) of the value with the identity verification secret. */
export declare function intercomUserHash(value: string, secret?: string, encoding?: 'hex' | 'base64'): string;
export declare const INTERCOM_FAULTS: string[];
export declare class PingRefused extends Error {
  status: number;
  code: string;
}
/** What a ping's `user_data` names (the Messenger drops keys without a value). */
export interface IntercomUserData {
  email?: string;
  user_id?: string;
  user_hash?: string;
  anonymous_id?: string;
}
export declare function createIntercomBackend(options?: { secret?: string; appId?: string; hashAppId?: string; hashSecret?: string; now?: () => number }): {
  verify(token: string, options?: { fault?: string }): Promise<Record<string, unknown>>;
  verifyHash(userData: IntercomUserData, options?: { fault?: string }): void;
  ping(deviceId: string, boot: { app_id?: string; jwt?: string; user_data?: IntercomUserData; fault?: string }): Promise<{ visitorId: string; userId: string | null }>;
  shutdown(deviceId: string): void;
  session(deviceId: string): { visitorId: string; userId?: string } | null;
};
/** One ping an Intercom API host received, and the status it answered. */
export interface IntercomPing {
  at: number;
  region: 'us' | 'eu';
  appId?: string;
  source?: string;
  userData: IntercomUserData;
  jwt?: string;
  /** The page's fault the ping carried (accepts-expired, accepts-base64, not-enforced). */
  fault?: string;
  status: number;
}
