/* Inlined at the top of every page's <head> (so it runs before the theme's script). Two jobs.
   1. The reading view ("Show annotations" or "Plain text") the reader chose on an earlier page
      is applied before the first paint, so the page never flashes the other view.
   2. The search index is requested only when the reader first reaches for search. The theme
      asks for it as soon as a page loads: search/search_index.json over HTTP (an XHR) and,
      from file://, search/search_index.js as a <script>. Either request is held back until
      the search box gets focus, the search toggle opens, or the pointer nears the search
      button; then it goes out unchanged and the theme's search works as before. */
(function () {
  "use strict";
  var root = document.documentElement;
  var scope = (document.currentScript && document.currentScript.getAttribute("data-scope")) || "";
  // One setting per site, wherever its pages lie: the key holds the site root's path.
  var key = "annotated-edition.view@" + new URL((scope || ".").replace(/\/?$/, "/"), location).pathname;

  /* Storage can be missing or refuse access (some browsers on file://, private modes): every
     store is tried in turn, and window.name, which lives as long as the tab, is the last. */
  function readView() {
    var stores = ["localStorage", "sessionStorage"];
    for (var i = 0; i < stores.length; i++) {
      try { var value = window[stores[i]].getItem(key); if (value) return value; } catch (e) { /* next */ }
    }
    var match = /(?:^|;)ae-view=(plain|annotated)(?:;|$)/.exec(window.name || "");
    return match ? match[1] : "annotated";
  }
  window.__ae_view = { key: key, read: readView };
  if (readView() === "plain") root.classList.add("ae-plain");

  var wanted = false, release;
  var ready = new Promise(function (resolve) { release = resolve; });
  var INDEX = /\/search\/search_index\.js(on)?([?#]|$)/;
  function want() { if (!wanted) { wanted = true; release(); } }
  window.__ae_search = { want: want, wanted: function () { return wanted; } };

  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__aeIndex = INDEX.test(new URL(String(url), location.href).pathname);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (request.__aeIndex && !wanted) { ready.then(function () { send.apply(request, args); }); return; }
    return send.apply(request, args);
  };

  var head = document.head, append = head.appendChild;
  head.appendChild = function (node) {
    if (!wanted && node && node.tagName === "SCRIPT" && INDEX.test(node.src || "")) {
      ready.then(function () { append.call(head, node); });
      return node;
    }
    return append.call(head, node);
  };

  function isSearch(target) {
    return target && target.closest && target.closest("[data-md-component=search], label[for=__search]");
  }
  document.addEventListener("focusin", function (event) { if (isSearch(event.target)) want(); }, true);
  document.addEventListener("pointerover", function (event) { if (isSearch(event.target)) want(); }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) want();
  }, true);
})();
