import { useEffect, useMemo, useState } from 'preact/hooks';
import { storedEnvironments } from '../actions/stored-environments';
import type { Environment } from '../model/schema';
import { checkSignature, type SignatureCheck } from '../jwt/signature';
import { inspectToken } from '../jwt/token-findings';
import { Field } from '../ui/Field';
import { StatusRegion, type Tone } from '../ui/StatusRegion';
import { DEFAULT_VENDOR, loadVendor, VENDOR_IDS } from '../vendors/registry';
import { type ChatVendor, jwtSigning, type ServerLanguage, signingOf, type VendorId } from '../model/vendor';
import { mintPlan } from '../jwt/server-fix';
import { acceptanceWindow, relative } from './time';
import { guessVendor } from '../jwt/vendor-guess';
import { FindingList } from './FindingList';
import { ServerCode } from './ServerCode';
import { SignatureCheckView } from './SignatureCheckView';
import { HmacView } from './HmacView';

const TIME_CLAIMS = ['iat', 'exp', 'nbf'] as const;

function useNow(): number {
  const [now, setNow] = useState(() => Date.now() / 1000);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now() / 1000), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
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
  const [language, setLanguage] = useState<ServerLanguage>('node');
  const [notice, setNotice] = useState<{ tone: Tone; message: string }>();
  const [vendors, setVendors] = useState<Partial<Record<VendorId, ChatVendor>>>({});
  /** The rules the tester picked; otherwise guessed from the token, then the environment's vendor. */
  const [rulesChoice, setRulesChoice] = useState<VendorId>();
  const now = useNow();

  useEffect(() => {
    void Promise.all(VENDOR_IDS.map(loadVendor)).then((loaded) => setVendors(Object.fromEntries(loaded.map((v) => [v.id, v]))));
  }, []);

  useEffect(() => {
    void initialToken.then((token) => token && setText(token));
    storedEnvironments().then(
      (snapshot) => {
        setEnvironments(snapshot.environments);
        setCheckWith((current) => current ?? snapshot.environments[0]?.id);
      },
      () => setNotice({ tone: 'error', message: 'Could not read the environments: the signature cannot be checked.' }),
    );
  }, []);

  const chosenEnvironment = environments.find((e) => e.id === checkWith);
  const rulesId = rulesChoice ?? guessVendor(text, Object.values(vendors).filter((v) => v !== undefined), chosenEnvironment?.vendor) ?? chosenEnvironment?.vendor ?? DEFAULT_VENDOR;
  const vendor = vendors[rulesId];
  // The chosen environment's settings choose the credential where the vendor lets them (signingFor).
  const vendorSettings = chosenEnvironment?.vendor === vendor?.id ? chosenEnvironment?.settings : undefined;
  const signing = vendor ? signingOf(vendor, vendorSettings) : undefined;
  // This page reads tokens: a vendor that signs an HMAC has none to decode.
  const jwt = vendor ? jwtSigning(vendor, vendorSettings) : undefined;
  // Decoding is cheap and bounded (MAX_TOKEN_LENGTH); the clock only re-renders the times.
  const inspection = useMemo(
    () =>
      text.trim() === '' || !vendor || !jwt
        ? undefined
        : inspectToken(text, jwt.rules, { now: Date.now() / 1000, loginCall: vendor.callName('login'), environment: chosenEnvironment?.vendor === vendor.id ? chosenEnvironment.settings : undefined }),
    [text, vendor, jwt, chosenEnvironment, Math.floor(now / 30)],
  );

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

  const checkedFor = chosenEnvironment?.vendor === vendor?.id ? chosenEnvironment : undefined;
  // The code mints a correct token: every problem found is fixed in it, and said (ServerCode).
  const plan = useMemo(() => (inspection && vendor ? mintPlan(inspection, vendor, checkedFor?.settings) : undefined), [inspection, vendor, checkedFor]);
  const code = plan && jwt ? jwt.serverCode(plan.claims, language, plan.header, plan.expiresIn) : undefined;
  const acceptance = inspection?.expiresAt !== undefined && vendor ? acceptanceWindow(vendor.name, inspection.expiresAt, now) : undefined;

  const rulesSelect = (
    <label class="checkbox" style="margin:0">
      Rules of
      <select aria-label="Rules of" value={rulesId} onChange={(e) => setRulesChoice(e.currentTarget.value as VendorId)}>
        {VENDOR_IDS.map((id) => (
          <option key={id} value={id}>
            {vendors[id]?.name ?? id}
          </option>
        ))}
      </select>
    </label>
  );
  const hmac = signing?.kind === 'hmac';
  const languageSelect = (
    <label class="checkbox" style="margin:0">
      Server language
      <select aria-label="Server language" value={language} onChange={(e) => setLanguage(e.currentTarget.value as ServerLanguage)}>
        <option value="node">{hmac ? 'Node.js (node:crypto)' : 'Node.js (jsonwebtoken)'}</option>
        <option value="python">{hmac ? 'Python (hmac)' : 'Python (PyJWT)'}</option>
        <option value="ruby">{hmac ? 'Ruby (OpenSSL::HMAC)' : 'Ruby (jwt gem)'}</option>
        <option value="php">{hmac ? 'PHP (hash_hmac)' : 'PHP (firebase/php-jwt)'}</option>
      </select>
    </label>
  );

  // A vendor that signs an HMAC has no token: its own view, with the same page around it.
  if (vendor && signing?.kind === 'hmac') {
    return (
      <>
        <h1>Token inspector</h1>
        <div class="row">{rulesSelect}{languageSelect}</div>
        <HmacView vendor={{ ...vendor, signing }} environments={environments} checkWith={checkWith} onCheckWith={setCheckWith} language={language} />
      </>
    );
  }

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
        <button type="button" disabled={!code} onClick={() => code && copy(plan?.changes.length ? `server code (it fixes ${plan.changes.length === 1 ? '1 problem' : `${plan.changes.length} problems`} of this token, listed under Server code)` : 'server code', code)}>
          Copy server code
        </button>
        {rulesSelect}
        {languageSelect}
      </div>
      <StatusRegion tone={notice?.tone}>{notice && <p>{notice.message}</p>}</StatusRegion>

      {inspection && (
        <>
          {inspection.payload && <SignatureCheckView environments={environments} checkWith={checkWith} onCheckWith={setCheckWith} signature={signature} />}

          <FindingList findings={inspection.findings} vendorName={vendor?.name} />

          {acceptance && (
            <section aria-label={`${vendor?.name} window`}>
              <p class={`countdown ${acceptance.valid ? 'valid' : 'expired'}`}>{acceptance.text}</p>
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

          {code && plan && <ServerCode code={code} plan={plan} />}
        </>
      )}
    </>
  );
}
