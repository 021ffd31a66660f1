/*
 * Simulated Kustomer chat SDK: the documented window.Kustomer surface, backed by the
 * simulator's API on Kustomer's own origin. Login is sent as Kustomer's SDKs send it: the token
 * in a JSON body, `POST /c/v1/identity` with `{ "externalToken": JWT }`, the device's session in
 * the x-kustomer-tracking-token header; the other calls use the simulator's /api/chat endpoints.
 * Like a build that checks only the HTTP status, it hands a 2xx body to the callback and to
 * onLogin as the response, `errors` and all. Faults for testing come from the loader's query string:
 *   fault=silent       login, logout and isLoggedIn never call back
 *   fault=login-error  login calls back with an Error
 *   fault=conversations-error  getOpenConversations calls back with an Error
 *   fault=logout-error logout calls back with an Error
 *   fault=reload-on-login  the page reloads itself while login is under way
 *   fault=errors-200   the API answers the login HTTP 200 with a JSON:API errors body (nobody is
 *                      logged in): the callback and onLogin get that body as their response
 *   sync=broken        conversations are kept per device (history does not follow the customer)
 *   draw=elsewhere     the UI is drawn in a <div>, with no #kustomer-ui-sdk-iframe (other SDK builds)
 *   callbacks=none     login and logout never call their callbacks: they answer only through
 *                      the onLogin / onLogout events (other SDK builds)
 *   fault=logout-keeps      logout leaves the customer's session (kustomer-chat-customer) in the
 *                           page, so the next requests still name the customer
 *   fault=sticky-identity   after a logout or a switch, the previous customer is kept
 *                           (kustomer-chat-previous) and named in every request of the next one
 * The logged-in customer's id is kept in localStorage (kustomer-chat-customer) and named in the
 * chat requests (`customer`), as the SDK's session; the device's tracking token stays across
 * logins (it is the device's).
 */
