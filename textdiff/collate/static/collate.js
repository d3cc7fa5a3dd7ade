/* textdiff collate view: keyboard navigation and opening the row a link points into.
 *
 * Inlined into the page and allowed by its CSP hash. It never parses markup
 * from strings: it only toggles classes and the open attribute and sets
 * textContent, so document text can never become code. Filters and "read as"
 * need no script (CSS :has() over the form controls); this only adds keys:
 *
 *   j / k   next / previous site shown (by the category filters and row filters)
 *   ] / [   next / previous row with variants
 *   o       open or close the current row
 *   a       open or close every row
 */
(function () {
  "use strict";
  var doc = document;
  var body = doc.body;
  body.classList.remove("nojs");
  body.classList.add("js");

  var rows = Array.prototype.slice.call(doc.querySelectorAll("section.row"));
  var sites = Array.prototype.slice.call(doc.querySelectorAll(".site"));
  var where = doc.getElementById("where");
  var cur = null;     // the current site element
  var curRow = null;  // the current row section
  var allOpen = false;

  function rowOf(el) {
    while (el && !(el.classList && el.classList.contains("row"))) { el = el.parentNode; }
    return el;
  }

  function shown(el) {
    // A row hidden by the row filters has no boxes; a filtered category is a checkbox off.
    var row = rowOf(el);
    if (!row || row.getClientRects().length === 0) { return false; }
    if (!el.classList.contains("site")) { return true; }
    var cat = null;
    el.classList.forEach(function (c) { if (c.indexOf("cat-") === 0) { cat = c.slice(4); } });
    var box = cat && doc.getElementById("f-" + cat);
    return !box || box.checked;
  }

  function openRow(row) {
    var d = row && row.querySelector("details");
    if (d && !d.open) { d.open = true; }
  }

  function setRow(row) {
    if (curRow) { curRow.classList.remove("current"); }
    curRow = row;
    if (row) { row.classList.add("current"); }
  }

  function focusSite(site) {
    if (cur) { cur.classList.remove("current"); }
    cur = site;
    var row = rowOf(site);
    openRow(row);
    setRow(row);
    site.classList.add("current");
    site.scrollIntoView({ block: "center" });
    where.textContent = "Site " + site.id + " (" + (sites.indexOf(site) + 1) + " of " + sites.length + ")";
  }

  function focusRow(row) {
    if (cur) { cur.classList.remove("current"); cur = null; }
    setRow(row);
    row.scrollIntoView({ block: "start" });
    var s = row.querySelector("summary");
    if (s) { s.focus({ preventScroll: true }); }
    where.textContent = "Row " + row.id;
  }

  function stepSite(dir) {
    var start = cur ? sites.indexOf(cur) : (curRow ? firstSiteIndex(curRow, dir) : -1);
    for (var i = start + dir; i >= 0 && i < sites.length; i += dir) {
      if (shown(sites[i])) { focusSite(sites[i]); return; }
    }
  }

  function firstSiteIndex(row, dir) {
    // Stepping from a row with no current site: start just before (or after) its sites.
    var i = rows.indexOf(row);
    for (var k = 0; k < sites.length; k++) {
      if (rows.indexOf(rowOf(sites[k])) >= i) { return dir > 0 ? k - 1 : k; }
    }
    return dir > 0 ? sites.length - 1 : sites.length;
  }

  function stepRow(dir) {
    var i = curRow ? rows.indexOf(curRow) : (dir > 0 ? -1 : rows.length);
    for (i += dir; i >= 0 && i < rows.length; i += dir) {
      if (!rows[i].classList.contains("k-invariant") && shown(rows[i])) { focusRow(rows[i]); return; }
    }
  }

  function toggleAll() {
    allOpen = !allOpen;
    rows.forEach(function (row) {
      var d = row.querySelector("details");
      if (d) { d.open = allOpen; }
    });
    where.textContent = allOpen ? "All rows open" : "All rows closed";
  }

  doc.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    var t = e.target;
    if (t && (t.tagName === "INPUT" && t.type === "text" || t.tagName === "TEXTAREA")) { return; }
    var k = e.key;
    if (k === "j") { stepSite(1); }
    else if (k === "k") { stepSite(-1); }
    else if (k === "]") { stepRow(1); }
    else if (k === "[") { stepRow(-1); }
    else if (k === "o") {
      var row = curRow || (cur && rowOf(cur));
      var d = row && row.querySelector("details");
      if (d) { d.open = !d.open; }
    }
    else if (k === "a") { toggleAll(); }
    else { return; }
    e.preventDefault();
  });

  // A link into a closed row (the overview, an apparatus line, a shared #s0042) opens it.
  function followHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) { return; }
    var el = doc.getElementById(id);
    if (!el) { return; }
    if (el.classList.contains("site")) { focusSite(el); }
    else if (el.classList.contains("row")) { openRow(el); focusRow(el); }
  }
  window.addEventListener("hashchange", followHash);
  followHash();
}());
