/* Implementation tracker: filter the table of commitments by document and by status.
   Progressive enhancement: without this script the table is complete and the (hidden) filter
   never shows. Nothing is fetched; it works from file://. */
(function () {
  "use strict";
  function setUp(root) {
    var form = root.querySelector("form.ae-filter");
    var rows = Array.prototype.slice.call(root.querySelectorAll("tr.ae-commitment-row"));
    if (!form || !rows.length) { return; }
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var count = form.querySelector(".ae-filter__count");
    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var visible = selects.every(function (select) {
          return !select.value || row.getAttribute("data-" + select.getAttribute("data-filter")) === select.value;
        });
        row.hidden = !visible;
        if (visible) { shown += 1; }
      });
      if (count) {
        count.textContent = "Showing " + shown + " of " + rows.length + " commitments.";
      }
    }
    selects.forEach(function (select) { select.addEventListener("change", apply); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }
  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".ae-implementation"), setUp);
  }
  // Material's instant navigation (off in this edition) would swap pages without a load event.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
