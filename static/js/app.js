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
  // A download that takes a moment (the year report): say in the page that it is being made,
  // fetch it, then hand it to the browser. Without JS the plain link downloads it.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-busy]");
    if (!link || !window.fetch || !window.URL || event.ctrlKey || event.metaKey) {
      return;
    }
    event.preventDefault();
    var status = document.getElementById(link.dataset.status);
    if (link.getAttribute("aria-disabled") === "true") {
      return;
    }
    link.setAttribute("aria-disabled", "true");
    link.classList.add("is-busy");
    if (status) {
      status.hidden = false;
      status.textContent = link.dataset.busy;
    }
    fetch(link.href, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        var disposition = response.headers.get("Content-Disposition") || "";
        var match = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(disposition);
        var name = match ? decodeURIComponent(match[1] || match[2]) : "download.docx";
        return response.blob().then(function (blob) {
          var url = URL.createObjectURL(blob);
          var save = document.createElement("a");
          save.href = url;
          save.download = name;
          document.body.appendChild(save);
          save.click();
          save.remove();
          setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
          if (status) {
            status.textContent = link.dataset.done;
          }
        });
      })
      .catch(function () {
        if (status) {
          status.textContent = document.body.dataset.msgError;
        }
      })
      .then(function () {
        link.removeAttribute("aria-disabled");
        link.classList.remove("is-busy");
      });
  });
})();
