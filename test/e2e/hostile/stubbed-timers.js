(function () {
  function stub() {
    window.setTimeout = function () { return 0; };
    document.getElementById('timers').textContent = 'stubbed';
  }
  // After the chat has started (the SDK needs its timers for that), stub them for good.
  var poll = setInterval(function () {
    if (document.getElementById('kustomer-ui-sdk-iframe')) {
      clearInterval(poll);
      stub();
    }
  }, 20);
})();
