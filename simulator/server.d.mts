import type { IncomingHttpHeaders } from 'node:http';
import type { ChatwootIdentity, createChatwootBackend } from './vendors/chatwoot.mjs';
import type { HmacIdentityBackend } from './vendors/hmac-identity.mjs';
import type { IntercomPing } from './vendors/intercom.mjs';
import type { SunshineCall } from './vendors/sunshine.mjs';

export declare const DEMO: { orgName: string; orgId: string; secret: string; apiKey: string };

export interface SimulatorRequest {
  at: string;
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Simulator {
  url: string;
  port: number;
  /** The vendors' own origin (another port): Kustomer's and Zendesk's scripts and APIs, never the site's. */
  vendorUrl: string;
  /** Where each vendor's widget sends its requests: what an environment lists as its "API origin". */
  apiOrigins: { kustomer: string[]; zendesk: string[]; intercom: string[]; chatwoot: string[]; front: string[]; helpscout: string[]; sunshine: string[] } & Record<string, string[]>;
  /** Each other vendor's lines for the simulator's banner. */
  banners(): string[];
  secret: string;
  apiKey: string;
  orgName: string;
  requests: SimulatorRequest[];
  backend: {
    snapshot(): {
      customers: { id: string; email?: string; externalId?: string }[];
      devices: Record<string, string>;
      conversations: { id: string; customerId: string | null; deviceId: string }[];
    };
  };
  /** The Zendesk Messaging page (/zendesk/): its signing key's id and secret, and who is signed in on each device. */
  zendesk: VendorSite & {
    keyId: string;
    /** The Sunshine Conversations app id the login path names (/sc/sdk/v2/apps/APP/login). */
    appId: string;
    /** An external_id already linked to another identity: its logins get HTTP 409 Conflict. */
    linkedExternalId: string;
    backend: {
      session(deviceId: string): { signedIn: boolean; externalId?: string };
      /** What the backend applied, in order. */
      events: { kind: 'login' | 'logout'; deviceId: string; externalId?: string }[];
    };
  };
  /**
   * The Intercom page (/intercom/): its app id and Messenger secret; the Messenger's API hosts
   * (each on a port of its own): the default region's, and the EU one (`/intercom/?region=eu`, app `euAppId`).
   */
  intercom: VendorSite & {
    appId: string;
    euAppId: string;
    /** The user_hash app (`/intercom/?verification=hash`) and its identity verification secret. */
    hashAppId: string;
    hashSecret: string;
    api: { us?: string; eu?: string };
    /** The user the site names itself (`?own=good`, `?own=settings`). */
    siteUser: { userId: string; email: string };
    /** Every ping the API hosts received, oldest first. */
    pings: IntercomPing[];
  };
  /**
   * The Chatwoot page (/chatwoot/): a self-hosted Chatwoot server of its own (its Base URL), the
   * inbox's website token and HMAC token (`secret`).
   */
  chatwoot: VendorSite & {
    baseUrl: string;
    websiteToken: string;
    hmacToken: string;
    backend: ReturnType<typeof createChatwootBackend>;
    /** Every request the Chatwoot server received (the widget frame's, the SDK's), oldest first. */
    requests: SimulatorRequest[];
    /** Every set_user it answered, with its status. */
    identities: ChatwootIdentity[];
  };
  /** The Front Chat page (/front/): its chat channel's id and verification secret; Front's API on the vendors' origin. */
  front: VendorSite & { chatId: string; backend: HmacIdentityBackend };
  /** The Help Scout Beacon page (/helpscout/): its Beacon id and secure-mode key; the Beacon API on the vendors' origin. */
  helpscout: VendorSite & { beaconId: string; backend: HmacIdentityBackend };
  /**
   * The Sunshine Conversations page (/sunshine/): its app id, app key id and secret; its SDK API
   * on a host of its own (`api`), the requests it received (`calls`) and who is linked to each client.
   */
  sunshine: VendorSite & {
    appId: string;
    keyId: string;
    api?: string;
    calls: SunshineCall[];
    backend: {
      session(clientId: string): { signedIn: boolean; externalId?: string; appUserId?: string; previous?: string };
      events: { kind: 'login' | 'logout'; clientId: string; externalId?: string; previous?: string }[];
    };
  };
  close(): Promise<void>;
}

export interface VendorSite {
  prefix: string;
  secret: string;
}

export declare function startSimulator(options?: {
  port?: number;
  secret?: string;
  apiKey?: string;
  orgName?: string;
  latencyMs?: number;
  seed?: boolean;
  /** The vendors' own port (default: any free one). */
  vendorPort?: number;
}): Promise<Simulator>;
