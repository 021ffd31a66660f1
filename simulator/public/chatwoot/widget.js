/*
 * A stand-in for Chatwoot's widget app, in its frame on the Chatwoot server's origin: it asks
 * the server for its contact (POST /api/v1/widget/config), tells the page it has "loaded", and
 * sends the page's setUser as PATCH /api/v1/widget/contact/set_user (header X-Auth-Token). A
 * refusal goes back to the page as an "error" message (the SDK fires chatwoot:error); a new
 * contact's token as "setAuthCookie". "sim-contact" is the simulator's own message: it lets the
 * staging page show who the widget's contact is.
 */
(function () {
  var params = JSON.parse(document.getElementById('widget-params').textContent);
  var query = new URLSearchParams(location.search);
  var authToken = query.get('cw_conversation') || '';
  var shown = document.getElementById('widget-contact');

  function post(event, value) {
    parent.postMessage('chatwoot-widget:' + JSON.stringify(Object.assign({ event: event }, value)), '*');
  }
  function show(contact) {
    shown.textContent = contact && contact.identifier ? 'Chatting as ' + contact.identifier : 'Chat with us';
    post('sim-contact', { contact: contact });
  }
  function api(method, path, body) {
    var url = path + '?website_token=' + encodeURIComponent(params.websiteToken) + (params.fault ? '&sim_fault=' + params.fault : '');
    var headers = { 'content-type': 'application/json' };
    if (authToken) headers['X-Auth-Token'] = authToken;
    return fetch(url, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) { return { ok: r.ok, status: r.status, data: data }; });
    });
  }

  window.addEventListener('message', function (e) {
    if (e.source !== parent || typeof e.data !== 'string' || e.data.indexOf('chatwoot-widget:') !== 0) return;
    var message = JSON.parse(e.data.slice('chatwoot-widget:'.length));
    if (message.event !== 'set-user') return;
    var body = Object.assign({ identifier: message.identifier }, message.user || {});
    api('PATCH', '/api/v1/widget/contact/set_user', body).then(function (r) {
      if (!r.ok) return post('error', { errorType: 'SET_USER_ERROR', data: r.data });
      if (r.data.widget_auth_token) {
        authToken = r.data.widget_auth_token;
        post('setAuthCookie', { data: { widgetAuthToken: authToken } });
      }
      show(r.data);
    });
  });

  api('POST', '/api/v1/widget/config').then(function (r) {
    authToken = r.data.auth_token;
    post('loaded', { config: { authToken: authToken, channelConfig: { widgetColor: '#1f93ff' } } });
    show(r.data.contact);
  });
})();
