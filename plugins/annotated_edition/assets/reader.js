/* Reader-side behaviour of the annotated edition, loaded deferred on every page.

   - The reading view: "Show annotations" or "Plain text" (the verbatim text and nothing else:
     no note markers, no highlighted phrases, entity and cross-reference links read as plain
     words). The choice is kept for the next pages and reloads, from file:// too; the <head>
     script (early.js) applied it before the first paint, this file makes the switch work.
   - Note popovers: while one is open, Tab and Shift+Tab stay inside it; when it closes,
     focus goes back to the marker that opened it. Nothing runs for a popover until it opens. */
(function () {
  "use strict";
  var root = document.documentElement;
  var view = window.__ae_view || { key: "annotated-edition.view", read: function () { return "annotated"; } };

  function storeView(value) {
    var stored = false;
    ["localStorage", "sessionStorage"].forEach(function (name) {
      if (stored) return;
      try { window[name].setItem(view.key, value); stored = window[name].getItem(view.key) === value; } catch (e) { /* next */ }
    });
    // window.name carries the choice across pages of this tab even where no storage works.
    var others = (window.name || "").split(";").filter(function (part) { return part && part.indexOf("ae-view=") !== 0; });
    others.push("ae-view=" + value);
    window.name = others.join(";");
  }

  // Links inside the text leave the Tab order in plain view: there they are just words.
  var TEXT_LINKS = ".ae-clause__text a, .ae-clause__summary a, .ae-clause-page__text a, .ae-clause-page__summary a";

  function applyView(value) {
    var plain = value === "plain";
    if (root.classList.contains("ae-plain") !== plain) root.classList.toggle("ae-plain", plain);
    document.querySelectorAll("[data-ae-view]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-ae-view") === value));
    });
    document.querySelectorAll(TEXT_LINKS).forEach(function (link) {
      if (plain) link.setAttribute("tabindex", "-1"); else link.removeAttribute("tabindex");
    });
    if (plain) document.querySelectorAll(".ae-popover:popover-open").forEach(function (p) { p.hidePopover(); });
  }

  // On load nothing is written to the page unless the reader chose plain text (the <head>
  // script already set the class; the buttons' state and the Tab order follow it here).
  function setUpView() {
    var controls = document.querySelectorAll(".ae-view");
    if (!controls.length) return;
    if (view.read() === "plain") applyView("plain");
    controls.forEach(function (control) {
      control.addEventListener("click", function (event) {
        var button = event.target.closest("[data-ae-view]");
        if (!button) return;
        var value = button.getAttribute("data-ae-view");
        storeView(value);
        applyView(value);
      });
    });
  }

  var FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]), select, textarea, summary, [tabindex]:not([tabindex='-1'])";

  function focusables(popover) {
    return Array.prototype.filter.call(popover.querySelectorAll(FOCUSABLE), function (el) {
      return el.offsetParent !== null || el === document.activeElement;
    });
  }

  function trapTab(event) {
    if (event.key !== "Tab") return;
    var popover = event.currentTarget;
    var items = focusables(popover);
    if (!items.length) { event.preventDefault(); popover.focus(); return; }
    var first = items[0], last = items[items.length - 1];
    var inside = popover.contains(document.activeElement);
    if (event.shiftKey && (document.activeElement === first || document.activeElement === popover || !inside)) {
      event.preventDefault(); last.focus();
    } else if (!event.shiftKey && (document.activeElement === last || !inside)) {
      event.preventDefault(); first.focus();
    }
  }

  function markerOf(popover) {
    return document.querySelector("[popovertarget='" + popover.id.replace(/'/g, "\\'") + "']");
  }

  // The toggle event of a popover does not bubble: listen in the capture phase.
  document.addEventListener("toggle", function (event) {
    var popover = event.target;
    if (!(popover instanceof HTMLElement) || !popover.classList.contains("ae-popover")) return;
    if (event.newState === "open") {
      if (!popover.hasAttribute("tabindex")) popover.setAttribute("tabindex", "-1");
      popover.addEventListener("keydown", trapTab);
      // The event comes a moment after the opening key: a Tab pressed meanwhile already moved
      // focus inside (the browser puts an open popover next in the focus order), keep it there.
      if (!popover.contains(document.activeElement)) popover.focus({ preventScroll: true });
    } else {
      popover.removeEventListener("keydown", trapTab);
      var marker = markerOf(popover);
      var active = document.activeElement;
      if (marker && (!active || active === document.body || popover.contains(active))) marker.focus({ preventScroll: true });
    }
  }, true);

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUpView);
  else setUpView();
})();
