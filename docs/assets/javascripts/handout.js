/* The handout's two jobs (macros/render/handouts.py): a Print button, and a clinic's name and
   phone from the address (?clinic=...&phone=...), checked against the patterns the build wrote
   into window.dngEmbedSpec.handout (macros/publish/embedspec.py) and inserted as text only.
   A value that fails its pattern is ignored: it never reaches the page. */
(function () {
  "use strict";
  var spec = window.dngEmbedSpec || {};
  var patterns = spec.handout || {};
  var maxValue = spec.maxValue || 60;

  function allowed(name, value) {
    var pattern = patterns[name];
    if (typeof pattern !== "string" || typeof value !== "string") return false;
    if (value.length === 0 || value.length > maxValue) return false;
    try {
      return new RegExp(pattern).test(value);
    } catch (err) {
      return false;
    }
  }

  function addClinic() {
    var box = document.querySelector("[data-dng-handout-clinic]");
    if (!box || typeof URLSearchParams === "undefined") return;
    var params = new URLSearchParams(window.location.search);
    var shown = false;
    Object.keys(patterns).forEach(function (name) {
      var field = box.querySelector('[data-dng-handout-field="' + name + '"]');
      var value = params.get(name);
      if (!field) return;
      if (value !== null && allowed(name, value.trim())) {
        field.textContent = (field.getAttribute("data-dng-handout-label") || "") + value.trim();
        shown = true;
      } else {
        field.remove();
      }
    });
    box.hidden = !shown;
  }

  function printButton() {
    var button = document.querySelector("[data-dng-handout-print]");
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  }

  addClinic();
  printButton();
})();
