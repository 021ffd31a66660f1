/*
 * Stand-in for Front Chat's chat.bundle.js (chat-assets.frontapp.com/v1/chat.bundle.js): defines
 * window.FrontChat(method, options). 'init' with a userId or an email sends the identity and its
 * userHash to Front's API, on Front's origin (where this script came from), never the site's:
 * POST /frontapp/chat/v1/CHAT_ID/identify, JSON. A 2xx opens a session, kept in localStorage
 * (frontchat-session-CHAT_ID); a refusal is logged to the console and the widget stays anonymous;
 * the page is told nothing either way (init takes no callback). 'init' without an identity is a
 * visit that names whoever the kept session names. 'shutdown' with clearSession forgets the
 * session and tells the API, then visits as anonymous. The page's ?fault= rides on every request.
 * logout-keeps: shutdown keeps the session and its storage (the next visit names the customer);
 * sticky-identity: after a switch, each identify still sends the previous customer.
 */
(function () {
  var script = document.currentScript;
  var fault = new URL(script.src).searchParams.get('fault') || '';
  var api = new URL('/frontapp/chat/v1/', script.src).href;
  var received = (window.__frontSimReceived = []);
  var chatId = '';
  var previous = null;
  var generation = 0;
  var key = function () { return 'frontchat-session-' + chatId; };
  function stored() {
    try { return JSON.parse(localStorage.getItem(key()) || 'null'); } catch (_unreadable) { return null; }
  }
  function post(action, body) {
    var url = api + encodeURIComponent(chatId) + '/' + action + (fault ? '?fault=' + encodeURIComponent(fault) : '');
    return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(function (r) {
      return r.json().then(function (json) { return { ok: r.ok, status: r.status, body: json || {} }; });
    });
  }
  // Only the latest call's answer is shown: a visit answered late never hides a later login.
  function changed(at, state) {
    if (at === generation) window.dispatchEvent(new CustomEvent('front-sim-changed', { detail: state }));
  }
  function visit(at) {
    var session = stored();
    return post('visit', { sessionToken: session ? session.sessionToken : undefined }).then(function (res) {
      changed(at, { customer: res.body.customer, previousCustomer: res.body.previousCustomer });
    });
  }
  function identify(at, identity) {
    if (fault === 'sticky-identity' && previous) identity.previous = previous;
    return post('identify', identity).then(function (res) {
      if (!res.ok) {
        console.error('[Front Chat] ' + (res.body.message || 'HTTP ' + res.status));
        return changed(at, { customer: null, status: res.status, message: res.body.message });
      }
      localStorage.setItem(key(), JSON.stringify({ sessionToken: res.body.sessionToken, customer: res.body.customer }));
      previous = res.body.customer;
      changed(at, { customer: res.body.customer, previousCustomer: res.body.previousCustomer, status: res.status });
    });
  }
  window.FrontChat = function (method, options) {
    options = options && typeof options === 'object' ? options : {};
    received.push({ call: method, options: JSON.parse(JSON.stringify(options)) });
    var at = ++generation;
    if (method === 'init') {
      if (typeof options.chatId !== 'string' || options.chatId === '') throw new Error('FrontChat init: chatId is required.');
      chatId = options.chatId;
      var identity = {};
      ['userId', 'email', 'name', 'userHash'].forEach(function (name) {
        if (typeof options[name] === 'string' && options[name] !== '') identity[name] = options[name];
      });
      if (!identity.userId && !identity.email) return void visit(at);
      return void identify(at, identity);
    }
    if (method === 'shutdown') {
      if (fault === 'logout-keeps') return void visit(at);
      var session = stored();
      localStorage.removeItem(key());
      if (fault !== 'sticky-identity') previous = null;
      var told = session ? post('logout', { sessionToken: session.sessionToken }) : Promise.resolve();
      return void told.then(function () { return visit(at); });
    }
  };
})();
