/* Dry Needling Guide embed loader: /embed.js (served minified).
 * <div data-dng-embed="safety" data-dng-section="side-effects"><a href="...">fallback</a></div>
 * <script src="https://SITE/embed.js" async></script>
 * Turns each such element into an iframe of our embed page and keeps its
 * height in sync. Accepts height messages only from the iframes it made.
 * No dependencies, no cookies, no storage.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.dngEmbedLoaded) return;
  window.dngEmbedLoaded = true;
  // Names, patterns and attributes come from the build (macros/publish/embedspec.py): written once, in Python.
  var SPEC = /*DNG_SPEC*/null;
  var KEY = new RegExp(SPEC.key), ID = new RegExp(SPEC.section), ACCENT = new RegExp(SPEC.accent);
  var OPTIONS = SPEC.options, FRAME = SPEC.frame, MAX = SPEC.max;
  var base = script.src.split(/[?#]/)[0].slice(0, -SPEC.loader.length);
  var frames = [];
  var catalogue = fetch(base + SPEC.catalogue, { credentials: "omit" })
    .then(function (r) { return r.ok ? r.json() : null; })
    .catch(function () { return null; });

  function fail(el, key, section) {
    var note = document.createElement("p");
    var link = document.createElement("a");
    note.className = "dng-embed-missing";
    note.textContent = "This Dry Needling Guide content is not available. ";
    link.href = base;
    link.textContent = "Visit Dry Needling Guide";
    note.appendChild(link);
    el.textContent = "";
    el.appendChild(note);
    console.warn("Dry Needling Guide embed: unknown page or section", key, section);
  }

  function build(el, pages) {
    var key = el.getAttribute("data-dng-embed") || "";
    var section = el.getAttribute("data-dng-section") || "";
    var ok = key.length <= MAX && KEY.test(key) && (!section || (section.length <= MAX && ID.test(section)));
    var page = null;
    if (ok && pages) {
      page = pages.filter(function (p) { return p.key === key; })[0];
      ok = !!page && (!section || page.sections.some(function (s) { return s.id === section; }));
    }
    if (!ok) return fail(el, key, section);
    var query = [];
    Object.keys(OPTIONS).forEach(function (name) {
      var value = el.getAttribute("data-dng-" + name);
      var allowed = OPTIONS[name];
      if (value && value.length <= SPEC.maxValue && (allowed ? allowed.indexOf(value) >= 0 : ACCENT.test(value))) {
        query.push(name + "=" + encodeURIComponent(value));
      }
    });
    var frame = document.createElement("iframe");
    frame.src = base + (section ? SPEC.section_page : SPEC.page).replace("{key}", key).replace("{section}", section)
      + (query.length ? "?" + query.join("&") : "");
    frame.title = "Dry Needling Guide: " + ((page && page.title) || key);
    frame.loading = "lazy";
    frame.style.cssText = "width:100%;border:0;display:block;height:400px";
    frame.setAttribute("scrolling", "no");
    Object.keys(FRAME).forEach(function (name) { frame.setAttribute(name, FRAME[name]); });
    el.textContent = "";
    el.appendChild(frame);
    frames.push(frame);
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    // No origin check: our frames are sandboxed, so their messages all come from origin "null".
    // What proves a message ours is its source, a frame this loader made.
    if (!data || data.type !== "dng-embed:height" || data.version !== 1) return;
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        var height = Math.max(50, Math.min(Number(data.height) || 0, 50000));
        frames[i].style.height = height + "px";
      }
    }
  });

  function scan() {
    var found = document.querySelectorAll("[data-dng-embed]:not([data-dng-ready])");
    if (!found.length) return;
    catalogue.then(function (pages) {
      Array.prototype.forEach.call(found, function (el) {
        if (el.hasAttribute("data-dng-ready")) return;
        el.setAttribute("data-dng-ready", "");
        // Care cards (care/<tier>) are listed by tier; their address is a page's (SPEC.page).
        build(el, pages && pages.pages.concat((pages.care || []).map(function (c) {
          return { key: SPEC.care_prefix + c.tier, title: c.title, sections: [] };
        })));
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
  scan();
})();
