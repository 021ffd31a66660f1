export declare const HELPSCOUT_DEMO: { secret: string; beaconId: string };
