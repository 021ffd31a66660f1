/*
 * Simulated Kustomer chat loader (the real one is https://cdn.kustomerapp.com/chat-web/widget.js).
 * Like Kustomer's: defines window.Kustomer with only `start`, queues early start calls, fetches
 * the rest of the SDK, and fires `kustomerLoaded` on window straight away, before the SDK has
 * arrived (developer.kustomer.com, "Chat → Web"): a handler can only call `start`, which waits.
 */
(function () {
  var loader = document.currentScript;
  var src = new URL(loader.src);
  var queue = [];
  var stub = {
    start: function (options, callback) {
      queue.push([options, callback]);
    },
  };
  Object.defineProperty(stub, '_queue', { value: queue, enumerable: false });
  window.Kustomer = stub;
  // fault=never-load: the SDK never arrives, as when the CDN is blocked.
  if (src.searchParams.get('fault') === 'never-load') return;
  var sdk = document.createElement('script');
  sdk.src = new URL('sdk.js' + src.search, src).href;
  sdk.async = true;
  sdk.dataset.apiKey = loader.getAttribute('data-kustomer-api-key') || '';
  document.head.appendChild(sdk);
  window.dispatchEvent(new Event('kustomerLoaded'));
})();
