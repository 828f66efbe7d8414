/* Copy buttons ([data-ae-copy]): copy the text of the element they name (a citation), from
   file:// too. Linked, deferred, only from pages that have such a button. */
(function () {
  "use strict";
  // Copy a citation: the async Clipboard API where the page may use it (file:// counts as a
  // secure context in Chromium), else a hidden textarea and execCommand. Nothing is fetched.
  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed"; area.style.opacity = "0"; area.style.top = "0";
    document.body.appendChild(area);
    area.select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (e) { done = false; }
    document.body.removeChild(area);
    return done;
  }

  function copied(button, ok) {
    var label = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", label);
    button.textContent = ok ? "Copied" : "Select and copy";
    setTimeout(function () { button.textContent = label; }, 2000);
  }

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element && event.target.closest("[data-ae-copy]");
    if (!button) return;
    var source = document.getElementById(button.getAttribute("data-ae-copy"));
    if (!source) return;
    var text = source.textContent.replace(/\s+/g, " ").trim();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { copied(button, true); },
        function () { copied(button, fallbackCopy(text)); });
    } else {
      copied(button, fallbackCopy(text));
    }
  });
})();
