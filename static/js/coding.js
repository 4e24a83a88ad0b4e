// Coding a write-out: turn a mouse or touch selection inside #transcript-text into character
// offsets of the stored text and put them in the coding form. Without this script the form
// still works with the sentence choices (keyboard).
(function () {
  "use strict";

  function offsetIn(node, offset) {
    var element = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    var segment = element && element.closest("[data-start]");
    if (!segment) {
      // the container itself: offset counts child segments
      if (element && element.id === "transcript-text") {
        var child = element.childNodes[Math.min(offset, element.childNodes.length - 1)];
        if (!child || !child.dataset) return null;
        var base = parseInt(child.dataset.start, 10);
        return offset >= element.childNodes.length ? base + child.textContent.length : base;
      }
      return null;
    }
    var start = parseInt(segment.dataset.start, 10);
    if (node.nodeType === Node.TEXT_NODE) return start + offset;
    return offset === 0 ? start : start + segment.textContent.length;
  }

  function update() {
    var text = document.getElementById("transcript-text");
    var form = document.getElementById("fragment-form");
    if (!text || !form) return;
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
    var range = selection.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) return;
    var start = offsetIn(range.startContainer, range.startOffset);
    var end = offsetIn(range.endContainer, range.endOffset);
    if (start === null || end === null || start === end) return;
    if (end < start) { var swap = start; start = end; end = swap; }
    document.getElementById("fragment-start").value = start;
    document.getElementById("fragment-end").value = end;
    var preview = document.getElementById("selection-preview");
    var chosen = selection.toString();
    preview.textContent = "“" + (chosen.length > 160 ? chosen.slice(0, 160) + "…" : chosen) + "”";
    preview.classList.remove("muted");
    form.classList.add("coding-form--selected");
    var rect = range.getBoundingClientRect();
    if (window.matchMedia("(min-width: 60rem)").matches) {
      form.classList.add("coding-form--popover");
      form.style.top = Math.max(0, rect.bottom + window.scrollY + 8) + "px";
      form.style.left = Math.max(8, Math.min(rect.left + window.scrollX, window.innerWidth - 360)) + "px";
    }
  }

  function reset() {
    var form = document.getElementById("fragment-form");
    if (!form) return;
    form.classList.remove("coding-form--popover", "coding-form--selected");
    form.style.top = form.style.left = "";
  }

  document.addEventListener("mouseup", function (event) {
    if (event.target.closest && event.target.closest("#transcript-text")) window.setTimeout(update, 0);
  });
  document.addEventListener("touchend", function (event) {
    if (event.target.closest && event.target.closest("#transcript-text")) window.setTimeout(update, 250);
  });
  document.addEventListener("keyup", function (event) {
    if (event.key === "Escape") { reset(); return; }
    if (event.shiftKey && event.target.id === "transcript-text") update();
  });
  document.addEventListener("change", function (event) {
    // choosing sentences by keyboard replaces a mouse selection
    if (event.target.classList && event.target.classList.contains("sentence-select")) {
      document.getElementById("fragment-start").value = "";
      document.getElementById("fragment-end").value = "";
    }
  });
  document.addEventListener("htmx:afterSwap", reset);
})();
