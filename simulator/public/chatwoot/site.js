/* The staging site's own code around the Chatwoot widget: shows its state and who its contact is. */
(function () {
  var $ = function (id) { return document.getElementById(id); };
  window.addEventListener('chatwoot:ready', function () {
    $('widget-state').textContent = 'ready';
    // ?own=good: the site identifies its own logged-in user, with a hash from its backend.
    if (new URLSearchParams(location.search).get('own') !== 'good') return;
    fetch('/chatwoot/api/site-identity')
      .then(function (r) { return r.json(); })
      .then(function (user) {
        window.$chatwoot.setUser(user.identifier, { email: user.email, identifier_hash: user.identifier_hash });
        $('site-login').textContent = 'setUser for ' + user.identifier;
      });
  });
  window.addEventListener('chatwoot:error', function (e) { $('chat-error').textContent = (e.detail && e.detail.error) || 'error'; });
  // The simulator's own message from the widget's frame: its contact, as the Chatwoot server answered.
  window.addEventListener('message', function (e) {
    var frame = document.getElementById('chatwoot_live_chat_widget');
    if (!frame || e.source !== frame.contentWindow || typeof e.data !== 'string' || e.data.indexOf('chatwoot-widget:') !== 0) return;
    var message = JSON.parse(e.data.slice('chatwoot-widget:'.length));
    if (message.event !== 'sim-contact') return;
    var contact = message.contact || {};
    $('chat-user').textContent = contact.identifier || 'anonymous';
    $('chat-verified').textContent = contact.hmac_verified ? 'yes' : 'no';
  });
})();
