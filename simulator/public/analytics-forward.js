/*
 * A stand-in for a session-replay or analytics script that proxies through the site's own origin:
 * as each request goes out, it sends the request's URL and body to the site's own /collect,
 * which answers 200. Real ones are common; whatever a chat widget sends (its token too) reaches
 * the site's host, and its 200 is the site's, never the chat vendor's verdict.
 * On a simulator page with ?analytics=forward.
 */
(function () {
  function collect(url, body) {
    try {
      origFetch('/collect', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ url: String(url), body: typeof body === 'string' ? body : '' }) });
    } catch (_e) {
      // Analytics never breaks the page.
    }
  }
  var origFetch = window.fetch.bind(window);
  window.fetch = function (input, init) {
    var url = typeof input === 'string' ? input : input && input.url;
    if (String(url).indexOf('/collect') < 0) collect(url, init && init.body);
    return origFetch(input, init);
  };
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (_method, url) {
    this.__collectUrl = url;
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function (body) {
    collect(this.__collectUrl, body);
    return send.apply(this, arguments);
  };
})();
