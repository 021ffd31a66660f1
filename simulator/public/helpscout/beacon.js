/*
 * Stand-in for Help Scout's Beacon (beacon-v2.helpscout.net): replaces the snippet's queue with
 * window.Beacon(method, options) and runs what was queued. 'init' names the Beacon and visits;
 * 'identify' sends { email, name, signature } to the Beacon API on Help Scout's origin (where
 * this script came from), never the site's: POST /beaconapi/v2/BEACON_ID/identify, JSON. A 2xx
 * opens a session, kept in localStorage (persist:hs-beacon-BEACON_ID); a refusal is logged to the
 * console and the Beacon stays anonymous; identify takes no callback. 'logout' forgets the
 * customer and tells the API, then visits as anonymous; 'reset' also forgets everything else the
 * Beacon kept (persist:hs-beacon-*). The page's ?fault= rides on every request. logout-keeps:
 * logout keeps the session and its storage (the next visit names the customer); sticky-identity:
 * after a switch, each identify still sends the previous customer.
 */
(function () {
  var script = document.currentScript;
  var fault = new URL(script.src).searchParams.get('fault') || '';
  var api = new URL('/beaconapi/v2/', script.src).href;
  var received = (window.__helpscoutSimReceived = []);
  var queued = (window.Beacon && window.Beacon.readyQueue) || [];
  var beaconId = '';
  var previous = null;
  var generation = 0;
  var key = function () { return 'persist:hs-beacon-' + beaconId; };
  function stored() {
    try { return JSON.parse(localStorage.getItem(key()) || 'null'); } catch (_unreadable) { return null; }
  }
  function post(action, body) {
    var url = api + encodeURIComponent(beaconId) + '/' + action + (fault ? '?fault=' + encodeURIComponent(fault) : '');
    return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(function (r) {
      return r.json().then(function (json) { return { ok: r.ok, status: r.status, body: json || {} }; });
    });
  }
  // Only the latest call's answer is shown: a visit answered late never hides a later login.
  function changed(at, state) {
    if (at === generation) window.dispatchEvent(new CustomEvent('helpscout-sim-changed', { detail: state }));
  }
  function visit(at) {
    var session = stored();
    return post('visit', { sessionToken: session ? session.sessionToken : undefined }).then(function (res) {
      changed(at, { customer: res.body.customer, previousCustomer: res.body.previousCustomer });
    });
  }
  function logout(at, everything) {
    if (fault === 'logout-keeps') return visit(at);
    var session = stored();
    localStorage.removeItem(key());
    if (everything) {
      for (var i = localStorage.length - 1; i >= 0; i--) {
        var name = localStorage.key(i);
        if (name && name.indexOf('persist:hs-beacon-') === 0) localStorage.removeItem(name);
      }
    }
    if (fault !== 'sticky-identity') previous = null;
    var told = session ? post('logout', { sessionToken: session.sessionToken }) : Promise.resolve();
    return told.then(function () { return visit(at); });
  }
  function Beacon(method, options) {
    received.push({ call: method, options: options && typeof options === 'object' ? JSON.parse(JSON.stringify(options)) : options });
    var at = ++generation;
    if (method === 'init') {
      beaconId = String(options || '');
      return void visit(at);
    }
    if (method === 'identify') {
      options = options && typeof options === 'object' ? options : {};
      var identity = {};
      ['email', 'name', 'signature'].forEach(function (name) {
        if (typeof options[name] === 'string' && options[name] !== '') identity[name] = options[name];
      });
      if (fault === 'sticky-identity' && previous) identity.previous = previous;
      return void post('identify', identity).then(function (res) {
        if (!res.ok) {
          console.error('[Beacon] ' + (res.body.message || 'HTTP ' + res.status));
          return changed(at, { customer: null, status: res.status, message: res.body.message });
        }
        localStorage.setItem(key(), JSON.stringify({ sessionToken: res.body.sessionToken, customer: res.body.customer }));
        previous = res.body.customer;
        changed(at, { customer: res.body.customer, previousCustomer: res.body.previousCustomer, status: res.status });
      });
    }
    if (method === 'logout') return void logout(at, false);
    if (method === 'reset') return void logout(at, true);
  }
  window.Beacon = Beacon;
  queued.forEach(function (entry) { Beacon(entry.method, entry.options, entry.data); });
})();
