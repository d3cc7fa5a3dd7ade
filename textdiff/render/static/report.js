/* textdiff report: views, filters, folds, change navigation and the minimap.
 *
 * Inlined into the page and allowed by its CSP hash. It never parses markup
 * from strings: it only toggles classes and attributes and sets textContent,
 * so document text can never become code.
 *
 * State lives in the URL fragment, so a link reopens the same view:
 *   #change-12&hide=typography,spelling&view=inline
 * A plain #change-12 (or any element id) is an ordinary deep link.
 */
(function () {
  "use strict";
  var doc = document;
  var body = doc.body;
  body.classList.remove("nojs");
  body.classList.add("js");

  var boxes = Array.prototype.slice.call(doc.querySelectorAll("input[data-cat]"));
  var order = boxes.map(function (b) { return b.getAttribute("data-cat"); });
  var radios = Array.prototype.slice.call(doc.querySelectorAll("input[name=view]"));
  var changes = Array.prototype.slice.call(doc.querySelectorAll(".row[data-n]"));
  var cells = Array.prototype.slice.call(doc.querySelectorAll("#minimap .mm"));
  var counter = doc.getElementById("counter");
  var expand = doc.getElementById("expand");

  var hidden = new Set();
  var view = "sbs";
  var cur = -1;

  // Each change's edits by category, read once: "substantive:6 punctuation:1".
  var edits = changes.map(function (row) {
    var out = {};
    (row.getAttribute("data-cats") || "").split(" ").forEach(function (pair) {
      if (!pair) { return; }
      var kv = pair.split(":");
      out[kv[0]] = parseInt(kv[1], 10);
    });
    return out;
  });

  /** Edits of change i in shown categories; a change with no edits (a pure move) always counts. */
  function weight(i) {
    var total = 0, any = false;
    Object.keys(edits[i]).forEach(function (cat) {
      any = true;
      if (!hidden.has(cat)) { total += edits[i][cat]; }
    });
    return any ? total : 1;
  }
  function visible(i) { return weight(i) > 0; }

  function visibleCount() {
    var n = 0;
    for (var i = 0; i < changes.length; i++) { if (visible(i)) { n++; } }
    return n;
  }

  function updateCounter() {
    var total = visibleCount();
    if (cur >= 0 && visible(cur)) {
      var rank = 0;
      for (var i = 0; i <= cur; i++) { if (visible(i)) { rank++; } }
      counter.textContent = "Change " + rank + " of " + total;
    } else {
      counter.textContent = total + (total === 1 ? " change" : " changes");
    }
  }

  /** Recolour the heat strip from the changes that are shown. */
  function updateMinimap() {
    var heat = cells.map(function () { return 0; });
    var first = cells.map(function () { return null; });
    changes.forEach(function (row, i) {
      var band = parseInt(row.getAttribute("data-bucket"), 10);
      var w = weight(i);
      row.classList.toggle("quiet", w === 0);
      if (w === 0 || !(band >= 0 && band < cells.length)) { return; }
      heat[band] += w;
      if (first[band] === null) { first[band] = row.id; }
    });
    cells.forEach(function (cell, b) {
      var h = heat[b];
      var level = h === 0 ? 0 : h === 1 ? 1 : h <= 3 ? 2 : h <= 7 ? 3 : 4;
      cell.className = "mm h" + level + (cell.classList.contains("cur") ? " cur" : "");
      cell.title = h + (h === 1 ? " edit" : " edits");
      if (first[b]) { cell.setAttribute("data-go", first[b]); } else { cell.removeAttribute("data-go"); }
    });
  }

  function stateHash() {
    var parts = [];
    if (cur >= 0) { parts.push(changes[cur].id); }
    var hide = order.filter(function (c) { return hidden.has(c); });
    if (hide.length) { parts.push("hide=" + hide.join(",")); }
    if (view === "inline") { parts.push("view=inline"); }
    return parts.join("&");
  }

  function writeHash() {
    var h = stateHash();
    var base = location.href.split("#")[0];
    try {
      history.replaceState(null, "", h ? base + "#" + h : base);
    } catch (e) {
      // Some browsers refuse history changes on file:// pages; the view still works.
    }
  }

  function openAncestors(el) {
    for (var p = el.parentElement; p; p = p.parentElement) {
      if (p.tagName === "DETAILS" && !p.open) { p.open = true; }
    }
  }

  /** Scroll to el (a change: centred; anything else, e.g. the skip link's target: at the top). */
  function reveal(el) {
    var block = el.classList.contains("row") ? "center" : "start";
    openAncestors(el);
    el.scrollIntoView({ block: block });
    // Rows off screen have estimated heights (content-visibility); once the
    // jump has laid out the rows around the target, place it once more.
    requestAnimationFrame(function () { el.scrollIntoView({ block: block }); });
  }

  function setCurrent(i, scroll) {
    if (cur >= 0) { changes[cur].classList.remove("current"); }
    cells.forEach(function (c) { c.classList.remove("cur"); });
    cur = i;
    if (i >= 0) {
      var row = changes[i];
      row.classList.add("current");
      var band = parseInt(row.getAttribute("data-bucket"), 10);
      if (cells[band]) { cells[band].classList.add("cur"); }
      if (scroll) {
        reveal(row);
        row.focus({ preventScroll: true });
      }
    }
    updateCounter();
    writeHash();
  }

  /** The first change whose top is below the top of the viewport: where "next" starts. */
  function firstBelowView() {
    for (var i = 0; i < changes.length; i++) {
      if (changes[i].getBoundingClientRect().top > 80) { return i; }
    }
    return changes.length;
  }

  function inView(el) {
    var r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight;
  }

  /** Next or previous shown change: from the current one if it is on screen, else from
   *  where the reader has scrolled to. */
  function step(dir) {
    var i = cur;
    if (i < 0 || !inView(changes[i])) { i = dir > 0 ? firstBelowView() - 1 : firstBelowView(); }
    for (i += dir; i >= 0 && i < changes.length; i += dir) {
      if (visible(i)) { setCurrent(i, true); return; }
    }
  }

  function applyFilters() {
    order.forEach(function (cat) { body.classList.toggle("hide-" + cat, hidden.has(cat)); });
    boxes.forEach(function (b) { b.checked = !hidden.has(b.getAttribute("data-cat")); });
    updateMinimap();
    updateCounter();
  }

  function applyView() {
    body.classList.toggle("view-inline", view === "inline");
    radios.forEach(function (r) { r.checked = r.value === view; });
  }

  /** Read the fragment; state keys (hide=, view=) replace the current state only if present. */
  function readHash(initial) {
    var raw = location.hash.replace(/^#/, "");
    var target = null;
    var hasState = false;
    var nextHidden = new Set();
    var nextView = "sbs";
    raw.split("&").forEach(function (part) {
      var p;
      try { p = decodeURIComponent(part); } catch (e) { p = part; }
      if (!p) { return; }
      if (p.indexOf("hide=") === 0) {
        hasState = true;
        p.slice(5).split(",").forEach(function (c) { if (order.indexOf(c) >= 0) { nextHidden.add(c); } });
      } else if (p.indexOf("view=") === 0) {
        hasState = true;
        nextView = p.slice(5) === "inline" ? "inline" : "sbs";
      } else if (target === null) {
        target = p;
      }
    });
    if (hasState || initial) {
      hidden = nextHidden;
      view = nextView;
      applyView();
      applyFilters();
    }
    var el = target ? doc.getElementById(target) : null;
    var idx = el ? changes.indexOf(el) : -1;
    if (idx >= 0) {
      setCurrent(idx, true);
    } else {
      if (el) {
        reveal(el);
        if (el.tabIndex >= 0 || el.hasAttribute("tabindex")) { el.focus({ preventScroll: true }); }
      }
      writeHash();
    }
  }

  boxes.forEach(function (b) {
    b.addEventListener("change", function () {
      var cat = b.getAttribute("data-cat");
      if (b.checked) { hidden.delete(cat); } else { hidden.add(cat); }
      applyFilters();
      writeHash();
    });
  });

  radios.forEach(function (r) {
    r.addEventListener("change", function () {
      if (!r.checked) { return; }
      view = r.value === "inline" ? "inline" : "sbs";
      applyView();
      writeHash();
      if (cur >= 0) { reveal(changes[cur]); }
    });
  });

  expand.addEventListener("click", function () {
    var open = expand.getAttribute("aria-pressed") !== "true";
    Array.prototype.forEach.call(doc.querySelectorAll("details.fold"), function (d) { d.open = open; });
    expand.setAttribute("aria-pressed", open ? "true" : "false");
    expand.textContent = open ? "Collapse all" : "Expand all";
  });

  doc.getElementById("next").addEventListener("click", function () { step(1); });
  doc.getElementById("prev").addEventListener("click", function () { step(-1); });

  doc.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) { return; }
    var t = e.target;
    var tag = t && t.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable) ||
        (tag === "INPUT" && !/^(checkbox|radio|button)$/.test(t.type))) { return; }
    if (e.key === "n" || e.key === "j") { step(1); e.preventDefault(); }
    else if (e.key === "p" || e.key === "k") { step(-1); e.preventDefault(); }
  });

  // Clicking a change's number makes it the current one.
  doc.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a.num");
    if (!a) { return; }
    var idx = changes.indexOf(a.closest(".row"));
    if (idx >= 0) { e.preventDefault(); setCurrent(idx, true); }
  });

  doc.getElementById("minimap").addEventListener("click", function (e) {
    var cell = e.target.closest(".mm");
    if (!cell) { return; }
    var band = parseInt(cell.getAttribute("data-i"), 10);
    // The first shown change in or after the band, else the last one before it.
    var best = -1;
    for (var i = 0; i < changes.length; i++) {
      if (!visible(i)) { continue; }
      var b = parseInt(changes[i].getAttribute("data-bucket"), 10);
      if (b >= band) { best = i; break; }
      best = i;
    }
    if (best >= 0) { setCurrent(best, true); }
  });

  window.addEventListener("hashchange", function () { readHash(false); });

  readHash(true);
})();
