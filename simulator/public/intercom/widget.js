/*
 * Stand-in for the Intercom Messenger (widget.intercom.io/widget/APP_ID): replaces the
 * snippet's queue with the Messenger, runs what was queued, and boots from
 * window.intercomSettings. boot/update with intercom_user_jwt send the token to the
 * simulated Intercom backend ("ping"); a refused token leaves the Messenger unbooted and logs
 * an error, as the real one tells the page nothing. Intercom.booted is true once booted.
 */
(function () {
  var w = window;
  var queued = (w.Intercom && w.Intercom.q) || [];
  var visitorId = null;
  w.__intercomSimReceived = [];

  function deviceId() {
    var id = localStorage.getItem('intercom-device-id');
    if (!id) {
      id = 'ic-' + Math.random().toString(36).slice(2);
      localStorage.setItem('intercom-device-id', id);
    }
    return id;
  }
  function changed() { w.dispatchEvent(new CustomEvent('intercom-sim-changed')); }
  function post(path, body) {
    return fetch('/intercom/api/' + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (json) { return { ok: r.ok, body: json }; }); });
  }

  var generation = 0;
  function boot(settings) {
    settings = settings || {};
    var mine = ++generation;
    if (settings.intercom_user_jwt) w.__intercomSimReceived.push({ call: 'boot', token: settings.intercom_user_jwt });
    post('ping', { deviceId: deviceId(), app_id: settings.app_id, jwt: settings.intercom_user_jwt }).then(function (res) {
      if (mine !== generation) return;
      if (!res.ok) {
        console.error('[Intercom] Messenger refused to boot: ' + res.body.error);
        changed();
        return;
      }
      visitorId = res.body.visitorId;
      w.Intercom.booted = true;
      changed();
    });
  }

  function Intercom(method, arg) {
    if (method === 'boot') return boot(arg);
    if (method === 'update') return arg && arg.intercom_user_jwt ? boot(Object.assign({ app_id: (w.intercomSettings || {}).app_id }, arg)) : undefined;
    if (method === 'shutdown') {
      generation++;
      w.Intercom.booted = false;
      visitorId = null;
      post('shutdown', { deviceId: deviceId() }).then(changed);
      localStorage.removeItem('intercom-device-id');
      return;
    }
    if (method === 'getVisitorId') return visitorId;
  }
  Intercom.booted = false;
  w.Intercom = Intercom;
  queued.forEach(function (args) { Intercom.apply(null, args); });
  if (w.intercomSettings && w.intercomSettings.app_id) boot(w.intercomSettings);
})();
