import { jwtServerCode, nodeSnippet as node, pythonSnippet as python } from '../../jwt/server-code';
import type { ServerLanguage } from '../../model/vendor';

/** Kustomer's server code: the secret from KUSTOMER_CHAT_SECRET, minted right before login. */
export const SECRET_VARIABLE = 'KUSTOMER_CHAT_SECRET';
const style = { secretVariable: SECRET_VARIABLE, advice: 'Mint right before Kustomer.login: Kustomer refuses tokens older than 15 minutes.' };

export const nodeSnippet = (payload: Record<string, unknown>, expiresIn?: number) => node(payload, { ...style, expiresIn });
export const pythonSnippet = (payload: Record<string, unknown>, expiresIn?: number) => python(payload, { ...style, expiresIn });
export const serverCode = (payload: Record<string, unknown>, language: ServerLanguage, expiresIn?: number) => jwtServerCode(payload, language, { ...style, expiresIn });
