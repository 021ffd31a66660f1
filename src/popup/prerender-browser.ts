/** Stands in for webextension-polyfill while the popup is rendered at build time: nothing calls it then. */
export default {};
