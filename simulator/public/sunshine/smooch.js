/*
 * Stand-in for the Sunshine Conversations Web Messenger (cdn.smooch.io, `smooch` on npm). It
 * replaces the loader snippet's stub window.Smooch and runs the init the page queued.
 * Smooch.login(externalId, jwt) returns a promise: it posts /sdk/v2/apps/APP_ID/login on the API
 * host with `authorization: Bearer <JWT>`, a JSON body ({ userId, appUserId, client }) and the
 * x-smooch-* headers, as the real SDK's http action does; it resolves on a 2xx and rejects with
 * the answer's error (its `code`, `description`) otherwise, after calling init's onInvalidAuth
 * for an `invalid_auth` answer. An answer without CORS headers (the API's expired-token 401)
 * reaches the page as a network error: fetch rejects with a TypeError, no status, and
 * onInvalidAuth never runs. Smooch.logout() posts …/appusers/APP_USER_ID/logout, then forgets
 * `<appId>.appUserId` and `<appId>.sessionToken` and keeps `<appId>.clientId`.
 * Page settings (data-fault, data-clock, passed to the API). Faults: logout-keeps (the stored session stays and the widget asks for its user
 * again right after), sticky-identity (the next login still names the previous user's appUser).
 */
(function () {
  var script = document.currentScript;
  var api = script.getAttribute('data-api-base') || '';
  var fault = script.getAttribute('data-fault') || '';
  // The simulator's page settings ride to the API in the query string.
  var query = new URLSearchParams();
  if (fault) query.set('fault', fault);
  if (script.getAttribute('data-clock')) query.set('clock', script.getAttribute('data-clock'));
  var stub = window.Smooch;
  var state = { appId: '', user: null, jwt: null, lastAppUserId: null, onInvalidAuth: null, ready: false };
  var resolveInit;
  var initDone = new Promise(function (resolve) { resolveInit = resolve; });
  var received = (window.__sunshineSimReceived = []);

  function key(name) { return state.appId + '.' + name; }
  function clientId() {
    if (!state.appId) return '';
    var id = localStorage.getItem(key('clientId'));
    if (!id) {
      id = Math.random().toString(16).slice(2) + Math.random().toString(16).slice(2);
      localStorage.setItem(key('clientId'), id);
    }
    return id;
  }
  function changed() { window.dispatchEvent(new CustomEvent('sunshine-sim-changed')); }
  function handleResponse(response) {
    if (response.status === 202 || response.status === 204) return Promise.resolve({});
    if (response.ok) return response.json();
    return response.json().then(function (json) {
      var failure = (json && json.error) || {};
      var error = new Error(failure.description || response.statusText);
      error.code = failure.code;
      error.description = failure.description;
      error.status = response.status;
      throw error;
    });
  }
  function http(method, path, body) {
    var headers = { Accept: 'application/json', 'x-smooch-sdk': 'web/smooch-sim/5.0.0', 'x-smooch-clientid': clientId(), 'x-smooch-appid': state.appId };
    if (body) headers['Content-Type'] = 'application/json';
    var sessionToken = localStorage.getItem(key('sessionToken'));
    var appUserId = localStorage.getItem(key('appUserId'));
    if (state.jwt) headers.Authorization = 'Bearer ' + state.jwt;
    else if (sessionToken && appUserId) headers.Authorization = 'Basic ' + btoa(appUserId + ':' + sessionToken);
    var url = api + '/sdk/v2/apps/' + encodeURIComponent(state.appId) + '/' + path + (query.size > 0 ? '?' + query : '');
    return fetch(url, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined }).then(handleResponse);
  }
  function clientInfo() {
    return { platform: 'web', id: clientId(), info: { sdkVersion: '5.0.0-sim', URL: location.host, currentUrl: location.href } };
  }
  /** The stored user, as the SDK restores it on load (its session token, no JWT). */
  function restore() {
    var appUserId = localStorage.getItem(key('appUserId'));
    if (!appUserId || !localStorage.getItem(key('sessionToken'))) return Promise.resolve();
    return http('GET', 'appusers/' + encodeURIComponent(appUserId)).then(
      function (res) { state.user = res.appUser; },
      function () {},
    );
  }

  var Smooch = {
    init: function (options) {
      options = options || {};
      state.appId = String(options.appId || options.integrationId || '');
      state.onInvalidAuth = typeof options.onInvalidAuth === 'function' ? options.onInvalidAuth : null;
      if (!state.appId) return Promise.reject(new Error('Smooch.init: an integrationId or appId is required'));
      return restore().then(function () {
        state.ready = true;
        resolveInit();
        changed();
      });
    },
    login: function (externalId, jwt) {
      received.push({ call: 'login', externalId: externalId, token: jwt });
      return initDone.then(function () {
        if (typeof externalId !== 'string' || externalId === '') throw new Error('Smooch.login: an externalId is required');
        if (typeof jwt !== 'string' || jwt === '') throw new Error('Smooch.login: a jwt is required');
        var current = state.user ? state.user._id : undefined;
        var named = fault === 'sticky-identity' ? current || state.lastAppUserId || undefined : current;
        state.jwt = jwt;
        return http('POST', 'login', { userId: externalId, appUserId: named, client: clientInfo() }).then(
          function (res) {
            state.user = res.appUser;
            state.lastAppUserId = res.appUser._id;
            localStorage.setItem(key('appUserId'), res.appUser._id);
            if (res.sessionToken) localStorage.setItem(key('sessionToken'), res.sessionToken);
            received.push({ call: 'login-answer', result: 'resolved' });
            changed();
          },
          function (error) {
            state.jwt = null;
            received.push({ call: 'login-answer', result: 'rejected: ' + (error && error.message) });
            if (error && error.code === 'invalid_auth' && state.onInvalidAuth) {
              try { state.onInvalidAuth(); } catch (_e) { /* the page's handler */ }
            }
            changed();
            throw error;
          },
        );
      });
    },
    logout: function () {
      received.push({ call: 'logout' });
      return initDone.then(function () {
        if (!state.user) return;
        var appUserId = state.user._id;
        return http('POST', 'appusers/' + encodeURIComponent(appUserId) + '/logout', { client: { id: clientId() } }).then(function () {
          state.user = null;
          state.jwt = null;
          if (fault === 'logout-keeps') {
            // The stored session stays, and the widget asks for that user again.
            return restore().then(changed);
          }
          localStorage.removeItem(key('appUserId'));
          localStorage.removeItem(key('sessionToken'));
          changed();
        });
      });
    },
    getUser: function () {
      return state.user ? { _id: state.user._id, externalId: state.user.externalId, userId: state.user.userId } : undefined;
    },
    isOpened: function () { return false; },
    on: function () {},
    render: function () {},
    destroy: function () {},
  };
  window.__sunshineSim = { clientId: clientId, get ready() { return state.ready; } };
  window.Smooch = Smooch;
  var queued = (stub && stub._queued) || [];
  queued.forEach(function (entry) {
    if (entry.args) Smooch.init.apply(null, entry.args).then(entry.resolve, entry.reject);
  });
})();
