export declare const SUNSHINE_DEMO: { secret: string; keyId: string; appId: string };
export declare const SUNSHINE_FAULTS: string[];
export declare const CLOCK_AHEAD_MS: number;
export declare class AuthRefused extends Error {
  status: number;
  code: string;
  /** False for an answer without CORS headers (an expired token's 401). */
  cors: boolean;
}
/** One SDK request the API host received: the user and appUser it named, and its status. */
export interface SunshineCall {
  at: number;
  path: string;
  userId?: string;
  appUserId?: string;
  status: number;
}
export declare function createSunshineBackend(options?: { secret?: string; keyId?: string; now?: () => number }): {
  /** The user's external id, or an AuthRefused. */
  verify(token: string, options?: { fault?: string; clockAhead?: boolean }): Promise<string>;
  login(
    clientId: string,
    token: string,
    options?: { userId?: string; appUserId?: string; fault?: string; clockAhead?: boolean },
  ): Promise<{ _id: string; userId: string; externalId: string; clients: { id: string; platform: string; active: boolean }[] }>;
  logout(clientId: string, appUserId: string, options?: { fault?: string }): void;
  session(clientId: string): { signedIn: boolean; externalId?: string; appUserId?: string; previous?: string };
  events: { kind: 'login' | 'logout'; clientId: string; externalId?: string; previous?: string }[];
};
