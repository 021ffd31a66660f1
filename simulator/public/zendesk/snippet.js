/*
 * Stand-in for Zendesk's snippet.js (static.zdassets.com/ekr/snippet.js): defines window.zE
 * at once as a queue, then "boots" the widget, which replaces zE and runs what was queued.
 * zE('messenger', 'loginUser', jwtCallback, loginCallback) asks jwtCallback for the token and
 * sends it to the simulated Zendesk backend; loginCallback gets null or a LoginFailedError.
 * ?fault=never-boot: the widget never boots (calls stay queued, callbacks never come).
 * ?build=no-callback: an older widget build whose loginUser never calls loginCallback (the
 * callback is a recent addition); only the answer to its request says what Zendesk decided.
 * logoutUser takes no callback, and its request takes a while: a login sent before that request
 * is answered is undone by it, as a logout finishing late would.
 */
(function () {
  var params = new URL(document.currentScript.src).searchParams;
  // Zendesk's API is on Zendesk's origin, where the snippet came from, never the site's.
  var api = new URL('/zendesk/api/', document.currentScript.src).href;
  var fault = params.get('fault') || '';
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
  function post(path, body) {
    return fetch(api + path + '?fault=' + encodeURIComponent(fault), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(function (r) { return r.json().then(function (json) { return { ok: r.ok, body: json }; }); });
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
        post('login', { deviceId: deviceId(), token: jwt }).then(function (res) {
          changed();
          if (res.ok) return loginCallback(null);
          var error = new Error(res.body.message);
          error.type = 'LoginFailedError';
          error.reason = res.body.reason;
          loginCallback(error);
        });
      });
    } else if (method === 'logoutUser') {
      window.__zendeskSimReceived.push({ call: 'logoutUser' });
      post('logout', { deviceId: deviceId() }).then(function () {
        window.__zendeskSimReceived.push({ call: 'logoutUser-done' });
        changed();
      });
    } else if (method === 'resetWidget') {
      window.__zendeskSimReceived.push({ call: 'resetWidget' });
      localStorage.removeItem('ZD-deviceId');
      if (typeof args[0] === 'function') setTimeout(args[0], 0);
    }
  }
  zE.deviceId = deviceId;

  if (fault === 'never-boot') return;
  // The widget's own script arrives a moment later, as on a real page.
  setTimeout(function () {
    window.zE = zE;
    window.__zendeskSimBooted = true;
    queue.splice(0).forEach(function (args) { zE.apply(null, args); });
    changed();
  }, 50);
})();
