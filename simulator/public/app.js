/* The staging site's own code: starts the chat and shows what the chat SDK knows. */
(function () {
  var $ = function (id) { return document.getElementById(id); };
  var fault = new URL(document.querySelector('script[data-kustomer-api-key]').src).searchParams.get('fault');

  function deviceId() {
    return localStorage.getItem('kustomer-chat-tracking-token') || '';
  }

  function refresh() {
    var logins = (window.__kustomerSimReceived || []).filter(function (r) { return r.call === 'login'; });
    $('login-count').textContent = String(logins.length);
    fetch('/api/chat/session?deviceId=' + encodeURIComponent(deviceId()))
      .then(function (r) { return r.json(); })
      .then(function (s) {
        $('chat-customer').textContent = s.identified
          ? [s.email, s.externalId].filter(Boolean).join(' / ') + ' (' + s.customerId + ')'
          : 'anonymous';
      });
    Kustomer.getOpenConversations(function (list, error) {
      var ul = $('conversations');
      ul.textContent = '';
      if (error) return;
      if (list.length === 0) {
        var empty = document.createElement('li');
        empty.textContent = 'No conversations yet.';
        ul.appendChild(empty);
      }
      list.forEach(function (c) {
        var li = document.createElement('li');
        li.dataset.conversationId = c.conversationId;
        li.textContent = (c.lastMessage || '(no message)') + ' — ' + c.conversationId;
        ul.appendChild(li);
      });
    });
  }

  // ?own=good|bad: the site logs its customer in itself, with a token from its own backend.
  function siteLogin(kind) {
    fetch('/api/site/token?kind=' + encodeURIComponent(kind))
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var options = { jwtToken: data.token };
        var callback = function (response, error) {
          var args = window.__kustomerSimLastLoginArgs || [];
          var unchanged = args[0] === Kustomer && args[1] === options && args[2] === callback;
          $('site-login').textContent =
            (error ? 'error: ' + error.message : 'ok: ' + response.customerId) + (unchanged ? ' (arguments unchanged)' : ' (arguments changed!)');
        };
        Kustomer.login(options, callback);
      });
  }

  function onReady() {
    $('sdk-state').textContent = 'ready';
    var own = new URLSearchParams(location.search).get('own');
    if (own === 'good' || own === 'bad') siteLogin(own);
    ['onLogin', 'onLogout', 'onConversationCreate'].forEach(function (event) {
      Kustomer.addListener(event, refresh);
    });
    refresh();
  }

  $('send-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var message = $('message').value.trim();
    if (!message || !window.Kustomer || !Kustomer.createConversation) return;
    Kustomer.createConversation({ message: message }, function () {
      $('message').value = '';
    });
  });

  if (fault === 'no-start') {
    $('sdk-state').textContent = 'loaded, start never called';
    return;
  }
  // The loader fires kustomerLoaded at once; the SDK itself arrives later (kustomer-sim-sdk).
  function whenSdk(fn) {
    if (window.Kustomer && typeof window.Kustomer.login === 'function') fn();
    else window.addEventListener('kustomer-sim-sdk', fn, { once: true });
  }
  function start() {
    Kustomer.start({ brandId: 'acme-staging-brand', hideChatIcon: false }, onReady);
  }
  var params = new URLSearchParams(location.search);
  // ?loader=documented: the page's own kustomerLoaded handler calls Kustomer.start() with no
  // options and no callback (the docs' first example); here we only follow along for display.
  if (params.get('loader') === 'documented') {
    $('sdk-state').textContent = 'starting… (Kustomer.start() from kustomerLoaded)';
    window.addEventListener('kustomer-sim-started', onReady, { once: true });
    return;
  }
  // ?start=click: like sites that start the chat only when a visitor asks for it.
  if (params.get('start') === 'click') {
    $('sdk-state').textContent = 'loaded, not started (click "Chat with us")';
    var button = $('chat-with-us');
    button.hidden = false;
    button.addEventListener('click', function () {
      button.hidden = true;
      $('sdk-state').textContent = 'starting…';
      start();
    });
    // Started some other way (by Chat Identity Lab): show the session all the same.
    whenSdk(function () {
      Kustomer.addListener('onLogin', function () {
        if ($('sdk-state').textContent !== 'ready') onReady();
      });
    });
    return;
  }
  $('sdk-state').textContent = 'starting…';
  // Like most sites: start right away; the loader queues the call until the SDK is in.
  start();
})();
