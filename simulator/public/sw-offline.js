/*
 * An "offline-first" service worker, as some sites have: it answers every POST the page sends to
 * another origin with a fallback 200, so the request never reaches that server. A chat vendor's
 * API request answered this way was seen by no server: its 200 is no verdict.
 * Registered by a simulator page with ?sw=offline.
 */
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'POST' || url.origin === self.location.origin) return;
  event.respondWith(new Response(JSON.stringify({ queued: true }), { status: 200, headers: { 'content-type': 'application/json', 'access-control-allow-origin': '*' } }));
});
