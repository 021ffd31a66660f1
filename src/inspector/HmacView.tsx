import { useEffect, useMemo, useState } from 'preact/hooks';
import { hmacFindings, hmacSecretFindings } from '../jwt/hmac-findings';
import { checkHmacSignature, type SignatureCheck } from '../jwt/signature';
import type { Environment } from '../model/schema';
import type { ChatVendor, Finding, HmacSigning, ServerLanguage } from '../model/vendor';
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
  initial?: { signed: string; signature: string; field?: string; others?: string };
}

/**
 * The inspector for a vendor whose widget takes an HMAC signature instead of a JWT: nothing to
 * decode, so the tester gives the value the widget was given and its signature (and, where the
 * vendor signs one of several fields, which one it is); the view says what is wrong with them
 * (jwt/hmac-findings), what the signature really is under the chosen environment's secret (the
 * right HMAC in base64 or capitals, the HMAC of another value of the identity, another
 * environment's key), and the server code that signs the value the vendor's way.
 */
export function HmacView({ vendor, environments, checkWith, onCheckWith, language, initial }: Props) {
  const fields = typeof vendor.signing.field === 'string' ? [vendor.signing.field] : [...vendor.signing.field];
  const [picked, setPicked] = useState(initial?.field && fields.includes(initial.field) ? initial.field : (fields[0] ?? ''));
  const field = fields.includes(picked) ? picked : (fields[0] ?? '');
  const [signed, setSigned] = useState(initial?.signed ?? '');
  const [signature, setSignature] = useState(initial?.signature ?? '');
  const [others, setOthers] = useState(initial?.others ?? '');
  const [check, setCheck] = useState<SignatureCheck>();
  const [secretFindings, setSecretFindings] = useState<Finding[]>([]);
  const given = signed !== '' || signature !== '';
  const otherValues = useMemo(() => others.split('\n'), [others]);
  // What the secret shows comes first; a finding of the same kind from the text alone is dropped.
  const findings = useMemo(() => {
    const plain = given ? hmacFindings({ signed, signature, field }, vendor.name) : [];
    const known = new Set(secretFindings.map((f) => f.id));
    return [...secretFindings, ...plain.filter((f) => !known.has(f.id))];
  }, [signed, signature, field, vendor.name, given, secretFindings]);
  const code = given ? vendor.signing.serverCode(signed.trim(), language) : undefined;

  useEffect(() => {
    setCheck(undefined);
    setSecretFindings([]);
    const chosen = environments.find((e) => e.id === checkWith);
    if (!chosen || signature.trim() === '') return;
    let current = true;
    void checkHmacSignature(signed, signature.trim(), chosen, environments).then((result) => current && setCheck(result));
    void hmacSecretFindings({ signed, signature, field, others: otherValues }, vendor.name, chosen, environments).then((result) => current && setSecretFindings(result));
    return () => {
      current = false;
    };
  }, [signed, signature, field, otherValues, checkWith, environments, vendor.name]);

  return (
    <>
      {fields.length > 1 && (
        <label class="inline-select">
          Signed field
          <select aria-label="Signed field" value={field} onChange={(e) => setPicked(e.currentTarget.value)}>
            {fields.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      )}
      <Field
        id="hmac-signed"
        label={`Signed ${field}`}
        value={signed}
        placeholder={field === 'email' ? 'ada@example.test' : ''}
        help={
          fields.length > 1
            ? `Exactly as the ${vendor.widget} is given it: ${vendor.name} signs the ${fields.join(' when the identity has one, else the ')}.`
            : `Exactly as the ${vendor.widget} is given it: ${vendor.name} signs this value.`
        }
        onInput={setSigned}
      />
      <Field id="hmac-signature" label="Signature" value={signature} placeholder="64 hex characters" help="Checked here, in the extension: nothing is sent anywhere." onInput={setSignature} />
      <Field
        id="hmac-others"
        label="Other values of the identity"
        multiline
        rows={2}
        value={others}
        placeholder={field === 'email' ? 'user-1001' : 'ada@example.test'}
        help={`Optional, one a line: the identity's other values the widget is given (a user id, an email, a name). A signature made from one of them instead of the ${field} is named.`}
        onInput={setOthers}
      />
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
