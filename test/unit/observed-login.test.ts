import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OWN_LOGIN_FLAG, PAGE_LOGIN_EVENT } from '../../src/model/observed-login';

/** The self-contained page-side files type their own copy of the shared names: each must match. */
const USES: Record<string, string[]> = {
  'src/page-bridge/observer-relay.iife.ts': [PAGE_LOGIN_EVENT],
  'src/vendors/kustomer/observer.iife.ts': [PAGE_LOGIN_EVENT, OWN_LOGIN_FLAG],
  'src/vendors/zendesk/observer.iife.ts': [PAGE_LOGIN_EVENT, OWN_LOGIN_FLAG],
  'src/vendors/intercom/observer.iife.ts': [PAGE_LOGIN_EVENT, OWN_LOGIN_FLAG],
  'src/vendors/chatwoot/observer.iife.ts': [PAGE_LOGIN_EVENT, OWN_LOGIN_FLAG],
  'src/vendors/kustomer/page-command.ts': [OWN_LOGIN_FLAG, `${OWN_LOGIN_FLAG}.observer`],
  'src/vendors/zendesk/page-command.ts': [OWN_LOGIN_FLAG],
  'src/vendors/intercom/page-command.ts': [OWN_LOGIN_FLAG],
  'src/vendors/chatwoot/page-command.ts': [OWN_LOGIN_FLAG],
  'src/vendors/front/observer.iife.ts': [PAGE_LOGIN_EVENT, OWN_LOGIN_FLAG],
  'src/vendors/helpscout/observer.iife.ts': [PAGE_LOGIN_EVENT, OWN_LOGIN_FLAG],
  'src/vendors/front/page-command.ts': [OWN_LOGIN_FLAG],
  'src/vendors/helpscout/page-command.ts': [OWN_LOGIN_FLAG],
};

describe('the observed-login names', () => {
  for (const [file, names] of Object.entries(USES)) {
    it(`${file} types them as model/observed-login names them`, () => {
      const text = readFileSync(file, 'utf8');
      for (const name of names) expect(text).toContain(`'${name}'`);
      // No other spelling of the event or the flag.
      for (const found of text.match(/'chat-identity-lab[:.](?:page-login|own-login)[^']*'/g) ?? []) {
        expect([PAGE_LOGIN_EVENT, OWN_LOGIN_FLAG, `${OWN_LOGIN_FLAG}.observer`]).toContain(found.slice(1, -1));
      }
    });
  }
});
