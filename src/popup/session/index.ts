/**
 * What the page under test holds (who is logged in, the tokens seen on it) and the question
 * before the history sync check: never in the first paint, so loaded after it (ui/Later).
 */
export { SeenOnPage } from './SeenOnPage';
export { SessionPanel } from './SessionPanel';
export { SyncQuestion } from './SyncQuestion';
