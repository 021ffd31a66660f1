export interface Bundle {
  files: string[];
  bytes: number;
}
export declare function popupBundle(dist?: string): { firstPaint: Bundle; app: Bundle; onDemand: Bundle };
export declare function serviceWorkerBundle(dist?: string): Bundle;
