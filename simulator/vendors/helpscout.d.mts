import type { HmacWidgetSite } from './hmac-identity.mjs';
export declare const HELPSCOUT_DEMO: { secret: string; beaconId: string };
export declare function helpscoutSite(options?: { secret?: string; beaconId?: string }): HmacWidgetSite & { beaconId: string };
