/* Runs inside every embed page (/embed/...); the build minifies it and adds site.js's blocks for terms
 * and citations in place (macros/publish/embedassets.py), so the embed needs no other script.
 * 1. Applies the look-at-home options from the query string, each checked against the spec the build
 *    wrote (window.dngEmbedSpec: macros/publish/embedspec.py). A value that is not allowed is ignored:
 *    never written into the page, never half-used. Each option is a class or attribute on <html>, the
 *    heading's level a real element; the accent, a checked colour, is the one value set as a style.
 * 2. Tells the parent its height whenever it changes. Message format v1:
 *      { type: "dng-embed:height", version: 1, height: <CSS px>, key: "...", section: "..." }
 *    and again when its parent asks: { type: "dng-embed:height-request", version: 1 }.
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
  var article = document.querySelector("article") || body;
  var info = document.querySelector("meta[name='dng-embed']");
  var key = info ? info.getAttribute("data-key") : "";
  var section = info ? info.getAttribute("data-section") : "";
  var kind = info ? info.getAttribute("data-kind") : "";
  root.classList.add("dng-embed");
  root.classList.remove("no-js");
  var params = new URLSearchParams(location.search);
  var SPEC = window.dngEmbedSpec;
  // An allowed value of option `name`, or null: one of its choices, or a match of its pattern.
  var pick = function (name) {
    var value = params.get(name);
    if (value === null || value.length > SPEC.maxValue) return null;
    if (SPEC.choices[name]) return SPEC.choices[name].indexOf(value) >= 0 ? value : null;
    return SPEC.patterns[name] && new RegExp(SPEC.patterns[name]).test(value) ? value : null;
  };
  var on = function (name) { root.classList.add("dng-embed--" + name); };

  // Theme: light, dark or auto (follow the reader's system setting).
  var theme = pick("theme");
  var dark = theme === "dark" || (theme === "auto" && window.matchMedia &&
    window.matchMedia("(prefers-color-scheme: dark)").matches);
  body.setAttribute("data-md-color-scheme", dark ? "slate" : "default");

  var size = pick("font-size");
  if (size) on("font-" + size);
  var font = pick("font");
  if (font) on("font-" + font);
  var radius = pick("radius");
  if (radius) on("radius-" + radius);
  if (pick("border") === "on") on("border-on");

  // Language: only English exists until translations do.
  root.setAttribute("lang", pick("lang") || "en");

  // Accent: #rgb or #rrggbb, used for links only if it keeps 4.5:1 contrast on our background
  // (read before a transparent background is applied: the text colours are made for that one).
  var accent = pick("accent");
  if (accent) {
    var hex = accent.length === 4 ? "#" + accent[1] + accent[1] + accent[2] + accent[2] + accent[3] + accent[3] : accent;
    var luminance = function (h) {
      var c = [1, 3, 5].map(function (i) {
        var v = parseInt(h.substr(i, 2), 16) / 255;
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
      });
      return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    };
    var box = document.querySelector(".dng-embed__box") || body;
    var background = getComputedStyle(box).backgroundColor.match(/\d+(\.\d+)?/g) || ["255", "255", "255"];
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

  // The host's background, only with a theme the host chose (its background then suits our text).
  if (pick("background") === "transparent" && SPEC.transparent_themes.indexOf(theme) >= 0) on("transparent");

  // Heading: the embed's first heading is the section's (or the card's, the claim's...). h2 or h3
  // moves every heading of the content by the same step, so the outline stays whole; none keeps it
  // for screen readers only. A whole page keeps its title as h1 (none hides it the same way).
  var heading = pick("heading");
  var lead = article.querySelector("h1, h2, h3, h4");
  var relevel = function (old, level) {
    var made = document.createElement("h" + level);
    Array.prototype.forEach.call(old.attributes, function (attr) { made.setAttribute(attr.name, attr.value); });
    while (old.firstChild) made.appendChild(old.firstChild);
    old.parentNode.replaceChild(made, old);
    return made;
  };
  if (heading && lead) {
    var from = +lead.tagName.charAt(1);
    if (heading === "none") {
      lead.classList.add("dng-visually-hidden");
    } else if (from > 1) {
      var step = +heading.charAt(1) - from;
      if (step) {
        Array.prototype.forEach.call(article.querySelectorAll("h2, h3, h4, h5"), function (h) {
          relevel(h, Math.min(6, Math.max(2, +h.tagName.charAt(1) + step)));
        });
      }
    }
    root.setAttribute("data-dng-heading", heading);
  }

  // "Shared by <name>": any site can put any name in its address, so it says who added it. Text only,
  // at the foot beside the attribution; never on a care card's embed (a name beside "call 911" could
  // read as the one to call).
  var clinic = pick("clinic");
  var foot = document.querySelector(".dng-embed__foot");
  if (clinic && foot && !(kind === "item" && article.querySelector(".dng-care"))) {
    var line = document.createElement("p");
    var name = document.createElement("span");
    line.className = "dng-embed__clinic";
    name.className = "dng-embed__clinic-name";
    name.textContent = clinic;
    line.appendChild(document.createTextNode("Shared by "));
    line.appendChild(name);
    line.appendChild(document.createTextNode(" (added by the website that shows this; not checked by Dry Needling Guide)"));
    foot.appendChild(line);
  }

  // Code blocks and tables that scroll sideways must be reachable by keyboard (WCAG 2.1.1).
  var markScrollable = function () {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset pre > code, .md-typeset table"), function (el) {
      if (el.scrollWidth > el.clientWidth && !el.hasAttribute("tabindex")) el.setAttribute("tabindex", "0");
    });
  };
  markScrollable();
  window.addEventListener("load", markScrollable);
  window.addEventListener("resize", markScrollable);

  // Links to a place inside the embed (the FAQ's list of questions, the glossary's letters, a
  // heading's own link): <base target="_top"> would open our bare embed page in the host's window.
  // Go there in place instead: scrollIntoView also scrolls the host page to a frame that sizes
  // itself, and focus moves there so a keyboard or screen reader follows. On the window, after the
  // document's listeners, so a citation or term that opened in place has already said so. Opened
  // on its own (not framed), the embed page follows the link as any page does: the address shows it.
  window.addEventListener("click", function (event) {
    if (event.defaultPrevented || window.parent === window) return;
    var link = event.target.closest && event.target.closest('a[href^="#"]');
    if (!link) return;
    event.preventDefault();
    var id;
    try { id = decodeURIComponent(link.getAttribute("href").slice(1)); } catch (e) { return; }
    var target = id && document.getElementById(id);
    if (!target) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.scrollIntoView({ block: "start" });
    target.focus({ preventScroll: true });
  });

  // Height messages.
  var secret = (location.hash.match(/[#&?]secret=([A-Za-z0-9]{1,64})/) || [])[1] || null;
  var last = 0;
  var send = function () {
    var height = Math.ceil(root.getBoundingClientRect().height);
    if (height === last || window.parent === window) return;
    last = height;
    window.parent.postMessage({ type: SPEC.height_message.type, version: SPEC.height_message.version,
      height: height, key: key, section: section }, "*");
    if (secret) window.parent.postMessage({ secret: secret, message: "height", value: height }, "*");
  };
  if (window.ResizeObserver) new ResizeObserver(send).observe(root);
  window.addEventListener("load", send);
  window.addEventListener("resize", send);
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(send);
  send();

  // A parent that started listening after this page loaded asks again (SPEC.height_request);
  // WordPress asks with a "ready" message once its script has loaded. Only the parent is answered.
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.source === window.parent && data && data.type === SPEC.height_request.type &&
        data.version === SPEC.height_request.version) {
      last = 0;
      send();
      return;
    }
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
    return;
  }

  // Links that leave the embed (all of them: every address in an embed is absolute): the host's
  // window (<base target="_top">, the default) or a new tab. Also set on a click, for the links the
  // in-place terms and citations make after this runs.
  if (pick("links") === "new-tab") {
    var newTab = function (link) {
      if (link.getAttribute("href").charAt(0) === "#") return;
      link.target = "_blank";
      link.relList.add("noopener");
    };
    Array.prototype.forEach.call(document.querySelectorAll("a[href]"), newTab);
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href]");
      if (link) newTab(link);
    }, true);
  }
})();
