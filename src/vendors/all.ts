import type { ChatVendor } from '../model/vendor';
import { VENDORS } from './list';
import { provideVendors } from './registry';

/**
 * Every vendor of the list, loaded at once: for the service worker, where import() at run time
 * is not allowed. The build imports each folder's index.ts statically here; importing this
 * module makes loadVendor answer from memory.
 */
const modules = import.meta.glob<ChatVendor>('./*/index.ts', { eager: true, import: 'default' });

provideVendors(
  VENDORS.map(({ id }) => {
    const vendor = modules[`./${id}/index.ts`];
    if (!vendor) throw new Error(`The chat vendor ${id} has no src/vendors/${id}/index.ts.`);
    return vendor;
  }),
);
