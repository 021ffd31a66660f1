import type { MintPlan } from '../jwt/server-fix';

/** The code that mints a correct token, and what it changed from the one pasted. */
export function ServerCode({ code, plan }: { code: string; plan: MintPlan }) {
  return (
    <section aria-labelledby="code-heading">
      <h2 id="code-heading">Server code</h2>
      {plan.changes.length > 0 ? (
        <>
          <p>This code mints a token without the problems above. What it changes from the pasted token:</p>
          <ul class="changes" aria-label="Changes in the server code">
            {plan.changes.map((change) => (
              <li key={change}>{change}</li>
            ))}
          </ul>
        </>
      ) : (
        <p class="muted">This code mints the same claims, with iat (and exp) set when it signs.</p>
      )}
      <pre>{code}</pre>
    </section>
  );
}
