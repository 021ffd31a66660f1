/**
 * Everything that differs between Chrome and Firefox, in one place. The source is one; only
 * the manifest differs at build time (the runtime uses webextension-polyfill's `browser`).
 */

export type TargetBrowser = 'chrome' | 'firefox';

/**
 * The add-on id Firefox knows us by, and the minimum versions: main-world executeScript needs
 * Firefox 128; declaring data collection (which addons.mozilla.org asks for) needs 140 on
 * desktop (the current ESR line) and 142 on Android.
 */
export const GECKO = { id: 'chat-identity-lab@chat-identity-lab.dev', strictMinVersion: '140.0', androidMinVersion: '142.0' };

interface ManifestIn {
  background?: { service_worker?: string; type?: string };
  [key: string]: unknown;
}

export function manifestFor(base: ManifestIn, browser: TargetBrowser, version: string): Record<string, unknown> {
  const manifest: Record<string, unknown> = { ...base, version };
  if (browser === 'firefox') {
    // Firefox runs MV3 backgrounds as (module) event pages, not service workers.
    const worker = base.background?.service_worker;
    manifest.background = { scripts: worker ? [worker] : [], type: 'module' };
    manifest.browser_specific_settings = {
      gecko: {
        id: GECKO.id,
        strict_min_version: GECKO.strictMinVersion,
        // Nothing is collected or sent anywhere: tokens go only to the page the tester chose.
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: GECKO.androidMinVersion },
    };
  }
  return manifest;
}
