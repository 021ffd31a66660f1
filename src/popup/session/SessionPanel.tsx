import type { SessionView } from '../../model/outcome';
import { describeExchange } from '../../model/wire-text';
import type { VendorProfile } from '../../model/vendor';

function when(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString([], { dateStyle: 'short', timeStyle: 'short' });
}

/** What the page's SDK says now: who is logged in and their open conversations. */
export function SessionPanel({ session, vendor }: { session?: SessionView; vendor: VendorProfile }) {
  return (
    <section class="session" aria-label="Session">
      <h2>Session</h2>
      {session && <p class="muted">As the page's chat SDK reports it (the page's word, checked for shape and size only).</p>}
      {!session ? (
        <p class="muted">Log in, switch or check a login to see what the page's SDK says.</p>
      ) : (
        <>
          <dl>
            <dt>Customer</dt>
            <dd>
              {vendor.describe(session.lookup)} — {session.loggedIn ? 'logged in' : 'not logged in'}
            </dd>
            {session.response?.customerId && (
              <>
                <dt>Customer ID</dt>
                <dd class="mono">{session.response.customerId}</dd>
              </>
            )}
            {session.response?.visitorId && (
              <>
                <dt>Visitor ID</dt>
                <dd class="mono">{session.response.visitorId}</dd>
              </>
            )}
            {session.response?.email && (
              <>
                <dt>Email</dt>
                <dd>{session.response.email}</dd>
              </>
            )}
            {session.response?.externalId && (
              <>
                <dt>External ID</dt>
                <dd>{session.response.externalId}</dd>
              </>
            )}
          </dl>
          {session.requests && session.requests.length > 0 && (
            <>
              <h3>Requests that carried the token</h3>
              <p class="muted">The answer of {vendor.name}'s server is the evidence (the token's signature is never shown).</p>
              <ul class="requests mono" aria-label="Requests that carried the token">
                {session.requests.map((r) => (
                  <li key={`${r.at}-${r.path}`}>{describeExchange(r)}</li>
                ))}
              </ul>
            </>
          )}
          {session.elsewhere && session.elsewhere.length > 0 && (
            <>
              <h3>The token also went elsewhere</h3>
              <p class="muted">Not {vendor.name}'s server, so never evidence: another script on the page sent the token there.</p>
              <ul class="requests mono" aria-label="The token also went elsewhere">
                {session.elsewhere.map((r) => (
                  <li key={`${r.at}-${r.host}${r.path}`}>{describeExchange(r)}</li>
                ))}
              </ul>
            </>
          )}
          {!vendor.features.conversations && <p class="muted">{vendor.name} has no call that lists conversations.</p>}
          {session.conversations &&
            (session.conversations.ok ? (
              <>
                <p>
                  {session.conversations.items.length} open conversation{session.conversations.items.length === 1 ? '' : 's'}
                </p>
                <ul class="conversations" aria-label="Open conversations">
                  {session.conversations.items.map((c) => (
                    <li key={c.conversationId}>
                      <span class="mono">{c.conversationId}</span>
                      {c.lastMessage && <> — {c.lastMessage}</>}
                      <span class="muted"> ({c.updatedAt && c.updatedAt !== c.createdAt ? `updated ${when(c.updatedAt)}` : `created ${when(c.createdAt)}`})</span>
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p class="warning">Conversations unavailable: {session.conversations.message}</p>
            ))}
        </>
      )}
    </section>
  );
}