(function () {
  var self = document.currentScript;
  var params = new URL(self.src).searchParams;
  var fault = params.get('fault');
  // sync=broken: the site keeps chat history per device, so it does not follow the customer.
  var syncQuery = (params.get('sync') === 'broken' ? '&sync=broken' : '') + (fault ? '&fault=' + encodeURIComponent(fault) : '');
  var drawElsewhere = params.get('draw') === 'elsewhere';
  var eventsOnly = params.get('callbacks') === 'none';
  var startCallbacks = [];
  var api = new URL('/api/chat/', self.src).href;
  var DEVICE_KEY = 'kustomer-chat-tracking-token';
  var CUSTOMER_KEY = 'kustomer-chat-customer';
  var PREVIOUS_KEY = 'kustomer-chat-previous';
  var pending = (window.Kustomer && window.Kustomer._queue) || [];
  var started = false;
  var starting = false;
  var listeners = {};
  var iframe = null;
  // What the SDK received, newest last: the page under test shows it, tests read it.
  var received = [];
  Object.defineProperty(window, '__kustomerSimReceived', { value: received });
  var lastLoginArgs = [];
  Object.defineProperty(window, '__kustomerSimLastLoginArgs', { value: lastLoginArgs });

  function now() {
    return performance.timeOrigin + performance.now();
  }
  function deviceId() {
    var id = localStorage.getItem(DEVICE_KEY);
    if (!id) {
      id = 'dev_' + crypto.randomUUID();
      localStorage.setItem(DEVICE_KEY, id);
    }
    return id;
  }
  /** The session the SDK names in its requests: the logged-in customer (and, with sticky-identity, the one before). */
  function sessionQuery() {
    var customer = localStorage.getItem(CUSTOMER_KEY);
    var previous = customer && localStorage.getItem(PREVIOUS_KEY);
    return (customer ? '&customer=' + encodeURIComponent(customer) : '') + (previous ? '&previous=' + encodeURIComponent(previous) : '');
  }
  function request(path, body) {
    var init = body
      ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(Object.assign({ deviceId: deviceId(), fault: fault || undefined }, body)) }
      : undefined;
    var url = api + path + (body ? '?' + sessionQuery().slice(1) : '?deviceId=' + encodeURIComponent(deviceId()) + syncQuery + sessionQuery());
    return fetch(url, init).then(function (res) {
      return res.json().then(function (data) {
        // Kustomer's API answers refusals as JSON:API: { errors: [{ status, title, detail }] }.
        var first = data && data.errors && data.errors[0];
        if (!res.ok) throw new Error((first && (first.detail || first.title)) || 'Kustomer request failed with HTTP ' + res.status);
        return data;
      });
    });
  }
  /** Kustomer's identity call: the token in the body, never in the URL or a header. */
  function identify(token) {
    return fetch(new URL('/c/v1/identity' + (fault ? '?fault=' + encodeURIComponent(fault) : ''), self.src).href, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kustomer-tracking-token': deviceId() },
      body: JSON.stringify({ externalToken: token }),
    }).then(function (res) {
      return res.json().then(function (data) {
        var first = data && data.errors && data.errors[0];
        if (!res.ok) throw new Error((first && (first.detail || first.title)) || 'Kustomer request failed with HTTP ' + res.status);
        return data;
      });
    });
  }
  function later(callback, a, b) {
    if (typeof callback === 'function') setTimeout(function () { callback(a, b); }, 0);
  }
  // Listeners get (response, error), like callbacks.
  function emit(event, payload, error) {
    (listeners[event] || []).slice().forEach(function (fn) {
      try { fn(payload, error); } catch (e) { console.error(e); }
    });
  }
  function notStarted(name, callback) {
    if (started) return false;
    later(callback, undefined, new Error('Kustomer.' + name + ' was called before Kustomer.start finished.'));
    return true;
  }
  function renderWidget() {
    if (drawElsewhere) {
      iframe = document.createElement('div');
      iframe.id = 'kustomer-chat-root';
      iframe.setAttribute('role', 'complementary');
      iframe.setAttribute('aria-label', 'Kustomer chat (simulated, drawn without an iframe)');
      iframe.textContent = 'Chat';
      iframe.style.cssText = 'position:fixed;right:16px;bottom:16px;width:72px;height:40px;border-radius:20px;background:#0b63ce;color:#fff;display:flex;align-items:center;justify-content:center;font:13px system-ui;';
      document.body.appendChild(iframe);
      return;
    }
    iframe = document.createElement('iframe');
    iframe.id = 'kustomer-ui-sdk-iframe';
    iframe.title = 'Kustomer chat (simulated)';
    iframe.srcdoc =
      '<body style="margin:0;font:13px system-ui;background:#0b63ce;color:#fff;display:flex;align-items:center;justify-content:center;height:100%">Chat</body>';
    iframe.style.cssText = 'position:fixed;right:16px;bottom:16px;width:72px;height:40px;border:0;border-radius:20px;';
    document.body.appendChild(iframe);
  }

  var Kustomer = {
    start: function (options, callback) {
      // The docs' first example is Kustomer.start() with no arguments: the org's defaults.
      if (options !== undefined && (options === null || typeof options !== 'object')) throw new Error('Kustomer.start options must be an object.');
      options = options || {};
      if (started) return later(callback);
      startCallbacks.push(callback);
      if (starting) return;
      starting = true;
      deviceId();
      // The real SDK fetches its settings first; a short pause stands for that.
      setTimeout(function () {
        renderWidget();
        started = true;
        starting = false;
        received.push({ call: 'start', at: now(), options: options });
        startCallbacks.splice(0).forEach(function (cb) { later(cb); });
        window.dispatchEvent(new Event('kustomer-sim-started'));
      }, 30);
    },
    login: function (options, callback) {
      var token = options && options.jwtToken;
      received.push({ call: 'login', at: now(), token: token });
      // Kept by reference so the page can check its own call arrived unchanged.
      lastLoginArgs.splice(0, lastLoginArgs.length, this, options, callback);
      if (notStarted('login', callback)) return;
      if (fault === 'silent') return;
      if (fault === 'login-error') return later(callback, undefined, new Error('Simulated SDK failure: the chat service is unavailable.'));
      if (fault === 'reload-on-login') return location.reload();
      if (typeof token !== 'string') return later(callback, undefined, new Error('Kustomer.login needs { jwtToken }.'));
      identify(token).then(
        function (response) {
          if (response && response.customerId) localStorage.setItem(CUSTOMER_KEY, response.customerId);
          emit('onLogin', response);
          if (!eventsOnly) later(callback, response);
        },
        function (error) {
          emit('onLogin', undefined, error);
          if (!eventsOnly) later(callback, undefined, error);
        },
      );
    },
    isLoggedIn: function (query, callback) {
      if (typeof callback !== 'function') throw new Error('Kustomer.isLoggedIn requires a callback.');
      received.push({ call: 'isLoggedIn', at: now(), query: query });
      if (notStarted('isLoggedIn', callback)) return;
      if (fault === 'silent') return;
      request('session').then(
        function (session) {
          var q = query || {};
          var yes = !!session.identified && (q.email !== undefined ? session.email === q.email : q.externalId !== undefined && session.externalId === String(q.externalId));
          received.push({ call: 'isLoggedIn-answer', at: now(), query: query, answer: yes });
          later(callback, yes);
        },
        function (error) { later(callback, false, error); },
      );
    },
    logout: function (callback) {
      received.push({ call: 'logout', at: now() });
      if (notStarted('logout', callback)) return;
      if (fault === 'silent') return;
      if (fault === 'logout-error') return later(callback, undefined, new Error('Simulated SDK failure: logout is unavailable.'));
      request('logout', {}).then(
        function (response) {
          var customer = localStorage.getItem(CUSTOMER_KEY);
          if (fault === 'sticky-identity' && customer) localStorage.setItem(PREVIOUS_KEY, customer);
          if (fault !== 'logout-keeps') localStorage.removeItem(CUSTOMER_KEY);
          emit('onLogout', response);
          if (!eventsOnly) later(callback, response);
        },
        function (error) { later(callback, undefined, error); },
      );
    },
    getOpenConversations: function (callback) {
      if (notStarted('getOpenConversations', callback)) return;
      if (fault === 'conversations-error') return later(callback, undefined, new Error('Simulated SDK failure: conversations are unavailable.'));
      request('conversations').then(
        function (list) { later(callback, list); },
        function (error) { later(callback, undefined, error); },
      );
    },
    createConversation: function (options, callback) {
      if (notStarted('createConversation', callback)) return;
      request('conversations', { message: (options && options.message) || '' }).then(
        function (conversation) {
          emit('onConversationCreate', conversation);
          later(callback, conversation);
        },
        function (error) { later(callback, undefined, error); },
      );
    },
    openConversationById: function (options, callback) {
      if (notStarted('openConversationById', callback)) return;
      later(callback, { conversationId: options && options.conversationId });
    },
    describeCustomer: function (options, callback) {
      if (notStarted('describeCustomer', callback)) return;
      request('describe', { attributes: (options && options.attributes) || {} }).then(
        function (response) { later(callback, response); },
        function (error) { later(callback, undefined, error); },
      );
    },
    describeConversation: function (_options, callback) {
      if (notStarted('describeConversation', callback)) return;
      later(callback, {});
    },
    open: function (callback) {
      if (iframe) iframe.style.height = '320px';
      emit('onOpen');
      later(callback);
    },
    close: function (callback) {
      if (iframe) iframe.style.height = '40px';
      emit('onClose');
      later(callback);
    },
    stop: function (callback) {
      if (iframe) iframe.remove();
      iframe = null;
      listeners = {};
      started = false;
      later(callback);
    },
    isChatAvailable: function () {
      return { availability: started ? 'online' : 'none' };
    },
    addListener: function (event, fn) {
      (listeners[event] = listeners[event] || []).push(fn);
    },
    removeListener: function (event, fn) {
      listeners[event] = (listeners[event] || []).filter(function (f) { return f !== fn; });
    },
  };

  window.Kustomer = Kustomer;
  // The loader fired kustomerLoaded already (before this arrived); this one is the simulator's
  // own, for the page's display code.
  window.dispatchEvent(new Event('kustomer-sim-sdk'));
  pending.forEach(function (args) { Kustomer.start(args[0], args[1]); });
})();
