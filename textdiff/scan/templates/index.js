/* textdiff scan index: filter the families by relation, search them, sort the list.
   Inlined into the page and allowed by its CSP hash. It reads only the page
   (no requests, no eval, no storage); without it every family is listed. */
(function () {
  "use strict";
  var body = document.body;
  body.classList.remove("nojs");
  body.classList.add("js");

  var toc = document.getElementById("toc");
  var form = document.getElementById("controls");
  if (!toc || !form) {
    return;
  }
  var tbody = toc.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var search = document.getElementById("search");
  var shown = document.getElementById("shown");
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name=relation]"));
  var sections = {};
  var texts = {};

  Array.prototype.forEach.call(document.querySelectorAll("section.family"), function (s) {
    sections[s.getAttribute("data-family")] = s;
  });
  // What a search looks in: each member's id, date and title (not the table headings).
  rows.forEach(function (row) {
    var n = row.getAttribute("data-family");
    var cells = sections[n] ? sections[n].querySelectorAll(".members td") : [];
    var parts = [];
    Array.prototype.forEach.call(cells, function (td) {
      if (!td.classList.contains("num")) {
        parts.push(td.textContent);
      }
    });
    texts[n] = parts.join("\n").toLowerCase();
  });

  function count(n) {
    return n.toLocaleString("en-US");
  }

  function apply() {
    var wanted = boxes.filter(function (b) { return b.checked; }).map(function (b) {
      return b.value;
    });
    var needle = search.value.trim().toLowerCase();
    var visible = 0;
    rows.forEach(function (row) {
      var n = row.getAttribute("data-family");
      var relations = row.getAttribute("data-relations").split(" ");
      var ok = relations.some(function (r) { return wanted.indexOf(r) >= 0; }) &&
        (needle === "" || texts[n].indexOf(needle) >= 0);
      row.hidden = !ok;
      if (sections[n]) {
        sections[n].hidden = !ok;
      }
      if (ok) {
        visible += 1;
      }
    });
    var total = rows.length;
    var word = total === 1 ? " family" : " families";
    shown.textContent = visible === total ? count(total) + word
      : "Showing " + count(visible) + " of " + count(total) + word;
  }

  var keys = {
    number: function (row) { return Number(row.getAttribute("data-family")); },
    size: function (row) { return Number(row.getAttribute("data-size")); },
    date: function (row) { return row.getAttribute("data-date"); },
    title: function (row) { return row.cells[4].textContent.toLowerCase(); }
  };

  function sortBy(button) {
    var th = button.parentNode;
    var key = keys[button.getAttribute("data-key")];
    var was = th.getAttribute("aria-sort");
    // Largest first is what one wants of sizes; every other column starts ascending.
    var first = button.getAttribute("data-key") === "size" ? "descending" : "ascending";
    var order = was === first ? (first === "ascending" ? "descending" : "ascending") : first;
    var sign = order === "ascending" ? 1 : -1;
    Array.prototype.forEach.call(toc.tHead.rows[0].cells, function (cell) {
      if (cell.hasAttribute("aria-sort")) {
        cell.setAttribute("aria-sort", "none");
      }
    });
    th.setAttribute("aria-sort", order);
    rows.sort(function (a, b) {
      var x = key(a);
      var y = key(b);
      var c = x < y ? -1 : x > y ? 1 : 0;
      // Ties (and empty dates) keep family order: the sort is the same every time.
      return c * sign || keys.number(a) - keys.number(b);
    });
    rows.forEach(function (row) { tbody.appendChild(row); });
  }

  Array.prototype.forEach.call(toc.querySelectorAll("th button"), function (button) {
    button.addEventListener("click", function () { sortBy(button); });
  });
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  search.addEventListener("input", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  apply();
})();
