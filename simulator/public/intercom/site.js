/* The staging site's own code around the Intercom Messenger: shows who the Messenger is for. */
(function () {
  var $ = function (id) { return document.getElementById(id); };
  function refresh() {
    var state = window.__intercomSimState || {};
    var visitor = typeof window.Intercom === 'function' ? window.Intercom('getVisitorId') : null;
    $('messenger-state').textContent = state.booting ? 'booting…' : visitor ? 'booted' : 'not booted';
    $('login-count').textContent = String((window.__intercomSimReceived || []).length);
    $('pings-skipped').textContent = String(state.skipped || 0);
    $('visitor-id').textContent = visitor || '—';
    var id = localStorage.getItem('intercom-device-id') || '';
    fetch('/intercom/api/session?deviceId=' + encodeURIComponent(id))
      .then(function (r) { return r.json(); })
      .then(function (s) { $('chat-user').textContent = s && s.userId ? s.userId : 'anonymous'; });
  }
  window.addEventListener('intercom-sim-changed', refresh);
  refresh();
  var own = new URLSearchParams(location.search).get('own');
  // ?own=settings: the site's server named its user in window.intercomSettings; the Messenger boots with it.
  if (own === 'settings') $('site-login').textContent = 'in window.intercomSettings (user_id ' + (window.intercomSettings || {}).user_id + ')';
  // ?own=good: the site boots the Messenger for its user, with a token from its own backend.
  if (own === 'good') {
    // The user_hash page's backend answers with the hash of its user's id instead of a JWT.
    var hash = new URLSearchParams(location.search).get('verification') === 'hash';
    fetch('/intercom/api/site-token' + (hash ? '?verification=hash' : ''))
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var signed = hash ? { user_id: 'ic-site-user', email: 'site-user@example.test', user_hash: data.userHash } : { intercom_user_jwt: data.token };
        window.Intercom('boot', Object.assign({}, window.intercomSettings, signed));
        $('site-login').textContent = 'booted with the site\'s token';
      });
  }
})();
