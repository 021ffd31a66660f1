import { useEffect, useMemo, useState } from 'preact/hooks';
import { hmacFindings } from '../jwt/hmac-findings';
import { checkHmacSignature, type SignatureCheck } from '../jwt/signature';
import type { Environment } from '../model/schema';
import { type ChatVendor, type HmacSigning, type ServerLanguage, signedFieldWords } from '../model/vendor';
import { Field } from '../ui/Field';
import { FindingList } from './FindingList';
import { SignatureCheckView } from './SignatureCheckView';

interface Props {
  vendor: ChatVendor & { signing: HmacSigning };
  environments: Environment[];
  checkWith?: string;
  onCheckWith: (id: string) => void;
  language: ServerLanguage;
  /** What to start with (a signed value and its signature handed to the page). */
  initial?: { signed: string; signature: string };
}

/**
 * The inspector for a vendor whose widget takes an HMAC signature instead of a JWT: nothing to
 * decode, so the tester gives the value the widget was given and its signature; the view says
 * what is wrong with them (jwt/hmac-findings), which environment's secret made the signature,
 * and the server code that signs the value the vendor's way.
 */
export function HmacView({ vendor, environments, checkWith, onCheckWith, language, initial }: Props) {
  const field = signedFieldWords(vendor.signing);
  const [signed, setSigned] = useState(initial?.signed ?? '');
  const [signature, setSignature] = useState(initial?.signature ?? '');
  const [check, setCheck] = useState<SignatureCheck>();
  const given = signed !== '' || signature !== '';
  const findings = useMemo(() => (given ? hmacFindings({ signed, signature, field }, vendor.name) : []), [signed, signature, field, vendor.name, given]);
  const code = given ? vendor.signing.serverCode(signed.trim(), language) : undefined;

  useEffect(() => {
    setCheck(undefined);
    const chosen = environments.find((e) => e.id === checkWith);
    if (!chosen || signature.trim() === '') return;
    let current = true;
    void checkHmacSignature(signed, signature.trim(), chosen, environments).then((result) => current && setCheck(result));
    return () => {
      current = false;
    };
  }, [signed, signature, checkWith, environments]);

  return (
    <>
      <Field id="hmac-signed" label={`Signed ${field}`} value={signed} placeholder={field === 'email' ? 'ada@example.test' : ''} help={`Exactly as the ${vendor.widget} is given it: ${vendor.name} signs this value.`} onInput={setSigned} />
      <Field id="hmac-signature" label="Signature" value={signature} placeholder="64 hex characters" help="Checked here, in the extension: nothing is sent anywhere." onInput={setSignature} />
      {given && (
        <>
          {signature.trim() !== '' && <SignatureCheckView environments={environments} checkWith={checkWith} onCheckWith={onCheckWith} signature={check} />}
          <FindingList findings={findings} vendorName={vendor.name} />
          {code && (
            <section aria-labelledby="code-heading">
              <h2 id="code-heading">Server code</h2>
              <p class="muted">This code signs the {field} with the secret from the environment, in hex as the widget takes it.</p>
              <pre>{code}</pre>
            </section>
          )}
        </>
      )}
    </>
  );
}
