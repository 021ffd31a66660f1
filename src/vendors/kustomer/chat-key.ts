import { decodeJwt } from 'jose';
import { ORG_NAME_MAX, orgNameProblem } from './org-name';

/** The org a Kustomer chat key names (page-org reads the key from the page). Pure. */

/** Real chat keys are a few hundred characters; a longer attribute is not a chat key. */
export const MAX_CHAT_KEY = 4096;

/**
 * The org's readable name: `orgName` only. `org` is the org's id (a 24-hex ObjectId), never
 * a name (shared/kustomer-web-sdk.md).
 */
export function orgFromChatKey(chatKey: string): string | undefined {
  if (chatKey.length > MAX_CHAT_KEY) return undefined;
  try {
    const { orgName } = decodeJwt(chatKey);
    if (typeof orgName !== 'string' || orgName.length > ORG_NAME_MAX || orgNameProblem(orgName) !== undefined) return undefined;
    return orgName.trim().toLowerCase();
  } catch {
    return undefined;
  }
}
