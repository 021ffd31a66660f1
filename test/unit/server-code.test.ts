import { describe, expect, it } from 'vitest';
import { nodeSnippet, pythonSnippet, SECRET_VARIABLE } from '../../src/vendors/kustomer/server-code';

const payload = { externalId: 'cust-1', email: 'a@b.test', iat: 1, vip: true, score: null, tags: ['a'] };

describe('server code', () => {
  it('Node: jsonwebtoken, HS256, the claims without iat, the secret from the environment', () => {
    const code = nodeSnippet(payload);
    expect(code).toContain("require('jsonwebtoken')");
    expect(code).toContain(`process.env.${SECRET_VARIABLE}`);
    expect(code).toContain("algorithm: 'HS256'");
    expect(code).toContain('"externalId": "cust-1"');
    expect(code).not.toMatch(/"iat"/);
  });

  it('Python: PyJWT, iat at signing time, Python literals', () => {
    const code = pythonSnippet(payload);
    expect(code).toContain('import jwt');
    expect(code).toContain(`os.environ["${SECRET_VARIABLE}"]`);
    expect(code).toContain('algorithm="HS256"');
    expect(code).toContain('"vip": True,');
    expect(code).toContain('"score": None,');
    expect(code).toContain('claims["iat"] = int(time.time())');
  });

  it('never contains a secret it was not given', () => {
    for (const code of [nodeSnippet({ externalId: 'x' }), pythonSnippet({ externalId: 'x' })]) {
      expect(code).not.toMatch(/secret['"]?\s*[:=]\s*['"]/i);
    }
  });
});
