(function () {
  var params = new URLSearchParams(location.search);
  var b64url = function (text) {
    var bytes = new TextEncoder().encode(text);
    var binary = '';
    for (var i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  };
  var size = Number(params.get('orgsize') || 0);
  var orgName = size > 0 ? 'a'.repeat(size) : params.get('org') || 'acme-staging';
  var payload = JSON.stringify({ org: '5a3af7219b0f3b0001ba8325', orgName: orgName, pod: 'prod1', roles: ['org.tracking'] });
  var key = b64url('{"alg":"none"}') + '.' + b64url(payload) + '.';
  var loader = document.querySelector('script[data-kustomer-api-key]');
  loader.setAttribute('data-kustomer-api-key', key);
  document.addEventListener('DOMContentLoaded', function () {
    document.getElementById('key-length').textContent = String(key.length);
  });

  // ?refusal=TEXT: the SDK's refusals carry the page's text as their message.
  var refusal = params.get('refusal');
  if (!refusal) return;
  window.addEventListener('kustomerLoaded', function () {
    var done = false;
    var wrapLater = function () {
      var k = window.Kustomer;
      if (done) return;
      if (!k || typeof k.login !== 'function') return setTimeout(wrapLater, 20);
      done = true;
      var login = k.login;
      var wrapped = function (options, callback) {
        return login.call(this, options, function (response, error) {
          if (typeof callback === 'function') callback(response, error ? new Error(refusal) : error);
        });
      };
      k.login = wrapped;
      // The SDK's onLogin listeners carry (response, error) too: the same text there.
      var add = k.addListener;
      var remove = k.removeListener;
      var wrappers = new Map();
      k.addListener = function (event, fn) {
        if (event !== 'onLogin' || typeof fn !== 'function') return add.call(this, event, fn);
        var w = function (response, error) {
          return fn(response, error ? new Error(refusal) : error);
        };
        wrappers.set(fn, w);
        return add.call(this, event, w);
      };
      k.removeListener = function (event, fn) {
        return remove.call(this, event, wrappers.get(fn) || fn);
      };
    };
    wrapLater();
  });
})();
