(function () {
  var params = new URLSearchParams(location.search);
  var to = params.get('to');
  if (!to || params.get('stop')) return;
  setTimeout(function () {
    location.href = to + '/hostile/hopping.html?to=' + encodeURIComponent(location.origin) + '&n=' + (Number(params.get('n') || 0) + 1);
  }, 300);
})();
