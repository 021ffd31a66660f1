import intercom from './intercom/index';
import kustomer from './kustomer/index';
import { provideVendors } from './registry';
import zendesk from './zendesk/index';

/**
 * Every vendor, loaded at once: for the service worker, where import() at run time is not
 * allowed. Importing this module makes loadVendor answer from memory.
 */
provideVendors([kustomer, zendesk, intercom]);
