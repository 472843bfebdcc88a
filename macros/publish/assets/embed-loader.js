/* Dry Needling Guide embed loader: /embed.js (served minified).
 * <div data-dng-embed="safety" data-dng-section="side-effects"><a href="...">fallback</a></div>
 * <div data-dng-embed="claims/items/needle-count" data-dng-theme="dark"></div>
 * <script src="https://SITE/embed.js" async></script>
 * Turns each such element into an iframe of our embed page and keeps its
 * height in sync. Accepts height messages only from the iframes it made.
 * No dependencies, no cookies, no storage.
 *
 * Recovers alone: the catalogue (pages.json) names every page, section and item, so an
 * unknown one fails at once. When the catalogue cannot be read (a host that sends no CORS
 * header, the API unreachable, bad JSON), the key's shape is checked and the frame made;
 * a frame that sends no height message within WAIT ms of its load event is not one of our
 * embed pages (a 404, ours or the server's, or an error page), and the readable note
 * replaces it.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.dngEmbedLoaded) return;
  window.dngEmbedLoaded = true;
  // Names, patterns and attributes come from the build (macros/publish/embedspec.py): written once, in Python.
  var SPEC = /*DNG_SPEC*/null;
  var KEY = new RegExp(SPEC.key), ID = new RegExp(SPEC.section);
  var FRAME = SPEC.frame, MAX = SPEC.max, CHOICES = SPEC.choices, PATTERNS = SPEC.patterns;
  // Our embed pages send their height as soon as their script runs, before their load event;
  // 5 s after it leaves room for a busy phone without leaving a blank box for long.
  var WAIT = 5000;
  var base = script.src.split(/[?#]/)[0].slice(0, -SPEC.loader.length);
  var frames = [];
  var catalogue = Promise.race([
    fetch(base + SPEC.catalogue, { credentials: "omit" })
      .then(function (r) { return r.ok ? r.json() : null; }),
    new Promise(function (done) { setTimeout(done, WAIT, null); })
  ]).then(function (c) {
    // Pages and items by key, or null: no catalogue, or not one this loader can read.
    if (!c || !Array.isArray(c.pages) || !Array.isArray(c.items)) return null;
    var known = {};
    c.pages.concat(c.items).forEach(function (p) { known["=" + p.key] = p; });
    return known;
  }).catch(function () { return null; });  // unreachable, not JSON, or not the shape above

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

  function allowed(name, value) {
    var choices = CHOICES[name], pattern = PATTERNS[name];
    return !!value && value.length <= SPEC.maxValue &&
      (choices ? choices.indexOf(value) >= 0 : !!pattern && new RegExp(pattern).test(value));
  }

  // The options set on the placeholder, as a query string: only allowed values, in SPEC.names order.
  function query(el) {
    var out = [], rule = SPEC.transparent, theme = el.getAttribute("data-dng-" + rule[2]);
    SPEC.names.forEach(function (name) {
      var value = el.getAttribute("data-dng-" + name);
      if (!allowed(name, value)) return;
      // A transparent background only with a theme that says which colour the text is.
      if (name === rule[0] && value === rule[1] &&
          !(allowed(rule[2], theme) && SPEC.transparent_themes.indexOf(theme) >= 0)) return;
      try {
        out.push(name + "=" + encodeURIComponent(value));
      } catch (e) { /* a lone surrogate cannot be encoded: the option is ignored */ }
    });
    return out.length ? "?" + out.join("&") : "";
  }

  function build(el, known) {
    var key = el.getAttribute("data-dng-embed") || "";
    var section = el.getAttribute("data-dng-section") || "";
    var item = Object.keys(SPEC.items).some(function (prefix) { return key.indexOf(prefix) === 0; });
    var ok = key.length <= MAX && KEY.test(key) && (!section || (!item && section.length <= MAX && ID.test(section)));
    var entry = known && known["=" + key];
    if (ok && known) {
      ok = !!entry && (!section || (Array.isArray(entry.sections) && entry.sections.some(function (s) {
        return s && s.id === section;
      })));
    }
    if (!ok) return fail(el, key, section);
    var frame = document.createElement("iframe");
    frame.src = base + (section ? SPEC.section_page : SPEC.page).replace("{key}", key).replace("{section}", section)
      + query(el);
    frame.title = "Dry Needling Guide: " + ((entry && entry.title) || key);
    frame.loading = "lazy";
    frame.style.cssText = "width:100%;border:0;display:block;height:400px";
    frame.setAttribute("scrolling", "no");
    Object.keys(FRAME).forEach(function (name) { frame.setAttribute(name, FRAME[name]); });
    var made = { frame: frame, sized: false, timer: 0 };
    frame.addEventListener("load", function () {
      if (made.sized || made.timer) return;
      made.timer = setTimeout(function () {
        if (made.sized) return;
        frames.splice(frames.indexOf(made), 1);
        fail(el, key, section);
      }, WAIT);
    });
    el.textContent = "";
    el.appendChild(frame);
    frames.push(made);
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    // No origin check: our frames are sandboxed, so their messages all come from origin "null".
    // What proves a message ours is its source, a frame this loader made.
    if (!data || data.type !== SPEC.height_message.type || data.version !== SPEC.height_message.version) return;
    frames.forEach(function (made) {
      if (made.frame.contentWindow === event.source) {
        made.sized = true;
        clearTimeout(made.timer);
        made.frame.style.height = Math.max(50, Math.min(Number(data.height) || 0, 50000)) + "px";
      }
    });
  });

  function scan() {
    var found = document.querySelectorAll("[data-dng-embed]:not([data-dng-ready])");
    if (!found.length) return;
    catalogue.then(function (known) {
      Array.prototype.forEach.call(found, function (el) {
        if (el.hasAttribute("data-dng-ready")) return;
        el.setAttribute("data-dng-ready", "");
        build(el, known);
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
  scan();
})();
