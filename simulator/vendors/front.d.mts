export declare const FRONT_DEMO: { secret: string; chatId: string };
