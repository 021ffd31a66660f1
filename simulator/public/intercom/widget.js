/*
 * Stand-in for the Intercom Messenger (widget.intercom.io/widget/APP_ID), with the real one's
 * awkward parts (shared/chat-vendors.md, "What the real widgets' own code shows"):
 * - `Intercom.booted = true` as soon as the code installs, whatever a boot's result; shutdown
 *   does not reset it. It is no login signal.
 * - boot and update merge the page's `window.intercomSettings` under their arguments (the
 *   Messenger's own getSettings: Object.assign({}, window.intercomSettings, args)): a key the
 *   caller leaves out comes back from the page, so the page's own user_id, email and user_hash
 *   ride along unless the caller sets them to undefined.
 * - The ping goes to `{api_base}/messenger/web/ping` as a form: app_id, source (apiBoot /
 *   apiUpdate), user_data holding JSON ({email, user_id, user_hash, anonymous_id}) and the JWT.
 *   api_base is read once, when the Messenger loads (window.intercomSettings.api_base or
 *   <meta name="intercom-js-api-base">, else its built-in host): a later boot's does not move it.
 * - An identical ping (same page URL, user_data and JWT) within 60 s is not sent again;
 *   shutdown resets that, and gives the device a new anonymous id.
 * - A refused token gets HTTP 401 with a JSON error body: the page is told nothing but a
 *   console error.
 * - With no boot in the snippet's (or the npm package's) queue, it boots itself from
 *   window.intercomSettings.
 * - `Intercom('ready', fn)` and `getVisitorId` exist.
 * - An accepted ping sets the Messenger's first-party cookies, `intercom-id-APPID` (the
 *   anonymous id) and, for an identified user, `intercom-session-APPID`; shutdown clears both
 *   (and sends no request to end the session).
 * The page's fault (`?fault=` on this script's URL) goes with every ping to the API; two are the
 * Messenger's own: logout-keeps (shutdown leaves the session cookie and the identity, so the next
 * boot pings as the user again) and sticky-identity (after a switch the Messenger also pings as
 * the previous user).
 */
