import { useEffect, useMemo, useState } from 'preact/hooks';
import { store } from '../core/extension-store';
import type { Environment } from '../core/schema';
import { nodeSnippet, pythonSnippet } from '../kustomer/server-code';
import { checkSignature, type SignatureCheck } from '../kustomer/signature';
import { inspectToken } from '../kustomer/token-findings';
import { Field } from '../ui/Field';
import { StatusRegion, type Tone } from '../ui/StatusRegion';
import { kustomerWindow, relative } from './time';

const TIME_CLAIMS = ['iat', 'exp', 'nbf'] as const;

function useNow(): number {
  const [now, setNow] = useState(() => Date.now() / 1000);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now() / 1000), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function signatureText(check: SignatureCheck): string {
  if (check.kind === 'valid') return `Signature valid with the secret of ${check.owner.name}.`;
  const which = check.matching ? ` It matches the secret of ${check.matching.name}.` : ' No configured environment\'s secret matches.';
  if (check.kind === 'no-secret') return `${check.owner.name} has no secret to check with.${which}`;
  return `Signature does not match the secret of ${check.owner.name}.${which}`;
}

interface InspectorProps {
  initialToken: Promise<string>;
  environmentId?: string;
}

export function Inspector({ initialToken, environmentId }: InspectorProps) {
  const [text, setText] = useState('');
  const [environments, setEnvironments] = useState<Environment[]>([]);
  const [checkWith, setCheckWith] = useState<string | undefined>(environmentId);
  const [signature, setSignature] = useState<SignatureCheck>();
  const [language, setLanguage] = useState<'node' | 'python'>('node');
  const [notice, setNotice] = useState<{ tone: Tone; message: string }>();
  const now = useNow();

  useEffect(() => {
    void initialToken.then((token) => token && setText(token));
    store.environments().then(
      (snapshot) => {
        setEnvironments(snapshot.environments);
        setCheckWith((current) => current ?? snapshot.environments[0]?.id);
      },
      () => setNotice({ tone: 'error', message: 'Could not read the environments: the signature cannot be checked.' }),
    );
  }, []);

  // Decoding is cheap and bounded (MAX_TOKEN_LENGTH); the clock only re-renders the times.
  const inspection = useMemo(() => (text.trim() === '' ? undefined : inspectToken(text, Date.now() / 1000)), [text, Math.floor(now / 30)]);

  useEffect(() => {
    setSignature(undefined);
    const chosen = environments.find((e) => e.id === checkWith);
    if (!inspection?.payload || !chosen) return;
    let current = true;
    void checkSignature(inspection.token, chosen, environments).then((result) => current && setSignature(result));
    return () => {
      current = false;
    };
  }, [inspection?.token, checkWith, environments]);

  async function copy(what: string, value: string) {
    try {
      await navigator.clipboard.writeText(value);
      setNotice({ tone: 'success', message: `Copied the ${what}.` });
    } catch {
      setNotice({ tone: 'error', message: `Could not copy the ${what}: select it and copy by hand.` });
    }
  }

  const code = inspection?.payload ? (language === 'node' ? nodeSnippet(inspection.payload) : pythonSnippet(inspection.payload)) : undefined;
  const kustomerTime = inspection?.kustomerExpiresAt !== undefined ? kustomerWindow(inspection.kustomerExpiresAt, now) : undefined;

  return (
    <>
      <h1>Token inspector</h1>
      <Field
        id="token"
        label="Token"
        multiline
        rows={4}
        value={text}
        placeholder="Paste a JWT (eyJ…)"
        help="Decoded here, in the extension: the token is not sent anywhere."
        onInput={setText}
      />
      <div class="row">
        <button type="button" disabled={!inspection} onClick={() => inspection && copy('token', inspection.token)}>
          Copy token
        </button>
        <button type="button" disabled={!code} onClick={() => code && copy('server code', code)}>
          Copy server code
        </button>
        <label class="checkbox" style="margin:0">
          Server language
          <select aria-label="Server language" value={language} onChange={(e) => setLanguage(e.currentTarget.value as 'node' | 'python')}>
            <option value="node">Node.js (jsonwebtoken)</option>
            <option value="python">Python (PyJWT)</option>
          </select>
        </label>
      </div>
      <StatusRegion tone={notice?.tone}>{notice && <p>{notice.message}</p>}</StatusRegion>

      {inspection && (
        <>
          <section aria-labelledby="findings-heading">
            <h2 id="findings-heading">Findings</h2>
            {inspection.findings.length === 0 ? (
              <p class="muted">Nothing to fix: this is a well-formed Kustomer chat token.</p>
            ) : null}
            <ul class="findings" aria-label="Findings">
              {inspection.findings.map((finding) => (
                <li key={`${finding.id}-${finding.message}`} class={`finding-${finding.severity}`}>
                  <span class="severity">{finding.severity}</span>
                  {finding.message}
                </li>
              ))}
            </ul>
          </section>

          {kustomerTime && (
            <section aria-label="Kustomer window">
              <p class={`countdown ${kustomerTime.valid ? 'valid' : 'expired'}`}>{kustomerTime.text}</p>
            </section>
          )}

          {inspection.payload && (
            <section aria-labelledby="signature-heading">
              <h2 id="signature-heading">Signature</h2>
              {environments.length === 0 ? (
                <p class="muted">Add an environment with its secret in Options to check signatures.</p>
              ) : (
                <>
                  <label class="checkbox" style="margin:0 0 0.4rem">
                    Check with the secret of
                    <select aria-label="Check with the secret of" value={checkWith} onChange={(e) => setCheckWith(e.currentTarget.value)}>
                      {environments.map((e) => (
                        <option key={e.id} value={e.id}>
                          {e.name}
                        </option>
                      ))}
                    </select>
                  </label>
                  <p role="note" aria-label="Signature check">
                    {signature ? signatureText(signature) : 'Checking…'}
                  </p>
                </>
              )}
            </section>
          )}

          <div class="parts">
            <section aria-labelledby="header-heading">
              <h2 id="header-heading">Header</h2>
              <pre>{inspection.header ? JSON.stringify(inspection.header, null, 2) : '—'}</pre>
            </section>
            <section aria-labelledby="payload-heading">
              <h2 id="payload-heading">Payload</h2>
              <pre>{inspection.payload ? JSON.stringify(inspection.payload, null, 2) : '—'}</pre>
            </section>
          </div>

          {inspection.payload && TIME_CLAIMS.some((claim) => typeof inspection.payload?.[claim] === 'number') && (
            <section aria-labelledby="times-heading">
              <h2 id="times-heading">Times</h2>
              <table class="times">
                <tbody>
                  {TIME_CLAIMS.filter((claim) => typeof inspection.payload?.[claim] === 'number').map((claim) => {
                    const value = inspection.payload?.[claim] as number;
                    const seconds = value > 1e11 ? value / 1000 : value;
                    return (
                      <tr key={claim}>
                        <th scope="row">{claim}</th>
                        <td class="mono">{value}</td>
                        <td>{new Date(seconds * 1000).toLocaleString()}</td>
                        <td>{relative(seconds, now)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </section>
          )}

          {code && (
            <section aria-labelledby="code-heading">
              <h2 id="code-heading">Server code</h2>
              <pre aria-label="Server code">{code}</pre>
            </section>
          )}
        </>
      )}
    </>
  );
}
