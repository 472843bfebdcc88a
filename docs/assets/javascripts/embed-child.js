/* Runs inside every embed page (/embed/...).
 * 1. Applies the look-at-home options from the query string, each checked
 *    against an allow-list (anything else is ignored; nothing is written
 *    into the page as markup).
 * 2. Tells the parent its height whenever it changes. Message format v1:
 *      { type: "dng-embed:height", version: 1, height: <CSS px>, key: "...", section: "..." }
 * 3. Speaks WordPress's embed protocol when WordPress framed it
 *    (a "#?secret=..." hash): { secret, message: "height", value } and
 *    { secret, message: "link", value: url } (absolute http(s) URLs only),
 *    because WordPress's sandbox blocks target="_top" navigation.
 * Uses no storage and no cookies: in WordPress's sandbox the origin is opaque.
 */
(function () {
  "use strict";
  var root = document.documentElement;
  var body = document.body;
  root.classList.add("dng-embed");
  var params = new URLSearchParams(location.search);
  // Option names and values come from the build (macros/publish/embedspec.py, via embed-spec.js).
  var SPEC = window.dngEmbedSpec;
  var pick = function (name) {
    var value = params.get(name);
    return SPEC.options[name].indexOf(value) >= 0 ? value : null;
  };

  // Theme: light, dark or auto (follow the reader's system setting).
  var theme = pick("theme") || "light";
  var dark = theme === "dark" || (theme === "auto" && window.matchMedia &&
    window.matchMedia("(prefers-color-scheme: dark)").matches);
  body.setAttribute("data-md-color-scheme", dark ? "slate" : "default");

  // Font size.
  var size = pick("font-size");
  if (size) root.classList.add("dng-embed--font-" + size);

  // Language: only English exists until translations do.
  root.setAttribute("lang", pick("lang") || "en");

  // Accent: #rgb or #rrggbb, used for links only if it keeps 4.5:1 contrast.
  var accent = params.get("accent");
  if (accent && new RegExp(SPEC.accent).test(accent)) {
    var hex = accent.length === 4 ? "#" + accent[1] + accent[1] + accent[2] + accent[2] + accent[3] + accent[3] : accent;
    var luminance = function (h) {
      var c = [1, 3, 5].map(function (i) {
        var v = parseInt(h.substr(i, 2), 16) / 255;
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
      });
      return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    };
    var background = getComputedStyle(body).backgroundColor.match(/\d+(\.\d+)?/g) || ["255", "255", "255"];
    var bg = "#" + background.slice(0, 3).map(function (n) {
      return ("0" + Math.round(+n).toString(16)).slice(-2);
    }).join("");
    var a = luminance(hex), b = luminance(bg);
    var ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio >= 4.5) {
      // On body: the colour schemes set the variable there, so a value on <html> would be overridden.
      body.style.setProperty("--md-typeset-a-color", hex);
      root.setAttribute("data-dng-accent", "applied");
    } else {
      root.setAttribute("data-dng-accent", "ignored");
    }
  }

  // Code blocks and tables that scroll sideways must be reachable by keyboard (WCAG 2.1.1).
  // Material's script does this on full pages; embeds do not load it.
  var markScrollable = function () {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset pre > code, .md-typeset table"), function (el) {
      if (el.scrollWidth > el.clientWidth && !el.hasAttribute("tabindex")) el.setAttribute("tabindex", "0");
    });
  };
  markScrollable();
  window.addEventListener("load", markScrollable);
  window.addEventListener("resize", markScrollable);

  // Height messages.
  var secret = (location.hash.match(/[#&?]secret=([A-Za-z0-9]{1,64})/) || [])[1] || null;
  var info = document.querySelector("meta[name='dng-embed']");
  var key = info ? info.getAttribute("data-key") : "";
  var section = info ? info.getAttribute("data-section") : "";
  var last = 0;
  var send = function () {
    var height = Math.ceil(root.getBoundingClientRect().height);
    if (height === last || window.parent === window) return;
    last = height;
    window.parent.postMessage({ type: "dng-embed:height", version: 1, height: height, key: key, section: section }, "*");
    if (secret) window.parent.postMessage({ secret: secret, message: "height", value: height }, "*");
  };
  if (window.ResizeObserver) new ResizeObserver(send).observe(root);
  window.addEventListener("load", send);
  window.addEventListener("resize", send);
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(send);
  send();

  // WordPress asks again with a "ready" message once its script has loaded.
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (secret && event.source === window.parent && data && data.secret === secret && data.message === "ready") {
      last = 0;
      send();
    }
  });

  // In WordPress's sandbox links cannot leave the frame; ask the host page to follow them.
  // Only absolute http(s) addresses: the host may set its location to the value, and a
  // javascript: or data: address would then run in the host page. Any other link is not
  // followed at all (the sandbox would block it anyway).
  if (secret) {
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href]");
      if (!link || link.getAttribute("href").charAt(0) === "#") return;
      event.preventDefault();
      var url;
      try { url = new URL(link.href); } catch (e) { return; }
      if (url.protocol !== "https:" && url.protocol !== "http:") return;
      window.parent.postMessage({ secret: secret, message: "link", value: url.href }, "*");
    });
  }
})();
