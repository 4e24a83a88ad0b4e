// Coding a write-out: turn a mouse or touch selection inside #transcript-text into character
// offsets of the stored text and put them in the coding form. Without this script the form
// still works with the sentence choices (keyboard).
(function () {
  "use strict";

  // Where an element of the write-out begins in the stored text: a segment says so itself,
  // a line by its first segment.
  function startOf(element) {
    if (!element || !element.dataset) return null;
    if (element.dataset.start !== undefined) return parseInt(element.dataset.start, 10);
    var first = element.querySelector("[data-start]");
    return first ? parseInt(first.dataset.start, 10) : null;
  }

  function offsetIn(node, offset) {
    var element = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    var segment = element && element.closest("[data-start]");
    if (!segment) {
      // the container (its children are lines) or a line (its children are segments):
      // offset counts children
      if (element && (element.id === "transcript-text" || element.classList.contains("line"))) {
        var children = element.childNodes;
        if (!children.length) return null;
        var child = children[Math.min(offset, children.length - 1)];
        var base = startOf(child);
        if (base === null) return null;
        return offset >= children.length ? base + child.textContent.length : base;
      }
      return null;
    }
    var start = parseInt(segment.dataset.start, 10);
    if (node.nodeType === Node.TEXT_NODE) return start + offset;
    return offset === 0 ? start : start + segment.textContent.length;
  }

  // The part of the selection inside the write-out. A triple click, or a drag that ends past
  // the last line, selects beyond the text: keep only what lies inside it.
  function rangeIn(text, selection) {
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    var range = selection.getRangeAt(0);
    if (!range.intersectsNode(text)) return null;
    range = range.cloneRange();
    if (!text.contains(range.startContainer)) range.setStart(text, 0);
    if (!text.contains(range.endContainer)) range.setEnd(text, text.childNodes.length);
    return range.collapsed ? null : range;
  }

  function place(form, first, last) {
    // Under the selection (above it when there is no room below), in the coordinates of the
    // box the form is positioned in (the coding area), kept inside the window.
    form.classList.add("coding-form--popover");
    var parent = form.offsetParent || document.documentElement;
    var box = parent.getBoundingClientRect();
    var width = form.offsetWidth || 340;
    var height = form.offsetHeight;
    var left = Math.max(8, Math.min(last.left, window.innerWidth - width - 8));
    var top = last.bottom + 8;
    // no room below the selection but room above it: open upwards
    if (top + height > window.innerHeight && first.top - 8 - height >= 0) top = first.top - 8 - height;
    form.style.top = Math.round(top - box.top) + "px";
    form.style.left = Math.round(left - box.left) + "px";
  }

  function update() {
    var text = document.getElementById("transcript-text");
    var form = document.getElementById("fragment-form");
    if (!text || !form) return;
    var selection = window.getSelection();
    var range = rangeIn(text, selection);
    if (!range) return;
    var start = offsetIn(range.startContainer, range.startOffset);
    var end = offsetIn(range.endContainer, range.endOffset);
    if (start === null || end === null || start === end) return;
    if (end < start) { var swap = start; start = end; end = swap; }
    var chosen = range.toString();
    if (!chosen.trim()) return;
    document.getElementById("fragment-start").value = start;
    document.getElementById("fragment-end").value = end;
    var preview = document.getElementById("selection-preview");
    if (!preview.hasAttribute("data-none")) preview.setAttribute("data-none", preview.textContent);
    chosen = chosen.trim();
    preview.textContent = "“" + (chosen.length > 160 ? chosen.slice(0, 160) + "…" : chosen) + "”";
    preview.classList.remove("muted");
    form.classList.add("coding-form--selected");
    if (window.matchMedia("(min-width: 60rem)").matches) {
      var rects = range.getClientRects();
      var whole = range.getBoundingClientRect();
      place(form, rects.length ? rects[0] : whole, rects.length ? rects[rects.length - 1] : whole);
    }
  }

  function reset() {
    var form = document.getElementById("fragment-form");
    if (!form) return;
    form.classList.remove("coding-form--popover", "coding-form--selected");
    form.style.top = form.style.left = "";
  }

  // A mouse selection is read when the button comes up, wherever the pointer is then (a drag
  // may end beside the text); touch handles and keyboard selections when the selection rests.
  var pressed = false;
  var resting = null;
  document.addEventListener("mousedown", function (event) {
    if (event.button !== 0) return;
    pressed = true;
    window.clearTimeout(resting); // a selection that was resting is being replaced
  });
  document.addEventListener("mouseup", function () {
    pressed = false;
    window.setTimeout(update, 0);
  });
  document.addEventListener("selectionchange", function () {
    if (pressed) return;
    window.clearTimeout(resting);
    resting = window.setTimeout(function () { if (!pressed) update(); }, 300);
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-close-coding]")) {
      reset();
      var selection = window.getSelection();
      if (selection) selection.removeAllRanges();
    }
  });
  document.addEventListener("keyup", function (event) {
    if (event.key === "Escape") reset();
  });
  document.addEventListener("change", function (event) {
    // choosing sentences by keyboard replaces a mouse selection
    if (event.target.classList && event.target.classList.contains("sentence-select")) {
      document.getElementById("fragment-start").value = "";
      document.getElementById("fragment-end").value = "";
      var preview = document.getElementById("selection-preview");
      if (preview && preview.hasAttribute("data-none")) {
        preview.textContent = preview.getAttribute("data-none");
        preview.classList.add("muted");
      }
    }
  });

  // Coded: the form is ready for the next passage. The server may send back only what changed
  // (the form stays as it was) or the whole area; either way no codes, memo or quote mark of
  // the last passage may stick to the next one. Someone choosing sentences goes on with the
  // sentence after the last one.
  function cleared(form) {
    var to = form.querySelector("select[name=to_sentence]");
    var next = to ? to.selectedIndex + 1 : 0;
    var details = form.querySelector("details.by-sentence");
    var bySentence = !!(details && details.open);
    form.reset();
    document.getElementById("fragment-start").value = "";
    document.getElementById("fragment-end").value = "";
    var preview = document.getElementById("selection-preview");
    if (preview && preview.hasAttribute("data-none")) {
      preview.textContent = preview.getAttribute("data-none");
      preview.classList.add("muted");
    }
    if (bySentence && to && next < to.options.length) {
      form.querySelector("select[name=from_sentence]").selectedIndex = next;
      to.selectedIndex = next;
    }
    reset();
    var selection = window.getSelection();
    if (selection) selection.removeAllRanges();
  }

  var bySentence = false;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail && event.detail.elt;
    var details = form && form.id === "fragment-form" && form.querySelector("details.by-sentence");
    bySentence = !!(details && details.open);
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail && event.detail.elt;
    var status = event.detail && event.detail.xhr && event.detail.xhr.status;
    if (!form || form.id !== "fragment-form" || !document.contains(form)) return;
    if (status >= 200 && status < 300) cleared(form);
  });

  // When htmx replaced the whole coding area, focus would fall to the top of the page. Bring
  // it back to where the coder goes on: the error, the sentence choice, or the write-out.
  document.addEventListener("htmx:afterSwap", function (event) {
    var area = document.getElementById("coding-area");
    if (!area || !event.detail || event.detail.target !== area) return;
    reset();
    var active = document.activeElement;
    if (active && active !== document.body && document.contains(active)) return;
    var error = area.querySelector("#fragment-form .error-summary");
    var target = area.querySelector("#transcript-text");
    if (error) {
      error.setAttribute("tabindex", "-1");
      target = error;
    } else if (bySentence) {
      var details = area.querySelector("#fragment-form details.by-sentence");
      if (details) {
        details.open = true;
        target = details.querySelector("select") || target;
      }
    }
    if (target) target.focus({ preventScroll: target.id === "transcript-text" });
  });
})();
