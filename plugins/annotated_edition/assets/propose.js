/* "Propose a note on this passage": select words in a clause, get a link that opens the
   forge's new-file editor with a complete note for them. Nothing is sent anywhere by this
   script; the link is an ordinary link the reader chooses to follow.

   Where to propose and the slugs already taken come in propose-slugs.js, shared by every page;
   each document's clause texts in propose/<document>.js beside this script, loaded here for the
   documents the page shows (kept out of the page itself, where a copy of the text would make
   annotation tools find every quote twice); each paragraph of a clause carries its offset in
   that text (data-at).
   Quote, prefix and suffix follow the engine's rules (sources/anchoring.py, find_quote): the
   quote matches where the text before it ends with the prefix and the text after it starts
   with the suffix, overlapping occurrences counted. */
(function () {
  "use strict";
  var settings = window.aeProposeSettings;
  var shown = document.querySelectorAll(".ae-document[data-document], .ae-clause-page[data-document]");
  if (!settings || !shown.length) return;
  var here = document.currentScript ? document.currentScript.src : "";
  var loading = {};
  Array.prototype.forEach.call(shown, function (element) {
    var id = element.getAttribute("data-document");
    if (loading[id] || !here) return;
    loading[id] = true;
    var script = document.createElement("script");
    script.src = new URL("propose/" + encodeURIComponent(id) + ".js", here).href;
    script.onload = function () { update(); };  // words selected while the texts were loading
    document.head.appendChild(script);
  });
  function clauseText(documentId, clauseId) {
    var texts = (window.aeProposeClauses || {})[documentId];
    return texts ? texts[clauseId] : undefined;
  }
  var TEXT_SELECTOR = ".ae-clause__text, .ae-clause__summary, .ae-clause-page__text, .ae-clause-page__summary";

  var control = document.createElement("a");
  control.className = "ae-propose";
  control.target = "_blank";
  control.rel = "noopener";
  control.hidden = true;
  control.textContent = "Propose a note on this passage";
  // Keep the selection when the control is pressed (a mouse-down would clear it first).
  control.addEventListener("mousedown", function (event) { event.preventDefault(); });
  document.body.appendChild(control);

  function paragraphOf(node) {
    var element = node.nodeType === 1 ? node : node.parentElement;
    var paragraph = element && element.closest("p[data-at]");
    return paragraph && paragraph.closest(TEXT_SELECTOR) ? paragraph : null;
  }

  // Offset in the clause text of a point inside a paragraph: the paragraph's own offset plus
  // the length of its text before the point (its text is the clause text, escaped, verbatim).
  function offsetOf(paragraph, node, offset) {
    var range = document.createRange();
    range.selectNodeContents(paragraph);
    range.setEnd(node, offset);
    return Number(paragraph.getAttribute("data-at")) + range.toString().length;
  }

  function matches(text, quote, prefix, suffix) {
    var count = 0;
    for (var at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) {
      var end = at + quote.length;
      if (text.slice(0, at).endsWith(prefix) && text.slice(end).startsWith(suffix)) count += 1;
    }
    return count;
  }

  // The shortest prefix (then suffix, then both) that leaves one match, widened to whole words.
  function context(text, start, end) {
    var quote = text.slice(start, end);
    if (matches(text, quote, "", "") === 1) return { prefix: "", suffix: "" };
    var n, m;
    for (n = 1; n <= start; n += 1) {
      if (matches(text, quote, text.slice(start - n, start), "") === 1) {
        while (start - n > 0 && !/\s/.test(text.charAt(start - n - 1))) n += 1;
        return { prefix: text.slice(start - n, start), suffix: "" };
      }
    }
    for (m = 1; end + m <= text.length; m += 1) {
      if (matches(text, quote, "", text.slice(end, end + m)) === 1) {
        while (end + m < text.length && !/\s/.test(text.charAt(end + m))) m += 1;
        return { prefix: "", suffix: text.slice(end, end + m) };
      }
    }
    return { prefix: text.slice(0, start), suffix: text.slice(end) };
  }

  function slugFrom(words, clauseId) {
    var ascii = words.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase();
    var slug = (ascii.match(/[a-z0-9]+/g) || []).slice(0, 6).join("-") || clauseId.replace(/\./g, "-") + "-note";
    var taken = new Set(window.aeProposeTakenSlugs || []), candidate = slug, number = 2;
    while (taken.has(candidate)) { candidate = slug + "-" + number; number += 1; }
    return candidate;
  }

  function today() {
    var now = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }

  // A JSON string is a valid YAML double-quoted string, whatever quotes or colons it holds.
  function yamlString(text) { return JSON.stringify(text); }

  function noteText(target, quote, around) {
    var lines = ["---", "target: " + target, "quote: " + yamlString(quote)];
    if (around.prefix) lines.push("prefix: " + yamlString(around.prefix));
    if (around.suffix) lines.push("suffix: " + yamlString(around.suffix));
    lines.push(
      'title: ""            # required: what the note explains, in a few words',
      "authors:",
      '  - name: ""         # required: your name as it should appear',
      "    # url: https://example.org/you   (optional)",
      "date: " + today(),
      "sources:             # required: at least two published sources a reader can check the note against",
      "  - id: source-1     # a short key: cite the source in the text as [@source-1]",
      '    title: ""',
      '    publisher: ""',
      "    # date: YYYY-MM-DD",
      "    # url: https://...",
      "tags: []",
      "# Write the note below the closing line: neutral, precise, each claim followed by [@key]",
      "# of the source that supports it (see the editorial policy).",
      "---",
      "");
    return lines.join("\n");
  }

  function proposal() {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    var range = selection.getRangeAt(0);
    var first = paragraphOf(range.startContainer), last = paragraphOf(range.endContainer);
    if (!first || !last) return null;
    var block = first.closest("[data-clause]");
    if (!block || last.closest("[data-clause]") !== block) return null;
    var documentId = block.closest("[data-document]").getAttribute("data-document");
    var clauseId = block.getAttribute("data-clause");
    var target = documentId + "/" + clauseId;
    var text = clauseText(documentId, clauseId);
    if (typeof text !== "string") return null;
    var start = offsetOf(first, range.startContainer, range.startOffset);
    var end = offsetOf(last, range.endContainer, range.endOffset);
    while (start < end && /\s/.test(text.charAt(start))) start += 1;
    while (end > start && /\s/.test(text.charAt(end - 1))) end -= 1;
    if (end <= start) return null;
    var quote = text.slice(start, end);
    var slug = slugFrom(quote, clauseId);
    var path = settings.notesFolder + "/" + target + "/" + slug + ".md";
    var url = settings.newFileUrl + "?filename=" + encodeURIComponent(path) +
      "&value=" + encodeURIComponent(noteText(target, quote, context(text, start, end)));
    return { url: url, rect: range.getBoundingClientRect() };
  }

  function update() {
    var found = proposal();
    if (!found) { control.hidden = true; control.removeAttribute("href"); return; }
    control.href = found.url;
    control.style.top = (window.scrollY + found.rect.bottom + 6) + "px";
    control.style.left = (window.scrollX + Math.max(8, found.rect.left)) + "px";
    control.hidden = false;
  }

  document.addEventListener("selectionchange", update);
})();
