/* Blocks start with a "/* == name" line; embeds run the blocks macros/publish/embedassets.py names
   (EMBED_JS_BLOCKS, EMBED_FOLDS_BLOCK) after their own script, embed-child.js. */
/* == tooltips: glossary tooltips can be dismissed with Escape (WCAG 1.4.13) and come back on the next focus. == */
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
/* == touch: glossary terms and citations open in place (issue 12) ==
   Terms: the link to the glossary becomes a button that opens the definition in place, and the
   link moves into the definition ("More in the glossary"). A tap or Enter opens, a second tap,
   Enter or Escape closes; hover and keyboard focus still show it (site.css). Without this script
   the term stays a link to its glossary entry, with a tooltip on hover and focus.
   Citations: following one (href "#ref-<key>") shows that source in a popover cloned from the
   page's reference list, with "See all sources" (the same address) and Close; Escape or a tap
   outside closes it and focus returns to the citation. In an embed a citation links to the full
   site's list (references/#<key>) and the embed carries the entry as "ref-<key>": the popover shows
   it, and "See all sources" keeps the full site's address. Without this script, or without the
   Popover API, or without the entry on the page, the link simply goes to the entry. */
(function () {
  var TERM = ".dng-term", OPEN = "dng-term--open", DISMISSED = "dng-term--dismissed";

  function enhanceTerm(term) {
    var link = term.querySelector(".dng-term__link"), tip = term.querySelector(".dng-term__tip");
    if (!link || !tip || !tip.id) return;
    var text = document.createElement("span");
    text.id = tip.id + "-text";
    while (tip.firstChild) text.appendChild(tip.firstChild);
    tip.appendChild(text);
    tip.removeAttribute("role");  // it now holds a link: a plain region the button controls
    var button = document.createElement("button");
    button.type = "button";
    button.className = "dng-term__button";
    button.textContent = link.textContent;
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", tip.id);
    button.setAttribute("aria-describedby", text.id);
    link.removeAttribute("aria-describedby");
    link.className = "dng-term__more";
    link.textContent = "More in the glossary";
    tip.appendChild(document.createTextNode(" "));
    tip.appendChild(link);
    term.insertBefore(button, tip);
    term.classList.add("dng-term--js");
  }

  function setOpen(term, open) {
    var button = term.querySelector(".dng-term__button");
    if (button) button.setAttribute("aria-expanded", open ? "true" : "false");
    term.classList.toggle(OPEN, open);
    // Closed on purpose: a hover or focus that is still there must not keep it on screen.
    term.classList.toggle(DISMISSED, !open);
  }

  function closeTerms(except) {
    document.querySelectorAll("." + OPEN).forEach(function (term) {
      if (term !== except) setOpen(term, false);
    });
  }

  function enhance() {
    document.querySelectorAll(TERM + ":not(.dng-term--js)").forEach(enhanceTerm);
  }

  var source = null, returnTo = null, leaving = false;

  function popover(near) {
    if (source && source.isConnected) return source;
    source = document.createElement("div");
    source.className = "dng-cite-pop";
    source.id = "dng-cite-pop";
    source.setAttribute("popover", "auto");
    source.setAttribute("role", "dialog");
    source.setAttribute("aria-labelledby", "dng-cite-pop-title");
    source.setAttribute("data-search-exclude", "");
    source.tabIndex = -1;
    source.innerHTML = '<p class="dng-cite-pop__title" id="dng-cite-pop-title"></p>' +
      '<div class="dng-cite-pop__body"></div><p class="dng-cite-pop__actions">' +
      '<a class="dng-cite-pop__all" href="#">See all sources</a> ' +
      '<button type="button" class="dng-cite-pop__close">Close</button></p>';
    source.addEventListener("toggle", function (event) {
      if (event.newState === "closed" && returnTo && !leaving) returnTo.focus({ preventScroll: true });
      if (event.newState === "closed") leaving = false;
    });
    (near.closest(".md-typeset") || document.body).appendChild(source);
    return source;
  }

  function showSource(citation) {
    // Material's instant navigation makes every href absolute: read the fragment.
    var here = citation.pathname === location.pathname, id;
    try { id = decodeURIComponent(citation.hash.slice(1)); } catch (e) { return false; }
    if (here ? id.indexOf("ref-") !== 0 : !id) return false;
    if (!here) id = "ref-" + id;  // an embed's copy of a full-site entry
    var entry = document.getElementById(id);
    if (!entry) return false;
    var box = popover(citation);
    if (!box.showPopover) return false;
    var body = box.querySelector(".dng-cite-pop__body"), copy = entry.cloneNode(true);
    copy.querySelectorAll(".dng-edit, [id]").forEach(function (node) {
      if (node.classList.contains("dng-edit")) node.remove(); else node.removeAttribute("id");
    });
    body.replaceChildren.apply(body, Array.prototype.slice.call(copy.childNodes));
    box.querySelector(".dng-cite-pop__title").textContent = "Source " + citation.textContent.trim();
    box.querySelector(".dng-cite-pop__all").setAttribute("href", here ? "#" + id : citation.href);
    if (returnTo) returnTo.classList.remove("dng-cite__link--open");
    citation.classList.add("dng-cite__link--open");  // where an embed places the popover (embed-base.css)
    returnTo = citation;
    if (box.matches(":popover-open")) box.hidePopover();
    box.showPopover();
    box.focus();
    return true;
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!target.closest) return;
    var button = target.closest(".dng-term__button");
    if (button) {
      var term = button.closest(TERM);
      closeTerms(term);
      setOpen(term, !term.classList.contains(OPEN));
      return;
    }
    if (!target.closest(TERM)) closeTerms(null);
    if (target.closest(".dng-cite-pop__close")) source.hidePopover();
  });

  // Caught before Material's instant navigation sees the click: it would add a citation's fragment
  // to the address, and scroll to "See all sources"' entry before its folded list is open.
  window.addEventListener("click", function (event) {
    var target = event.target;
    if (!target.closest) return;
    var citation = target.closest("a.dng-cite__link");
    if (citation && showSource(citation)) {
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    var all = target.closest(".dng-cite-pop__all");
    if (all) {
      // The list may be folded ("Sources (N)"): open it, then let the link go to the entry.
      var href = all.getAttribute("href"), entry = href.charAt(0) === "#" && document.getElementById(href.slice(1));
      for (var fold = entry && entry.closest("details"); fold; fold = fold.parentElement.closest("details")) {
        fold.open = true;
      }
      leaving = true;
      source.hidePopover();
    }
  }, true);

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = document.querySelectorAll("." + OPEN);
    open.forEach(function (term) {
      var inside = term.contains(document.activeElement);
      setOpen(term, false);
      if (inside) term.querySelector(".dng-term__button").focus();
    });
  });

  // A pointer that leaves a term it closed may show it again on its next visit.
  document.addEventListener("mouseout", function (event) {
    var term = event.target.closest && event.target.closest("." + DISMISSED);
    if (term && !term.contains(event.relatedTarget)) term.classList.remove(DISMISSED);
  });

  // Now (the script runs at the end of the body), and after each page Material's instant
  // navigation swaps in without a new load. enhance() skips terms it has already changed.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enhance);
  else enhance();
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(enhance);
})();

