/* Reader-side behaviour of the annotated edition, loaded deferred on every page.

   - The reading view: "Show annotations" or "Plain text" (the verbatim text and nothing else:
     no note markers, no highlighted phrases, entity and cross-reference links read as plain
     words). The choice is kept for the next pages and reloads, from file:// too; the <head>
     script (early.js) applied it before the first paint, this file makes the switch work.
   - Note popovers: while one is open, Tab and Shift+Tab stay inside it; when it closes,
     focus goes back to the marker or phrase that opened it. Nothing runs for a popover until
     it opens. On wide screens an open note sits in the right margin beside its words; on a
     phone it opens just below them.
   - Highlighted phrases open their note like their marker does (click, Enter, Space): on the
     document page its popover, on a clause page the note below.
   - "Propose a note on this passage" loads when words are first selected (data-propose). */
(function () {
  "use strict";
  var root = document.documentElement;
  // Read while this script runs: document.currentScript is null afterwards.
  var proposeList = document.currentScript && document.currentScript.getAttribute("data-propose");
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
  var TEXT_LINKS = ".ae-clause__text a, .ae-clause__summary a, .ae-clause-page__text a, .ae-clause-page__summary a, " +
    "mark.ae-phrase[role='button']";

  function applyView(value) {
    var plain = value === "plain";
    if (root.classList.contains("ae-plain") !== plain) root.classList.toggle("ae-plain", plain);
    document.querySelectorAll("[data-ae-view]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-ae-view") === value));
    });
    document.querySelectorAll(TEXT_LINKS).forEach(function (link) {
      if (plain) link.setAttribute("tabindex", "-1");
      else if (link.matches("mark")) link.setAttribute("tabindex", "0");
      else link.removeAttribute("tabindex");
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

  // Who opened each popover (its marker or its phrase): focus returns there, the note sits by it.
  var openers = new WeakMap();
  var WIDE = window.matchMedia("(min-width: 76.25em)");

  function place(popover) {
    var opener = openers.get(popover) || markerOf(popover);
    if (!opener) return;
    var rect = opener.getBoundingClientRect();
    var height = popover.offsetHeight || 0;
    var top;
    popover.classList.toggle("ae-popover--margin", WIDE.matches);
    popover.classList.toggle("ae-popover--inline", !WIDE.matches);
    if (WIDE.matches) {
      top = rect.top - 8;  // beside the words, in the right margin
      // From the end of the clause's text to the window's edge (over the table of contents),
      // at least 300px wide, at most 360px.
      var text = opener.closest(".ae-clause__text, .ae-clause__summary, .ae-clause-page__text") || opener;
      var right = window.innerWidth - 16;
      var left = Math.max(right - 360, Math.min(text.getBoundingClientRect().right + 12, right - 300));
      popover.style.left = Math.round(left) + "px";
      popover.style.width = Math.round(right - left) + "px";
    } else {
      popover.style.left = ""; popover.style.width = "";
      top = rect.bottom + 6;  // just below the words
      if (height && top + height > window.innerHeight - 8 && rect.top - height - 6 > 8) top = rect.top - height - 6;
    }
    if (height) top = Math.min(top, window.innerHeight - height - 8);
    popover.style.top = Math.max(8, Math.round(top)) + "px";
  }

  // A native popovertarget click opens the popover after this listener runs: note the opener.
  document.addEventListener("click", function (event) {
    var marker = event.target instanceof Element && event.target.closest("[popovertarget]");
    if (!marker) return;
    var popover = document.getElementById(marker.getAttribute("popovertarget"));
    if (popover && !popover.matches(":popover-open")) openers.set(popover, marker);
  }, true);

  document.addEventListener("beforetoggle", function (event) {
    var popover = event.target;
    if (popover instanceof HTMLElement && popover.classList.contains("ae-popover") && event.newState === "open") place(popover);
  }, true);

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
      place(popover);  // now its height is known
      var opened = openers.get(popover);
      if (opened && opened.matches("mark")) opened.setAttribute("aria-expanded", "true");
    } else {
      popover.removeEventListener("keydown", trapTab);
      var marker = openers.get(popover) || markerOf(popover);
      openers.delete(popover);
      if (marker && marker.matches("mark")) marker.setAttribute("aria-expanded", "false");
      var active = document.activeElement;
      if (marker && (!active || active === document.body || popover.contains(active))) marker.focus({ preventScroll: true });
    }
  }, true);

  // Phrases: the words a note explains open it too. A phrase that holds or sits in a link is
  // left alone (one control must not hold another).
  function markerFor(phrase) {
    var slug = phrase.getAttribute("data-note");
    var found = null;
    document.querySelectorAll(".ae-marker[data-note]").forEach(function (marker) {
      if (!found && marker.getAttribute("data-note") === slug) found = marker;
    });
    return found;
  }

  function openFrom(phrase) {
    if (root.classList.contains("ae-plain")) return;
    var marker = markerFor(phrase);
    if (!marker) return;
    var target = marker.getAttribute("popovertarget");
    var popover = target && document.getElementById(target);
    if (popover) {
      if (popover.matches(":popover-open")) { popover.hidePopover(); return; }
      openers.set(popover, phrase);
      popover.showPopover();
    } else {
      marker.click();  // on a clause page: to the note below
    }
  }

  function setUpPhrases() {
    var plain = root.classList.contains("ae-plain");
    document.querySelectorAll("mark.ae-phrase[data-note]").forEach(function (phrase) {
      if (phrase.closest("a") || phrase.querySelector("a, button")) return;
      var marker = markerFor(phrase);
      if (!marker) return;
      phrase.setAttribute("role", "button");
      phrase.setAttribute("tabindex", plain ? "-1" : "0");
      // Its name: the words themselves, then which note they open (no title attribute: the
      // theme turns titles into tooltips of its own).
      phrase.setAttribute("aria-label", phrase.textContent.replace(/\s+/g, " ").trim() + ", " +
        (marker.getAttribute("aria-label") || "note"));
      var target = marker.getAttribute("popovertarget");
      if (target) { phrase.setAttribute("aria-controls", target); phrase.setAttribute("aria-expanded", "false"); }
      phrase.addEventListener("click", function () { openFrom(phrase); });
      phrase.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " " || event.key === "Spacebar") {
          event.preventDefault();
          openFrom(phrase);
        }
      });
    });
  }

  // "Propose a note on this passage": its scripts (named by the page in data-propose, in the
  // order they run) load the first time words are selected, so a reader who never selects
  // anything neither fetches nor runs them. propose.js then shows its control for the words
  // already selected, once it has the clause texts.
  var proposeScripts = (proposeList || "").split(" ").filter(Boolean);
  function loadPropose() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed) return;
    document.removeEventListener("selectionchange", loadPropose);
    (function next(index) {
      if (index >= proposeScripts.length) return;
      var script = document.createElement("script");
      script.src = proposeScripts[index];
      script.onload = function () { next(index + 1); };
      document.head.appendChild(script);
    })(0);
  }
  if (proposeScripts.length) document.addEventListener("selectionchange", loadPropose);

  function setUp() { setUpView(); setUpPhrases(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
