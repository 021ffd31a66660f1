import type { IncomingHttpHeaders } from 'node:http';

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
  close(): Promise<void>;
}

export declare function startSimulator(options?: {
  port?: number;
  secret?: string;
  apiKey?: string;
  orgName?: string;
  latencyMs?: number;
  seed?: boolean;
}): Promise<Simulator>;
