export declare const INTERCOM_DEMO: { secret: string; appId: string };
export declare const INTERCOM_FAULTS: string[];
export declare class PingRefused extends Error {}
export declare function createIntercomBackend(options?: { secret?: string; appId?: string; now?: () => number }): {
  verify(token: string): Promise<Record<string, unknown>>;
  ping(deviceId: string, boot: { app_id?: string; jwt?: string }): Promise<{ visitorId: string; userId: string | null }>;
  shutdown(deviceId: string): void;
  session(deviceId: string): { visitorId: string; userId?: string } | null;
};
