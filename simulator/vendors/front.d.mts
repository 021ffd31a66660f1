import type { HmacWidgetSite } from './hmac-identity.mjs';
export declare const FRONT_DEMO: { secret: string; chatId: string };
export declare function frontSite(options?: { secret?: string; chatId?: string }): HmacWidgetSite & { chatId: string };
