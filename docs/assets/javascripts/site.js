/* Glossary tooltips can be dismissed with Escape (WCAG 1.4.13) and come back on the next focus. */
(function () {
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".dng-term:hover, .dng-term:focus-within").forEach(function (term) {
      term.classList.add("dng-term--dismissed");
    });
  });
  document.addEventListener("focusin", function (event) {
    var term = event.target.closest && event.target.closest(".dng-term");
    document.querySelectorAll(".dng-term--dismissed").forEach(function (other) {
      if (other !== term) other.classList.remove("dng-term--dismissed");
    });
  });
})();
