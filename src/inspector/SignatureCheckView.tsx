import type { Environment } from '../model/schema';
import type { SignatureCheck } from '../jwt/signature';

function signatureText(check: SignatureCheck): string {
  if (check.kind === 'valid') return `Signature valid with the secret of ${check.owner.name}.`;
  const which = check.matching ? ` It matches the secret of ${check.matching.name}.` : " No configured environment's secret matches.";
  if (check.kind === 'no-secret') return `${check.owner.name} has no secret to check with.${which}`;
  return `Signature does not match the secret of ${check.owner.name}.${which}`;
}

interface Props {
  environments: Environment[];
  checkWith?: string;
  onCheckWith: (id: string) => void;
  signature?: SignatureCheck;
}

/** Which secret signed the token. A mismatch is the finding that matters most: shown as an error. */
export function SignatureCheckView({ environments, checkWith, onCheckWith, signature }: Props) {
  return (
    <section aria-labelledby="signature-heading">
      <h2 id="signature-heading">Signature</h2>
      {environments.length === 0 ? (
        <p class="muted">Add an environment with its secret in Options to check signatures.</p>
      ) : (
        <>
          <label class="inline-select">
            Check with the secret of
            <select aria-label="Check with the secret of" value={checkWith} onChange={(e) => onCheckWith(e.currentTarget.value)}>
              {environments.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
            </select>
          </label>
          <p role="note" aria-label="Signature check" class={`signature signature--${signature?.kind ?? 'checking'}`}>
            {signature ? signatureText(signature) : 'Checking…'}
          </p>
        </>
      )}
    </section>
  );
}
