/*
 * Stand-in for Zendesk's snippet.js (static.zdassets.com/ekr/snippet.js): defines window.zE
 * at once as a queue, then "boots" the widget, which replaces zE and runs what was queued.
 * zE('messenger', 'loginUser', jwtCallback, loginCallback) asks jwtCallback for the token and
 * sends it as the real widget does: POST /sc/sdk/v2/apps/APP_ID/login on Zendesk's origin, the
 * token in `authorization: Bearer <JWT>`, a JSON body and x-smooch-* headers (the client id is
 * the device); loginCallback gets null or a LoginFailedError (its reason: the answer's error code,
 * `conflict` for HTTP 409). The answer's appUser id and session token are kept in localStorage.
 * ?fault=never-boot: the widget never boots (calls stay queued, callbacks never come).
 * ?build=no-callback: an older widget build whose loginUser never calls loginCallback (the
 * callback is a recent addition); only the answer to its request says what Zendesk decided.
 * logoutUser takes no callback: it posts /sc/sdk/v2/apps/APP_ID/appusers/APP_USER_ID/logout (with
 * no user logged in, there is nothing to send), then forgets the appUser id and session token and
 * keeps the client id. The request takes a while: a login sent before it is answered is undone
 * by it, as a logout finishing late would.
 * The answer's appUser (its id, and its userId: the external_id) is kept with the session token;
 * when the widget boots with a kept session it restores it: POST
 * /sc/sdk/v2/apps/APP_ID/appusers/APP_USER_ID/session with `{ userId, sessionToken }`.
 * ?fault=logout-keeps: logoutUser sends its request but keeps the session (the next boot
 * restores the customer). ?fault=sticky-identity: a logout keeps the user's id as the previous
 * user, and the next user's session names it too (`previousUserId`).
 */
(function () {
  var params = new URL(document.currentScript.src).searchParams;
  // Zendesk's API is on Zendesk's origin, where the snippet came from, never the site's.
  var app = params.get('app') || '';
  var api = new URL('/sc/sdk/v2/apps/' + encodeURIComponent(app) + '/', document.currentScript.src).href;
  var fault = params.get('fault') || '';
  var APP_USER_KEY = app + '.appUserId';
  var SESSION_KEY = app + '.sessionToken';
  var USER_KEY = app + '.userId';
  var PREVIOUS_KEY = app + '.previousUserId';
  var noCallback = params.get('build') === 'no-callback';
  var queue = [];
  window.zE = function () { queue.push(arguments); };
  window.__zendeskSimReceived = [];

  function deviceId() {
    var id = localStorage.getItem('ZD-deviceId');
    if (!id) {
      id = 'zd-' + Math.random().toString(36).slice(2);
      localStorage.setItem('ZD-deviceId', id);
    }
    return id;
  }
  function post(path, body, jwt) {
    var headers = { 'content-type': 'application/json', 'x-smooch-appid': app, 'x-smooch-clientid': deviceId(), 'x-smooch-sdk': 'web/zendesk-sim/1.0.0' };
    if (jwt !== undefined) headers.authorization = 'Bearer ' + jwt;
    return fetch(api + path + (fault ? '?fault=' + encodeURIComponent(fault) : ''), {
      method: 'POST',
      headers: headers,
      body: JSON.stringify(body),
    }).then(function (r) { return r.json().then(function (json) { return { ok: r.ok, status: r.status, body: json }; }); });
  }
  function changed() { window.dispatchEvent(new CustomEvent('zendesk-sim-changed')); }

  function zE(scope, method) {
    var args = Array.prototype.slice.call(arguments, 2);
    if (scope !== 'messenger') return;
    if (method === 'loginUser') {
      var jwtCallback = args[0];
      var loginCallback = typeof args[1] === 'function' && !noCallback ? args[1] : function () {};
      jwtCallback(function (jwt) {
        window.__zendeskSimReceived.push({ call: 'loginUser', token: jwt });
        post('login', { client: { id: deviceId(), platform: 'web' } }, jwt).then(function (res) {
          if (res.ok) {
            localStorage.setItem(APP_USER_KEY, res.body.appUser._id);
            localStorage.setItem(SESSION_KEY, res.body.sessionToken);
            localStorage.setItem(USER_KEY, res.body.appUser.userId);
          }
          changed();
          if (res.ok) return loginCallback(null);
          var failure = (res.body && res.body.error) || {};
          var error = new Error(failure.description || 'HTTP ' + res.status);
          error.type = 'LoginFailedError';
          error.reason = failure.code;
          loginCallback(error);
        });
      });
    } else if (method === 'logoutUser') {
      window.__zendeskSimReceived.push({ call: 'logoutUser' });
      var appUserId = localStorage.getItem(APP_USER_KEY);
      var forget = function () {
        if (fault === 'sticky-identity' && localStorage.getItem(USER_KEY)) localStorage.setItem(PREVIOUS_KEY, localStorage.getItem(USER_KEY));
        if (fault !== 'logout-keeps') {
          localStorage.removeItem(APP_USER_KEY);
          localStorage.removeItem(SESSION_KEY);
          localStorage.removeItem(USER_KEY);
        }
        window.__zendeskSimReceived.push({ call: 'logoutUser-done' });
        changed();
      };
      if (!appUserId) return forget();
      post('appusers/' + encodeURIComponent(appUserId) + '/logout', {}).then(forget);
    } else if (method === 'resetWidget') {
      window.__zendeskSimReceived.push({ call: 'resetWidget' });
      localStorage.removeItem('ZD-deviceId');
      localStorage.removeItem(APP_USER_KEY);
      localStorage.removeItem(SESSION_KEY);
      localStorage.removeItem(USER_KEY);
      localStorage.removeItem(PREVIOUS_KEY);
      if (typeof args[0] === 'function') setTimeout(args[0], 0);
    }
  }
  zE.deviceId = deviceId;

  if (fault === 'never-boot') return;
  /** A kept session is restored when the widget boots: the request names the user (and, sticky, the one before). */
  function restore() {
    var appUserId = localStorage.getItem(APP_USER_KEY);
    var sessionToken = localStorage.getItem(SESSION_KEY);
    if (!appUserId || !sessionToken) return Promise.resolve();
    var body = { userId: localStorage.getItem(USER_KEY) || undefined, sessionToken: sessionToken, previousUserId: localStorage.getItem(PREVIOUS_KEY) || undefined };
    return post('appusers/' + encodeURIComponent(appUserId) + '/session', body).then(
      function () {},
      function () {},
    );
  }

  // The widget's own script arrives a moment later, as on a real page.
  setTimeout(function () {
    restore().then(boot);
  }, 50);
  function boot() {
    window.zE = zE;
    window.__zendeskSimBooted = true;
    queue.splice(0).forEach(function (args) { zE.apply(null, args); });
    changed();
  }
})();