(function () {
  var w = window;
  var self = document.currentScript;
  var DEDUPE_MS = 60000;
  var builtInApi = (self && self.getAttribute('data-api-base')) || '';
  var fault = '';
  try {
    fault = (self && new URL(self.src, location.href).searchParams.get('fault')) || '';
  } catch {
    fault = '';
  }
  var queued = (w.Intercom && w.Intercom.q) || [];
  var visitorId = null;
  var readyCallbacks = [];
  w.__intercomSimReceived = [];
  // What the Messenger thinks of itself, for the page's own display only.
  w.__intercomSimState = { user: null, booting: false, skipped: 0 };

  function readApiBase() {
    var settings = w.intercomSettings || {};
    var meta = document.querySelector('meta[name="intercom-js-api-base"]');
    return (typeof settings.api_base === 'string' && settings.api_base) || (meta && meta.getAttribute('content')) || builtInApi;
  }
  var apiBase = readApiBase();

  function deviceId() {
    var id = localStorage.getItem('intercom-device-id');
    if (!id) {
      id = 'ic-' + Math.random().toString(36).slice(2);
      localStorage.setItem('intercom-device-id', id);
    }
    return id;
  }
  function changed() { w.dispatchEvent(new CustomEvent('intercom-sim-changed')); }
  function post(path, fields) {
    var body = new URLSearchParams();
    Object.keys(fields).forEach(function (key) {
      var value = fields[key];
      if (value !== undefined) body.set(key, typeof value === 'string' ? value : JSON.stringify(value));
    });
    // A form as a string, as the real Messenger's XHR sends it: no CORS preflight.
    return fetch(apiBase + '/messenger/web/' + path + (fault ? '?fault=' + encodeURIComponent(fault) : ''), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() })
      .then(function (r) { return r.json().then(function (json) { return { ok: r.ok, status: r.status, body: json }; }); });
  }

  /** The page's settings under the call's arguments, as the real Messenger's getSettings. */
  function settingsFor(args) {
    return Object.assign({}, w.intercomSettings, args || {});
  }
  /** Who the settings name: user_data when given, else the top-level keys; null and undefined dropped. */
  function identityOf(settings) {
    var source = settings.user_data && typeof settings.user_data === 'object' ? settings.user_data : settings;
    var data = {};
    ['email', 'user_id', 'user_hash'].forEach(function (key) {
      if (source[key] !== undefined && source[key] !== null) data[key] = source[key];
    });
    return data;
  }

  // First-party cookies, as the real Messenger writes them (document.cookie, not the Cookie Store API).
  function setCookie(name, value) {
    // biome-ignore lint/suspicious/noDocumentCookie: the real Messenger's own way.
    document.cookie = name + '=' + encodeURIComponent(value) + '; path=/; max-age=604800; SameSite=Lax';
  }
  function clearCookie(name) {
    // biome-ignore lint/suspicious/noDocumentCookie: as above.
    document.cookie = name + '=; path=/; max-age=0';
  }

  var generation = 0;
  var sentAt = {};
  // sticky-identity: the user before the last shutdown, whom the Messenger keeps pinging as.
  var stale = null;
  // The session's identity (the last ping's), under which an update merges its own.
  var session = { identity: {}, jwt: undefined };
  function ping(args, source) {
    var settings = settingsFor(args);
    var identity = source === 'apiUpdate' ? Object.assign({}, session.identity, identityOf(settings)) : identityOf(settings);
    var named = typeof settings.intercom_user_jwt === 'string' && settings.intercom_user_jwt ? settings.intercom_user_jwt : undefined;
    var jwt = named || (source === 'apiUpdate' ? session.jwt : undefined);
    // logout-keeps: the kept session names its user on a boot that names nobody.
    if (fault === 'logout-keeps' && !identity.user_id && !identity.email && !jwt && session.identity && (session.identity.user_id || session.identity.email || session.jwt)) {
      identity = session.identity;
      jwt = session.jwt;
    }
    var userData = Object.assign({}, identity, { anonymous_id: deviceId() });
    if (args && (args.intercom_user_jwt || args.user_hash)) {
      w.__intercomSimReceived.push({
        call: source === 'apiBoot' ? 'boot' : 'update',
        token: args.intercom_user_jwt,
        userHash: args.user_hash,
        userId: args.user_id,
        email: args.email,
        // The keys the caller passed a value for.
        settings: Object.keys(args).filter(function (key) { return args[key] !== undefined; }),
      });
    }
    var key = JSON.stringify({ url: location.href, user: userData, jwt: jwt || null });
    var now = Date.now();
    if (sentAt[key] !== undefined && now - sentAt[key] <= DEDUPE_MS) {
      w.__intercomSimState.skipped++;
      changed();
      return;
    }
    sentAt[key] = now;
    session = { identity: identity, jwt: jwt };
    var mine = ++generation;
    w.__intercomSimState.booting = true;
    var appId = settings.app_id;
    // sticky-identity: a switch's ping is followed by one for the previous user.
    var identified = !!(identity.user_id || identity.email || jwt);
    var previous = fault === 'sticky-identity' && stale && identified && JSON.stringify([stale.identity, stale.jwt || null]) !== JSON.stringify([identity, jwt || null]) ? stale : null;
    post('ping', { app_id: appId, source: source, 'Idempotency-Key': String(Math.random()).slice(2), user_data: userData, intercom_user_jwt: jwt }).then(function (res) {
      if (previous) {
        post('ping', { app_id: appId, source: 'apiUpdate', 'Idempotency-Key': String(Math.random()).slice(2), user_data: Object.assign({}, previous.identity, { anonymous_id: deviceId() }), intercom_user_jwt: previous.jwt });
      }
      if (mine !== generation) return;
      if (res.ok && appId) {
        setCookie('intercom-id-' + appId, deviceId());
        if (identity.user_id || identity.email || jwt) setCookie('intercom-session-' + appId, res.body.visitorId);
      }
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
    if (method === 'boot') return ping(arg, 'apiBoot');
    if (method === 'update') return ping(arg, 'apiUpdate');
    if (method === 'shutdown') {
      generation++;
      visitorId = null;
      sentAt = {};
      var keeps = fault === 'logout-keeps';
      if (fault === 'sticky-identity' && (session.identity.user_id || session.identity.email || session.jwt)) stale = session;
      if (!keeps) session = { identity: {}, jwt: undefined };
      w.__intercomSimState.user = null;
      if (!keeps) {
        post('shutdown', { user_data: { anonymous_id: deviceId() } }).then(changed);
        localStorage.removeItem('intercom-device-id');
        document.cookie.split(';').forEach(function (pair) {
          var name = pair.split('=')[0].trim();
          if (name === 'intercom-id' || name.indexOf('intercom-id-') === 0 || name.indexOf('intercom-session-') === 0) clearCookie(name);
        });
      } else changed();
      return;
    }
    if (method === 'getVisitorId') return visitorId;
    if (method === 'ready' && typeof arg === 'function') return readyCallbacks.push(arg);
  }
  w.Intercom = Intercom;
  // Set on install, as Intercom's own code does: the script has loaded, nothing more.
  Intercom.booted = true;
  var bootQueued = false;
  queued.forEach(function (args) {
    if (args[0] === 'boot') bootQueued = true;
    Intercom.apply(null, args);
  });
  if (!bootQueued && w.intercomSettings && w.intercomSettings.app_id) Intercom('boot');
})();
