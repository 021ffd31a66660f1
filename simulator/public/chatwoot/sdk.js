/*
 * A stand-in for Chatwoot's SDK (/packs/js/sdk.js on the Chatwoot server), behaving as its own
 * code does (app/javascript/sdk/IFrameHelper.js, cookieHelpers.js, packs/sdk.js):
 * - chatwootSDK.run({ websiteToken, baseUrl }) defines window.$chatwoot and adds the widget's
 *   frame, {baseUrl}/widget?website_token=… (&cw_conversation=… when the cookie is there).
 * - The frame's "loaded" message sets the cw_conversation cookie and $chatwoot.hasLoaded, and
 *   fires chatwoot:ready, unless reset() was called: after a reset it never fires again.
 * - setUser(identifier, user) throws for an identifier that is not a string or number and for a
 *   user with none of avatar_url, email, name; sends nothing when the same user is set already
 *   (cookie cw_user_<websiteToken>); otherwise posts "set-user" to the frame, which sends it.
 * - reset() removes cw_conversation and cw_user_<websiteToken> and reloads the frame, anonymous.
 * - The frame's "error" message fires chatwoot:error (detail: the server's answer) and forgets
 *   the user cookie; "setAuthCookie" stores a new contact's token in cw_conversation.
 * Faults (run's simFault): logout-keeps, sticky-identity (simulator/vendors/chatwoot.mjs).
 */
(function () {
  var cookies = {
    get: function (name) {
      var found = document.cookie.split(/;\s*/).find(function (c) { return c.indexOf(name + '=') === 0; });
      return found ? decodeURIComponent(found.slice(name.length + 1)) : undefined;
    },
    set: function (name, value) {
      // biome-ignore lint/suspicious/noDocumentCookie: as the real SDK's js-cookie does: its cookies are read synchronously.
      document.cookie = name + '=' + encodeURIComponent(value) + '; path=/; max-age=' + 365 * 86400 + '; SameSite=Lax';
    },
    remove: function (name) {
      // biome-ignore lint/suspicious/noDocumentCookie: as above.
      document.cookie = name + '=; path=/; max-age=0; SameSite=Lax';
    },
  };

  /** What the user cookie holds: the user as set. The real SDK keeps an md5 of it; the hash's first characters stand in for it here. */
  function userString(identifier, user) {
    var hash = typeof user.identifier_hash === 'string' ? user.identifier_hash.slice(0, 8) : '';
    return JSON.stringify([String(identifier), user.email || '', user.name || '', user.avatar_url || '', hash]);
  }

  function run(options) {
    var baseUrl = options.baseUrl;
    var websiteToken = options.websiteToken;
    var fault = options.simFault || '';
    var userCookie = 'cw_user_' + websiteToken;
    var frame;

    function frameUrl(withConversation) {
      var url = baseUrl + '/widget?website_token=' + websiteToken;
      var conversation = cookies.get('cw_conversation');
      if (withConversation && conversation) url += '&cw_conversation=' + conversation;
      if (fault) url += '&sim_fault=' + fault;
      return url;
    }
    function send(event, value) {
      frame.contentWindow.postMessage('chatwoot-widget:' + JSON.stringify(Object.assign({ event: event }, value)), '*');
    }
    function dispatch(name, detail) {
      window.dispatchEvent(new CustomEvent(name, { detail: detail }));
    }

    window.$chatwoot = {
      baseUrl: baseUrl,
      websiteToken: websiteToken,
      hasLoaded: false,
      resetTriggered: false,
      isOpen: false,
      setUser: function (identifier, user) {
        if (typeof identifier !== 'string' && typeof identifier !== 'number') throw new Error('Identifier should be a string or a number');
        if (!user || !(user.avatar_url || user.email || user.name)) throw new Error('User object should have one of the keys [avatar_url, email, name]');
        var value = userString(identifier, user);
        if (cookies.get(userCookie) === value) return;
        window.$chatwoot.identifier = identifier;
        window.$chatwoot.user = user;
        send('set-user', { identifier: identifier, user: user });
        cookies.set(userCookie, value);
      },
      reset: function () {
        // logout-keeps: the session's cookies stay, and the reloaded frame resumes the contact.
        if (fault !== 'logout-keeps') {
          cookies.remove('cw_conversation');
          cookies.remove(userCookie);
        }
        // sticky-identity: the previous user stays in memory and is set again on the next load.
        if (fault !== 'sticky-identity') {
          window.$chatwoot.identifier = undefined;
          window.$chatwoot.user = undefined;
        }
        frame.src = frameUrl(fault === 'logout-keeps');
        window.$chatwoot.resetTriggered = true;
      },
    };

    window.addEventListener('message', function (e) {
      if (!frame || e.source !== frame.contentWindow || typeof e.data !== 'string' || e.data.indexOf('chatwoot-widget:') !== 0) return;
      var message = JSON.parse(e.data.slice('chatwoot-widget:'.length));
      if (message.event === 'loaded') {
        cookies.set('cw_conversation', message.config.authToken);
        window.$chatwoot.hasLoaded = true;
        if (window.$chatwoot.user) send('set-user', { identifier: window.$chatwoot.identifier, user: window.$chatwoot.user });
        if (!window.$chatwoot.resetTriggered) dispatch('chatwoot:ready');
      } else if (message.event === 'error') {
        dispatch('chatwoot:error', message.data);
        if (message.errorType === 'SET_USER_ERROR') cookies.remove(userCookie);
      } else if (message.event === 'setAuthCookie') {
        cookies.set('cw_conversation', message.data.widgetAuthToken);
      }
    });

    frame = document.createElement('iframe');
    frame.id = 'chatwoot_live_chat_widget';
    frame.title = 'Chatwoot live chat';
    frame.src = frameUrl(true);
    var holder = document.createElement('div');
    holder.className = 'woot-widget-holder';
    holder.appendChild(frame);
    document.body.appendChild(holder);
  }

  window.chatwootSDK = { run: run };
})();
