import { PassphraseError } from '../storage/vault';

/** The message of whatever was thrown, for a sentence that starts "Nothing imported: …". */
export const messageOf = (caught: unknown) => (caught instanceof PassphraseError ? caught.message : String((caught as Error)?.message ?? caught));
