/* The staging site's own code around the Zendesk widget: shows who is signed in. */
(function () {
  var $ = function (id) { return document.getElementById(id); };
  function refresh() {
    $('widget-state').textContent = window.__zendeskSimBooted ? 'booted' : 'loading… (zE queues calls)';
    $('login-count').textContent = String((window.__zendeskSimReceived || []).filter(function (r) { return r.call === 'loginUser'; }).length);
    var id = localStorage.getItem('ZD-deviceId') || '';
    fetch('/zendesk/api/session?deviceId=' + encodeURIComponent(id))
      .then(function (r) { return r.json(); })
      .then(function (s) { $('chat-user').textContent = s.signedIn ? s.externalId : 'anonymous'; });
  }
  window.addEventListener('zendesk-sim-changed', refresh);
  refresh();
  // ?own=good: the site signs its user in itself, with a token from its own backend.
  if (new URLSearchParams(location.search).get('own') === 'good') {
    fetch('/zendesk/api/site-token')
      .then(function (r) { return r.json(); })
      .then(function (data) {
        zE('messenger', 'loginUser', function (callback) { callback(data.token); }, function (error) {
          $('site-login').textContent = error ? 'error: ' + error.message : 'ok';
        });
      });
  }
})();
