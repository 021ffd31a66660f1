/*
 * The site's app bundle, with Intercom installed from npm (@intercom/messenger-js-sdk 0.0.20,
 * shared/chat-vendors.md). What the package's Intercom({ app_id, region, widgetUrl, ...user })
 * does, step by step: it never calls boot. It sets window.intercomSettings to the arguments plus
 * the region's api_base, adds installation_type "npm-package", puts a queue in window.Intercom
 * and loads the Messenger in a script with id _intercom_npm_loader; the Messenger then boots
 * itself from intercomSettings. A later Intercom({...}) becomes an update.
 */
(function () {
  var config = JSON.parse(document.getElementById('intercom-npm-config').textContent);
  var LOADER_ID = '_intercom_npm_loader';

  // The package's queue holder: calls made before the Messenger loads wait in `q`.
  var queueHolder = function () {
    queueHolder.loaderQueue(arguments);
  };
  queueHolder.q = [];
  queueHolder.loaderQueue = function (args) {
    queueHolder.q.push(args);
  };

  function addWidgetToPage(widgetUrl) {
    if (document.getElementById(LOADER_ID)) return;
    var s = document.createElement('script');
    s.type = 'text/javascript';
    s.async = true;
    s.id = LOADER_ID;
    s.src = widgetUrl || 'https://widget.intercom.io/widget/' + (window.intercomSettings && window.intercomSettings.app_id);
    var first = document.getElementsByTagName('script')[0];
    first.parentNode.insertBefore(s, first);
  }

  function isDocumentReady() {
    return document.readyState === 'complete' || document.readyState === 'interactive';
  }

  function init(widgetUrl) {
    var w = window;
    if (w.intercomSettings) w.intercomSettings.installation_type = 'npm-package';
    if (typeof w.Intercom === 'function') {
      w.Intercom('reattach_activator');
      w.Intercom('update', w.intercomSettings);
      return;
    }
    w.Intercom = queueHolder;
    if (isDocumentReady()) addWidgetToPage(widgetUrl);
    else document.addEventListener('readystatechange', function () { if (isDocumentReady()) addWidgetToPage(widgetUrl); });
  }

  function Intercom(props) {
    var args = Object.assign({}, props);
    var region = args.region || 'us';
    var widgetUrl = args.widgetUrl;
    delete args.region;
    delete args.widgetUrl;
    window.intercomSettings = Object.assign(args, { api_base: config.regionApis[region] });
    init(widgetUrl);
  }

  Intercom(config.props);
})();
