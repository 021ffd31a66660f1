/**
 * What the page under test holds (who is logged in, the tokens seen on it): shown once storage
 * has answered, never in the first paint, so loaded after it (PopupView's Later).
 */
export { SeenOnPage } from './SeenOnPage';
export { SessionPanel } from './SessionPanel';
