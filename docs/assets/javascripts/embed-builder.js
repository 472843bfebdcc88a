/* The embed builder on the for-clinics page (macros/render/clinics.py writes its block and data).
 * A clinic chooses a page, a section or a single item, then the options; it sees a preview that
 * sizes itself and copies the loader snippet, the plain frame, the WordPress address, the lines its
 * Content-Security-Policy needs and a handout link. Everything it knows comes from the build: option
 * names, values and patterns (embedspec.py), the snippets' shapes (clinics.py) and the page list
 * (/api/v1/pages.json, read from our own site). Every value a person types is checked against the
 * spec's patterns; a bad one is left out with a message and never written as markup (textContent only).
 * It also makes the page's live examples follow their embeds' height.
 * Loaded by the page's content, so Material's instant navigation runs it again on each visit.
 */
(function () {
  "use strict";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // As Python's html.escape(value, quote=True), which the page's written snippets use.
  function escapeHtml(value) {
    return String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
  }

  function fill(template, values) {
    return template.replace(/\{([a-z]+)\}/g, function (slot, name) { return values[name]; });
  }

  // Frames that follow their embed's height messages: the builder's preview and the live examples.
  // One listener for the window, however often instant navigation runs this script again.
  function followHeights(message) {
    if (window.dngFollowHeights) return;
    window.dngFollowHeights = true;
    window.addEventListener("message", function (event) {
      var data = event.data;
      if (!data || data.type !== message.type || data.version !== message.version) return;
      var frames = document.querySelectorAll("iframe.dng-follow-height");
      for (var i = 0; i < frames.length; i++) {
        // Our frames are sandboxed (origin "null"): what proves a message theirs is its source.
        if (frames[i].contentWindow === event.source) {
          var height = Math.max(50, Math.min(Number(data.height) || 0, 50000));
          frames[i].setAttribute("height", String(Math.ceil(height)));
        }
      }
    });
  }

  function Builder(root, data) {
    this.root = root;
    this.data = data;
    this.spec = data.spec;
    this.pages = [];
    this.items = [];
    this.fields = {};
    this.handoutFields = {};
    this.previewTimer = null;
  }

  Builder.prototype.id = function (name) { return "dng-builder-" + name; };

  Builder.prototype.valid = function (patterns, name, value) {
    if (value.length > this.spec.maxValue) return false;
    return new RegExp(patterns[name]).test(value);
  };

  Builder.prototype.field = function (parent, name, label, control, help) {
    var wrap = el("div", "dng-builder__field");
    var labelEl = el("label", "dng-builder__label", label);
    labelEl.htmlFor = control.id;
    wrap.appendChild(labelEl);
    wrap.appendChild(control);
    var described = [];
    if (help) {
      var hint = el("p", "dng-builder__hint", help);
      hint.id = control.id + "-hint";
      described.push(hint.id);
      wrap.appendChild(hint);
    }
    var error = el("p", "dng-builder__error");
    error.id = control.id + "-error";
    error.hidden = true;
    wrap.appendChild(error);
    described.push(error.id);
    control.setAttribute("aria-describedby", described.join(" "));
    parent.appendChild(wrap);
    return { control: control, error: error, name: name };
  };

  Builder.prototype.select = function (id, values, defaultValue) {
    var select = el("select", "dng-builder__select");
    select.id = this.id(id);
    values.forEach(function (value) {
      var option = el("option", null, value === defaultValue ? value + " (default)" : value);
      option.value = value;
      select.appendChild(option);
    });
    return select;
  };

  Builder.prototype.text = function (id, example) {
    var input = el("input", "dng-builder__input");
    input.type = "text";
    input.id = this.id(id);
    input.autocomplete = "off";
    input.spellcheck = false;
    if (example) input.placeholder = example;
    return input;
  };

  Builder.prototype.setError = function (field, message) {
    field.error.textContent = message || "";
    field.error.hidden = !message;
    if (message) field.control.setAttribute("aria-invalid", "true");
    else field.control.removeAttribute("aria-invalid");
  };

  Builder.prototype.render = function () {
    var self = this, data = this.data, spec = this.spec;
    var form = el("form", "dng-builder__form");
    form.noValidate = true;
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    var what = el("fieldset", "dng-builder__group");
    what.appendChild(el("legend", null, "1. What to show"));
    this.page = this.field(what, "page", "Page", this.select("page", [], null), "Any page of Dry Needling Guide.");
    this.part = this.field(what, "part", "Part of the page", this.select("part", [], null),
      "The whole page, one section (listed by its heading), or one claim, term or care card.");
    form.appendChild(what);

    var look = el("fieldset", "dng-builder__group");
    look.appendChild(el("legend", null, "2. How it looks"));
    spec.names.forEach(function (name) {
      var words = data.words[name] || { label: name, help: "" };
      var choices = spec.choices[name];
      var control = choices ? self.select("option-" + name, choices, choices[0])
                            : self.text("option-" + name, words.example);
      self.fields[name] = self.field(look, name, words.label, control, words.help);
    });
    form.appendChild(look);
    this.root.appendChild(form);

    var preview = this.region("preview", "Preview");
    preview.appendChild(el("p", "dng-builder__hint",
      "This is how the embed looks on your page. It grows and shrinks to fit its text."));
    this.frame = el("iframe", "dng-builder__frame dng-follow-height");
    Object.keys(spec.frame).forEach(function (name) { self.frame.setAttribute(name, spec.frame[name]); });
    this.frame.setAttribute("height", "400");
    this.frame.title = "Preview";
    preview.appendChild(this.frame);
    this.root.appendChild(preview);

    var out = this.region("outputs", "3. Copy the code");
    this.outputs = {
      loader: this.output(out, "loader", "Loader snippet (recommended)",
        "Paste it where the text should appear. The frame sizes itself. Add the script line once per page."),
      iframe: this.output(out, "iframe", "Plain frame",
        "For sites that do not allow scripts. It has a fixed height and scrolls."),
      wordpress: this.output(out, "wordpress", "WordPress address",
        "Paste it on its own line in a post or page."),
      csp: this.output(out, "csp", "Lines for your Content-Security-Policy",
        "Only if your site sends a Content-Security-Policy: add our address to these lines of it. " +
        "The loader needs all three; a plain frame needs only frame-src.")
    };
    this.wordpressNote = el("p", "dng-builder__note");
    this.outputs.wordpress.box.insertBefore(this.wordpressNote, this.outputs.wordpress.pre);
    this.handout = this.renderHandout(out);
    this.root.appendChild(out);

    this.status = el("p", "dng-builder__status");
    this.status.setAttribute("role", "status");
    this.status.setAttribute("aria-live", "polite");
    this.root.appendChild(this.status);

    var update = function () { self.update(); };
    [form, out].forEach(function (part) {
      part.addEventListener("change", update);
      part.addEventListener("input", update);
    });
    this.page.control.addEventListener("change", function () { self.fillParts(); self.update(); });
  };

  // A part of the builder with its own heading, named by it for screen readers.
  Builder.prototype.region = function (name, title) {
    var region = el("section", "dng-builder__" + name);
    var heading = el("h3", null, title);
    heading.id = this.id(name + "-title");
    region.setAttribute("aria-labelledby", heading.id);
    region.appendChild(heading);
    return region;
  };

  Builder.prototype.output = function (parent, name, title, help) {
    var box = el("div", "dng-builder__output");
    box.id = this.id("output-" + name);
    var heading = el("h4", null, title);
    heading.id = this.id("output-" + name + "-title");
    box.appendChild(heading);
    box.appendChild(el("p", "dng-builder__hint", help));
    // A <pre> without <code>: Material adds its own copy button to pre > code, and this one has ours.
    var pre = el("pre", "dng-builder__code");
    pre.id = this.id("code-" + name);
    pre.setAttribute("aria-labelledby", heading.id);
    pre.tabIndex = 0;
    box.appendChild(pre);
    var button = el("button", "dng-builder__copy", "Copy");
    button.type = "button";
    button.setAttribute("aria-describedby", heading.id);
    var self = this;
    button.addEventListener("click", function () { self.copy(pre.textContent, button, title); });
    box.appendChild(button);
    parent.appendChild(box);
    return { box: box, pre: pre, button: button };
  };

  Builder.prototype.renderHandout = function (parent) {
    var self = this, data = this.data;
    var box = el("div", "dng-builder__output");
    box.id = this.id("handout");
    var fieldset = el("fieldset", "dng-builder__group");
    fieldset.appendChild(el("legend", null, "Print a one-page handout"));
    fieldset.appendChild(el("p", "dng-builder__hint",
      "A printable page with the key points, when to get help and questions to ask. " +
      "Your name and phone print at the top, marked as added by you."));
    Object.keys(this.spec.handout).forEach(function (name) {
      var words = data.handout_words[name] || { label: name };
      self.handoutFields[name] = self.field(fieldset, name, words.label, self.text("handout-" + name, ""), "");
    });
    this.handoutLink = el("a", "dng-builder__handout-link", "Print a one-page handout");
    this.handoutLink.id = this.id("handout-link");
    var p = el("p");
    p.appendChild(this.handoutLink);
    fieldset.appendChild(p);
    box.appendChild(fieldset);
    parent.appendChild(box);
    return box;
  };

  Builder.prototype.copy = function (text, button, what) {
    var self = this;
    var done = function () {
      button.textContent = "Copied";
      button.classList.add("dng-builder__copy--done");
      self.status.textContent = "";
      // A new text each time, so that screen readers announce a second copy too.
      window.setTimeout(function () { self.status.textContent = "Copied: " + what + "."; }, 50);
      window.clearTimeout(button.dngTimer);
      button.dngTimer = window.setTimeout(function () {
        button.textContent = "Copy";
        button.classList.remove("dng-builder__copy--done");
      }, 3000);
    };
    var fallback = function () {
      var area = el("textarea", "dng-builder__clipboard");
      area.value = text;
      area.setAttribute("readonly", "");
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      if (ok) done();
      else self.status.textContent = "Copying did not work here. Select the text and copy it yourself.";
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  };

  Builder.prototype.load = function () {
    var self = this, spec = this.spec;
    return fetch(this.data.root + spec.catalogue, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("page list: " + response.status);
        return response.json();
      })
      .then(function (catalogue) {
        var key = new RegExp(spec.key);
        self.pages = (catalogue.pages || []).filter(function (p) { return p && key.test(p.key); });
        // Single items (claims, terms, care cards): a later addition to the page list; none is fine.
        self.items = (catalogue.items || []).filter(function (item) {
          return item && typeof item.key === "string" && key.test(item.key) && typeof item.title === "string";
        });
      });
  };

  Builder.prototype.fillPages = function () {
    var select = this.page.control;
    this.pages.forEach(function (page) {
      var option = el("option", null, page.title);
      option.value = page.key;
      select.appendChild(option);
    });
    var start = this.pages.filter(function (p) { return p.key === "safety"; })[0] || this.pages[0];
    if (start) select.value = start.key;
  };

  Builder.prototype.currentPage = function () {
    var key = this.page.control.value;
    return this.pages.filter(function (p) { return p.key === key; })[0] || null;
  };

  Builder.prototype.fillParts = function () {
    var select = this.part.control, page = this.currentPage(), data = this.data;
    select.textContent = "";
    var whole = el("option", null, "The whole page");
    whole.value = "";
    select.appendChild(whole);
    if (!page) return;
    if (page.sections && page.sections.length) {
      var group = el("optgroup");
      group.label = "One section";
      page.sections.forEach(function (section) {
        var option = el("option", null, section.title);
        option.value = "section:" + section.id;
        group.appendChild(option);
      });
      select.appendChild(group);
    }
    var names = { claim: "One claim", term: "One term", care: "One care card" };
    Object.keys(data.item_pages).forEach(function (kind) {
      if (data.item_pages[kind] !== page.key) return;
      var items = this.items.filter(function (item) { return item.kind === kind; });
      if (!items.length) return;
      var group = el("optgroup");
      group.label = names[kind] || kind;
      items.forEach(function (item) {
        var option = el("option", null, item.title);
        option.value = "item:" + item.key;
        group.appendChild(option);
      });
      select.appendChild(group);
    }, this);
  };

  // The current choice: what to embed and the options that hold (invalid ones left out, with a message).
  Builder.prototype.choice = function () {
    var self = this, spec = this.spec, page = this.currentPage();
    if (!page) return null;
    var part = this.part.control.value, section = "", item = null;
    if (part.indexOf("section:") === 0) {
      section = part.slice(8);
      if (!(page.sections || []).some(function (s) { return s.id === section; })) section = "";
    } else if (part.indexOf("item:") === 0) {
      var itemKey = part.slice(5);
      item = this.items.filter(function (i) { return i.key === itemKey; })[0] || null;
    }
    var options = [];
    var theme = this.fields.theme ? this.fields.theme.control.value : "";
    spec.names.forEach(function (name) {
      var field = self.fields[name], value = field.control.value;
      var choices = spec.choices[name];
      self.setError(field, "");
      if (choices) {
        if (choices.indexOf(value) < 0 || value === choices[0]) return;  // the default: left out
        if (name === "background" && spec.transparent_themes.indexOf(theme) < 0) {
          self.setError(field, self.data.transparent);
          return;
        }
      } else {
        if (!value) return;
        if (!self.valid(spec.patterns, name, value)) {
          self.setError(field, self.data.words[name].invalid);
          return;
        }
      }
      options.push([name, value]);
    });
    // A see-through background needs its theme named, even the default one.
    var transparent = options.some(function (o) { return o[0] === "background"; });
    if (transparent && !options.some(function (o) { return o[0] === "theme"; })) {
      options.unshift(["theme", theme]);
      options.sort(function (a, b) { return spec.names.indexOf(a[0]) - spec.names.indexOf(b[0]); });
    }
    return { page: page, section: section, item: item, options: options };
  };

  Builder.prototype.embedKey = function (choice) { return choice.item ? choice.item.key : choice.page.key; };

  Builder.prototype.title = function (choice) { return choice.item ? choice.item.title : choice.page.title; };

  Builder.prototype.embedPath = function (choice) {
    var shape = choice.section ? this.spec.section_page : this.spec.page;
    return shape.replace("{key}", this.embedKey(choice)).replace("{section}", choice.section);
  };

  Builder.prototype.query = function (choice) {
    var parts = choice.options.map(function (o) { return o[0] + "=" + encodeURIComponent(o[1]); });
    return parts.length ? "?" + parts.join("&") : "";
  };

  Builder.prototype.loaderSnippet = function (choice) {
    var t = this.data.templates;
    var named = [["embed", this.embedKey(choice)]];
    if (choice.section) named.push(["section", choice.section]);
    var attributes = named.concat(choice.options).map(function (o) {
      return fill(t.attribute, { name: o[0], value: escapeHtml(o[1]) });
    }).join("");
    // The link readers see without scripts: the page (at its section), or the item's own page.
    var url = choice.item ? (choice.item.embed_url || this.data.site + this.embedPath(choice))
                          : choice.page.url + (choice.section ? "#" + choice.section : "");
    return fill(t.loader, { attributes: attributes, url: escapeHtml(url), title: escapeHtml(this.title(choice)),
                            loader: escapeHtml(this.data.site + this.spec.loader) });
  };

  Builder.prototype.iframeSnippet = function (choice) {
    var t = this.data.templates, frame = this.spec.frame;
    var protection = Object.keys(frame).map(function (name) {
      return fill(t.protection, { name: name, value: escapeHtml(frame[name]) });
    }).join("");
    return fill(t.iframe, { src: escapeHtml(this.data.site + this.embedPath(choice) + this.query(choice)),
                            title: escapeHtml(this.title(choice)), protection: protection });
  };

  Builder.prototype.handoutUrl = function (key) {
    var self = this, query = [];
    Object.keys(this.spec.handout).forEach(function (name) {
      var field = self.handoutFields[name], value = field.control.value.trim();
      self.setError(field, "");
      if (!value) return;
      if (!self.valid(self.spec.handout, name, value)) {
        self.setError(field, self.data.handout_words[name].invalid);
        return;
      }
      query.push(name + "=" + encodeURIComponent(value));
    });
    return this.data.site + this.spec.handout_page.replace("{key}", key) + (query.length ? "?" + query.join("&") : "");
  };

  Builder.prototype.update = function () {
    var choice = this.choice();
    if (!choice) return;
    this.outputs.loader.pre.textContent = this.loaderSnippet(choice);
    this.outputs.iframe.pre.textContent = this.iframeSnippet(choice);
    var wholePage = !choice.section && !choice.item && choice.page.oembed_url;
    var wp = this.outputs.wordpress;
    if (wholePage && !choice.options.length) {
      wp.pre.hidden = false;
      wp.button.hidden = false;
      wp.pre.textContent = choice.page.url;
      this.wordpressNote.hidden = true;
    } else {
      wp.pre.hidden = true;
      wp.button.hidden = true;
      wp.pre.textContent = "";
      this.wordpressNote.hidden = false;
      var reasons = [];
      if (choice.section || choice.item || !choice.page.oembed_url) reasons.push("one part of a page");
      if (choice.options.length) reasons.push("your options");
      this.wordpressNote.textContent = "WordPress: paste the loader snippet into a Custom HTML block. " +
        "WordPress embeds our pages by their address, and an address shows a whole page with our " +
        "standard look, so it cannot carry " + reasons.join(" or ") + ".";
    }
    var csp = this.data.csp;
    this.outputs.csp.pre.textContent = "With the loader:\n" + csp.loader.join("\n") +
      "\n\nWith a plain frame:\n" + csp.iframe.join("\n");
    var hasHandout = !choice.item && this.data.handouts.indexOf(choice.page.key) >= 0;
    this.handout.hidden = !hasHandout;
    if (hasHandout) this.handoutLink.href = this.handoutUrl(choice.page.key);
    this.schedulePreview(choice);
  };

  Builder.prototype.schedulePreview = function (choice) {
    var self = this;
    var src = this.data.root + this.embedPath(choice) + this.query(choice);
    var title = "Preview: " + this.title(choice);
    window.clearTimeout(this.previewTimer);
    this.previewTimer = window.setTimeout(function () {
      if (self.frame.getAttribute("src") !== src) self.frame.setAttribute("src", src);
      self.frame.title = title;
    }, 250);
  };

  Builder.prototype.start = function () {
    var self = this;
    this.render();
    return this.load().then(function () {
      self.fillPages();
      self.fillParts();
      self.update();
      self.root.classList.add("dng-builder--ready");
      // The written instructions stand in for the builder without scripts; with it they are not needed here.
      document.querySelectorAll(".dng-builder-nojs").forEach(function (note) { note.hidden = true; });
    }, function () {
      self.root.textContent = "";
      self.root.appendChild(el("p", "dng-builder__error",
        "The builder could not read our list of pages. Follow the written steps below instead."));
    });
  };

  function init() {
    var root = document.getElementById("dng-builder");
    var data = null;
    if (root) {
      try { data = JSON.parse(root.getAttribute("data-dng-builder") || "null"); } catch (e) { data = null; }
    }
    if (data && data.message) followHeights(data.message);
    if (!root || !data || root.hasAttribute("data-dng-started")) return;
    root.setAttribute("data-dng-started", "");
    // The live examples: the same frames, following their heights (without this script they scroll).
    // One may have loaded and told its height before this listener existed (the page was still
    // loading, or instant navigation ran this again): ask each once more. A frame that has not
    // loaded yet misses the question and tells its height when it loads.
    document.querySelectorAll("iframe.dng-live-example__frame").forEach(function (frame) {
      frame.classList.add("dng-follow-height");
      if (frame.contentWindow && data.request) frame.contentWindow.postMessage(data.request, "*");
    });
    new Builder(root, data).start();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
