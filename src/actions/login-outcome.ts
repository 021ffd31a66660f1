/** Moved to session/ (shared with the Node package); kept here for the popup's imports. */
export * from '../session/login-outcome';