/* == folds == the FAQ's answers and "Sources (N)" (details.dng-fold).
   FAQ (macros/render/faq.py): each question is an h2 at the top level of the page (so the site
   search files its answer under it), its answer the block after it. The question's words become a
   button in the h2, beside its permalink; a closed answer is hidden="until-found", so find-in-page
   still finds and opens it. Without this script every answer shows.
   A fold opens when the address or a followed link targets its heading or anything in it (question
   list, contents sidebar, #references, "Back to text"); printing opens them all. A reference's
   "Back to text" link returns to the citation the reader followed. */
(function () {
  var FOLD = "details.dng-fold", QUESTION = "dng-faq__question", PANEL = "dng-faq__panel";
  var BUTTON = "dng-faq__button", ENHANCED = "dng-faq__question--js";
  var lastCitation = {};

  function panelOf(heading) {
    var next = heading.nextElementSibling;
    return next && next.classList.contains(PANEL) && next.id ? next : null;
  }
  function buttonOf(panel) {
    var heading = panel.previousElementSibling;
    return heading && heading.querySelector("." + BUTTON);
  }
  function isOpen(panel) { return !panel.hasAttribute("hidden"); }
  function setOpen(panel, open) {
    if (open) panel.removeAttribute("hidden"); else panel.setAttribute("hidden", "until-found");
    var button = buttonOf(panel);
    if (button) button.setAttribute("aria-expanded", open ? "true" : "false");
  }

  // The question's words move into a button; the permalink (a link, not allowed inside a button)
  // stays beside it in the h2. Returns whether it closed an answer (the page's layout changed).
  function enhance() {
    var changed = false;
    document.querySelectorAll("h2." + QUESTION + ":not(." + ENHANCED + ")").forEach(function (heading) {
      var panel = panelOf(heading);
      if (!panel) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = BUTTON;
      button.setAttribute("aria-controls", panel.id);
      Array.prototype.slice.call(heading.childNodes).forEach(function (node) {
        if (!(node.classList && node.classList.contains("headerlink"))) button.appendChild(node);
      });
      heading.insertBefore(button, heading.firstChild);
      heading.classList.add(ENHANCED);
      panel.addEventListener("beforematch", function () { setOpen(panel, true); });
      setOpen(panel, false);
      changed = true;
    });
    return changed;
  }

  // What the address or a link points at, and the folds (answers, <details>) that hide it.
  function targetOf(hash) {
    if (!hash || hash.length < 2) return null;
    var id;
    try { id = decodeURIComponent(hash.slice(1)); } catch (e) { return null; }
    var el = document.getElementById(id);
    if (!el) return null;
    var folds = [];
    var own = el.tagName === "H2" && el.nextElementSibling;  // a question's answer, #references' list
    if (own && (own.matches(FOLD) || own.classList.contains(PANEL))) folds.push(own);
    for (var node = el; node; node = node.parentElement) {
      if (node.matches(FOLD) || node.classList.contains(PANEL)) folds.push(node);
    }
    return { el: el, folds: folds };
  }
  function reveal(hash, scroll) {
    var found = targetOf(hash);
    if (!found) return;
    var opened = false;
    found.folds.forEach(function (fold) {
      if (fold.matches(FOLD) && !fold.open) { fold.open = true; opened = true; }
      if (fold.classList.contains(PANEL) && !isOpen(fold)) { setOpen(fold, true); opened = true; }
    });
    if (opened || scroll) found.el.scrollIntoView();
    var back = found.el.querySelector && found.el.querySelector(".dng-ref__back");
    if (back && lastCitation[found.el.id]) back.setAttribute("href", "#" + lastCitation[found.el.id]);
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!target.closest) return;
    var button = target.closest("." + BUTTON);
    if (button) {
      var panel = document.getElementById(button.getAttribute("aria-controls"));
      if (panel) setOpen(panel, !isOpen(panel));
      return;
    }
    var link = target.closest("a[href*='#']");
    if (!link || link.origin !== location.origin || link.pathname !== location.pathname) return;
    // The same address again fires no hashchange: open the fold now (the browser then scrolls to it).
    reveal(link.hash, false);
  });
  // Which citation the reader followed, seen before the source popover (above) keeps the click.
  window.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.dng-cite__link");
    if (link && link.id && link.pathname === location.pathname) lastCitation[link.hash.slice(1)] = link.id;
  }, true);
  window.addEventListener("hashchange", function () { reveal(location.hash, false); });
  // On each page (the first, and each one Material's instant navigation swaps in): closing the
  // answers moves what the browser scrolled to, so scroll to the address's target again.
  function onPage() { reveal(location.hash, enhance()); }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(onPage);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", onPage);
  else onPage();

  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll(FOLD + ":not([open])").forEach(function (d) { d.open = true; openedForPrint.push(d); });
    document.querySelectorAll("." + PANEL + "[hidden]").forEach(function (p) { setOpen(p, true); openedForPrint.push(p); });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (fold) {
      if (fold.matches(FOLD)) fold.open = false; else setOpen(fold, false);
    });
    openedForPrint = [];
  });
})();
