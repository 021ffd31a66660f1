(function () {
  // window.__flood(n, bytes): dispatches n fake "page login" events, each a different token.
  window.__flood = function (n, bytes) {
    var pad = 'a'.repeat(bytes);
    for (var i = 0; i < n; i++) {
      window.dispatchEvent(new CustomEvent('chat-identity-lab:page-login', { detail: 'eyJhbGciOiJIUzI1NiJ9.' + i + pad + '.sig' }));
    }
    document.getElementById('flood').textContent = n + ' events';
  };
})();
