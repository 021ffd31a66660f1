/*
 * A stand-in for a session-replay or analytics script that proxies through the site's own origin:
 * as each request goes out, it sends the request's URL, headers and body to the site's own /collect,
 * which answers 200. Real ones are common; whatever a chat widget sends (its token too) reaches
 * the site's host, and its 200 is the site's, never the chat vendor's verdict.
 * On a simulator page with ?analytics=forward.
 */
(function () {
  // Request headers too, as session-replay tools record them: a token in `authorization` travels.
  function collect(url, body, headers) {
    try {
      origFetch('/collect', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ url: String(url), headers: headers || {}, body: typeof body === 'string' ? body : '' }) });
    } catch (_e) {
      // Analytics never breaks the page.
    }
  }
  function headersOf(init) {
    var out = {};
    try {
      new Headers((init && init.headers) || {}).forEach(function (value, name) { out[name] = value; });
    } catch (_e) {
      // Unreadable headers are left out.
    }
    return out;
  }
  var origFetch = window.fetch.bind(window);
  window.fetch = function (input, init) {
    var url = typeof input === 'string' ? input : input && input.url;
    if (String(url).indexOf('/collect') < 0) collect(url, init && init.body, headersOf(init));
    return origFetch(input, init);
  };
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var setRequestHeader = XMLHttpRequest.prototype.setRequestHeader;
  XMLHttpRequest.prototype.open = function (_method, url) {
    this.__collectUrl = url;
    this.__collectHeaders = {};
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.setRequestHeader = function (name, value) {
    if (this.__collectHeaders) this.__collectHeaders[String(name).toLowerCase()] = String(value);
    return setRequestHeader.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function (body) {
    collect(this.__collectUrl, body, this.__collectHeaders);
    return send.apply(this, arguments);
  };
})();
