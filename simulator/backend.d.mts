export declare const IAT_MAX_AGE_SECONDS: number;
export declare const IAT_FUTURE_SKEW_SECONDS: number;
export declare class TokenRejected extends Error {}
export declare const BACKEND_FAULTS: string[];
export interface CustomerView {
  identified: boolean;
  customerId?: string;
  email?: string;
  externalId?: string;
}
export declare function createBackend(options: { secret: string; now?: () => number }): {
  verifyToken(token: string, fault?: string): Promise<{ email?: string; externalId?: string }>;
  login(deviceId: string, token: string, options?: { fault?: string }): Promise<CustomerView>;
  logout(deviceId: string): void;
  session(deviceId: string): CustomerView;
  conversations(deviceId: string, options?: { perDevice?: boolean; fault?: string }): { conversationId: string; createdAt: string; updatedAt: string; lastMessage?: string; messageCount: number }[];
  createConversation(deviceId: string, message: string): { conversationId: string; createdAt: string; ended: boolean; isInAssistantMode: boolean };
  describeCustomer(deviceId: string, attributes: object): CustomerView;
  snapshot(): unknown;
};
