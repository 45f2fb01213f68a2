// The event form's "Next dates": asks the server what the repetition gives while the
// editor changes it, so that the rule is checked before anything is saved.
(function () {
  "use strict";
  var watched = /^(start|end|all_day|recurrence|repeat.*)$/;

  function setUp(preview) {
    var form = preview.closest("form");
    if (!form) return;
    var timer = null;

    function refresh() {
      var query = new URLSearchParams();
      new FormData(form).forEach(function (value, name) {
        if (watched.test(name) && typeof value === "string") query.append(name, value);
      });
      fetch(preview.dataset.previewUrl + "?" + query.toString(), {
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" },
      })
        .then(function (response) {
          return response.ok ? response.text() : null;
        })
        .then(function (html) {
          if (html !== null) preview.innerHTML = html;
        })
        .catch(function () {});
    }

    function later(event) {
      if (!event.target.name || !watched.test(event.target.name)) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 400);
    }

    form.addEventListener("change", later);
    form.addEventListener("input", later);
  }

  document.querySelectorAll("[data-preview-url]").forEach(setUp);
})();
