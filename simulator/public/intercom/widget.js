/*
 * Stand-in for the Intercom Messenger (widget.intercom.io/widget/APP_ID), with the real one's
 * awkward parts (shared/chat-vendors.md):
 * - `Intercom.booted = true` as soon as the code installs, whatever a boot's result; shutdown
 *   does not reset it. It is no login signal.
 * - boot/update send the settings and the JWT to Intercom's API on its own origin (the built-in
 *   default host, or `api_base` from the boot settings: EU and AU workspaces); a refused token
 *   gets HTTP 401 with a JSON error body, and the page is told nothing but a console error.
 * - `Intercom('ready', fn)` and `getVisitorId` exist.
 */
(function () {
  var w = window;
  var self = document.currentScript;
  var defaultApi = (self && self.getAttribute('data-api-base')) || '';
  var queued = (w.Intercom && w.Intercom.q) || [];
  var visitorId = null;
  var readyCallbacks = [];
  w.__intercomSimReceived = [];
  // What the Messenger thinks of itself, for the page's own display only.
  w.__intercomSimState = { user: null, booting: false };

  function deviceId() {
    var id = localStorage.getItem('intercom-device-id');
    if (!id) {
      id = 'ic-' + Math.random().toString(36).slice(2);
      localStorage.setItem('intercom-device-id', id);
    }
    return id;
  }
  function changed() { w.dispatchEvent(new CustomEvent('intercom-sim-changed')); }
  function post(base, path, body) {
    return fetch(base + '/messenger/web/' + path, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (json) { return { ok: r.ok, status: r.status, body: json }; }); });
  }

  var generation = 0;
  var apiBase = defaultApi;
  function boot(settings) {
    settings = settings || {};
    var mine = ++generation;
    apiBase = typeof settings.api_base === 'string' && settings.api_base ? settings.api_base : defaultApi;
    if (settings.intercom_user_jwt) w.__intercomSimReceived.push({ call: 'boot', token: settings.intercom_user_jwt, settings: Object.keys(settings) });
    w.__intercomSimState.booting = true;
    post(apiBase, 'ping', { deviceId: deviceId(), app_id: settings.app_id, jwt: settings.intercom_user_jwt }).then(function (res) {
      if (mine !== generation) return;
      w.__intercomSimState.booting = false;
      if (!res.ok) {
        var first = (res.body && res.body.errors && res.body.errors[0]) || {};
        console.error('[Intercom] Messenger refused to boot: ' + (first.message || 'HTTP ' + res.status));
        changed();
        return;
      }
      visitorId = res.body.visitorId;
      w.__intercomSimState.user = res.body.userId;
      readyCallbacks.splice(0).forEach(function (fn) { try { fn(); } catch (e) { console.error(e); } });
      changed();
    });
  }

  function Intercom(method, arg) {
    if (method === 'boot') return boot(arg);
    if (method === 'update') return arg && arg.intercom_user_jwt ? boot(Object.assign({ app_id: (w.intercomSettings || {}).app_id, api_base: apiBase }, arg)) : undefined;
    if (method === 'shutdown') {
      generation++;
      visitorId = null;
      w.__intercomSimState.user = null;
      post(apiBase, 'shutdown', { deviceId: deviceId() }).then(changed);
      localStorage.removeItem('intercom-device-id');
      return;
    }
    if (method === 'getVisitorId') return visitorId;
    if (method === 'ready' && typeof arg === 'function') return readyCallbacks.push(arg);
  }
  w.Intercom = Intercom;
  // Set on install, as Intercom's own code does: the script has loaded, nothing more.
  Intercom.booted = true;
  queued.forEach(function (args) { Intercom.apply(null, args); });
  if (w.intercomSettings && w.intercomSettings.app_id) boot(w.intercomSettings);
})();
