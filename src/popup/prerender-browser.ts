/**
 * Stands in for webextension-polyfill while the popup is rendered at build time: modules hold
 * on to the storage areas when they load, but nothing calls the browser while rendering.
 */
export default { storage: { local: {}, session: {} } };
