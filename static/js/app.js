// Small progressive enhancements; the app works without them.
(function () {
  "use strict";

  // After htmx swaps in a form with errors, move focus to the first invalid field so
  // keyboard and screen-reader users land where the problem is.
  document.addEventListener("htmx:afterSwap", function (event) {
    var invalid = event.detail.target.querySelector('[aria-invalid="true"]');
    if (!invalid && event.detail.target.id) {
      invalid = document.querySelector("#" + event.detail.target.id + ' [aria-invalid="true"]');
    }
    if (invalid) {
      invalid.focus();
    }
  });

  // When the server cannot be reached or answers with an error, say so in the page.
  document.addEventListener("htmx:responseError", function (event) {
    showProblem(event.detail.xhr.status === 403
      ? document.body.dataset.msgForbidden
      : document.body.dataset.msgError);
  });
  document.addEventListener("htmx:sendError", function () {
    showProblem(document.body.dataset.msgOffline);
  });

  function showProblem(text) {
    var box = document.getElementById("live-problem");
    if (!box || !text) {
      return;
    }
    box.textContent = text;
    box.hidden = false;
  }

  // Invitation links: one tap selects the whole link, ready to copy.
  document.addEventListener("focusin", function (event) {
    if (event.target.classList && event.target.classList.contains("copy-field")) {
      event.target.select();
    }
  });
})();
