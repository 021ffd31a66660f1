/* The staging site's own code around the Web Messenger: shows who the server has logged in on this device. */
(function () {
  var $ = function (id) { return document.getElementById(id); };
  var api = (document.querySelector('script[data-api-base]') || { getAttribute: function () { return ''; } }).getAttribute('data-api-base');
  var invalidAuth = 0;
  function refresh() {
    var sim = window.__sunshineSim;
    $('widget-state').textContent = sim && sim.ready ? 'ready' : 'loading…';
    var received = window.__sunshineSimReceived || [];
    $('login-count').textContent = String(received.filter(function (r) { return r.call === 'login'; }).length);
    var last = received.filter(function (r) { return r.call === 'login-answer'; }).slice(-1)[0];
    if (last) $('login-result').textContent = last.result;
    $('invalid-auth').textContent = String(invalidAuth);
    if (!sim || !sim.clientId()) return;
    fetch(api + '/__sim/session?clientId=' + encodeURIComponent(sim.clientId()))
      .then(function (r) { return r.json(); })
      .then(function (s) {
        $('chat-user').textContent = s.signedIn ? s.externalId : 'anonymous';
        $('chat-previous').textContent = s.signedIn && s.previous ? s.previous : 'none';
      });
  }
  window.addEventListener('sunshine-sim-changed', refresh);
  window.addEventListener('sunshine-sim-invalid-auth', function () { invalidAuth += 1; refresh(); });
  refresh();
  // ?own=good: the site logs its own user in, with a token from its own backend.
  if (new URLSearchParams(location.search).get('own') === 'good') {
    fetch('/sunshine/api/site-token')
      .then(function (r) { return r.json(); })
      .then(function (data) { return Smooch.login('sun-site-user', data.token); })
      .then(function () { $('site-login').textContent = 'ok'; }, function (error) { $('site-login').textContent = 'error: ' + error.message; });
  }
})();
