import { nodeSnippet as node, pythonSnippet as python } from '../../jwt/server-code';

/** Kustomer's server code: the secret from KUSTOMER_CHAT_SECRET, minted right before login. */
export const SECRET_VARIABLE = 'KUSTOMER_CHAT_SECRET';
const style = { secretVariable: SECRET_VARIABLE, advice: 'Mint right before Kustomer.login: Kustomer refuses tokens older than 15 minutes.' };

export const nodeSnippet = (payload: Record<string, unknown>) => node(payload, style);
export const pythonSnippet = (payload: Record<string, unknown>) => python(payload, style);
export const serverCode = (payload: Record<string, unknown>, language: 'node' | 'python') =>
  language === 'node' ? nodeSnippet(payload) : pythonSnippet(payload);
