/* Intercom's installation snippet: window.Intercom is a queue until the Messenger loads. */
(function () {
  var w = window;
  if (typeof w.Intercom === 'function') return;
  var i = function () { i.c(arguments); };
  i.q = [];
  i.c = function (args) { i.q.push(args); };
  w.Intercom = i;
})();
