/* Load the search index only when a reader starts a search.
 * Material fetches search/search_index.json (about 100 KB compressed) on every
 * first visit; most readers never search. This holds that one request back
 * until the search box is focused or opened, or a search shortcut key is pressed.
 * Material requests it with XMLHttpRequest, so we defer that request's send().
 */
(function () {
  "use strict";
  var INDEX = /search\/search_index\.json(\?|$)/;
  var wanted = false;
  var waiting = [];
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.dngDeferred = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (request.dngDeferred && !wanted) {
      waiting.push(function () { send.apply(request, args); });
      return undefined;
    }
    return send.apply(request, args);
  };
  function start() {
    if (wanted) return;
    wanted = true;
    waiting.splice(0).forEach(function (go) { go(); });
  }
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches(".md-search__input")) start();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) start();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "/" || event.key === "s" || event.key === "f") start();
  }, true);
  document.addEventListener("pointerdown", function (event) {
    if (event.target.closest && event.target.closest("label[for='__search'], .md-search")) start();
  }, true);
})();
