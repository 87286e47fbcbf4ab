/* Palermo: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  /* Copy buttons: <button class="copy-button" data-copy-target="ID" hidden> (shown only with JS). */
  function initCopy() {
    document.querySelectorAll("[data-copy-target]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var target = document.getElementById(button.getAttribute("data-copy-target"));
        if (!target) { return; }
        var text = target.textContent.trim();
        var done = function () {
          var label = button.textContent;
          button.textContent = "Copied";
          button.setAttribute("aria-live", "polite");
          setTimeout(function () { button.textContent = label; }, 1600);
        };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(done, function () { selectText(target); });
        } else {
          selectText(target);
          try { document.execCommand("copy"); done(); } catch (e) { /* text stays selected */ }
        }
      });
    });
  }

  function selectText(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  /* Map hover/focus: a tooltip with the country's name and verdict (also in <title> and the list). */
  function initMap() {
    var map = document.querySelector(".world-map");
    var tip = document.querySelector(".map-tip");
    if (!map || !tip) { return; }
    var wrap = map.parentNode;
    function show(event) {
      var node = event.target.closest("[data-name]");
      if (!node) { tip.style.display = "none"; return; }
      tip.textContent = node.getAttribute("data-name") + ": " + node.getAttribute("data-verdict");
      var box = wrap.getBoundingClientRect();
      var x, y;
      if (event.clientX !== undefined && event.type !== "focusin") {
        x = event.clientX - box.left + 12; y = event.clientY - box.top + 12;
      } else {
        var r = node.getBoundingClientRect();
        x = r.left - box.left + r.width / 2; y = r.top - box.top + r.height / 2;
      }
      tip.style.left = Math.min(x, box.width - 160) + "px";
      tip.style.top = y + "px";
      tip.style.display = "block";
    }
    map.addEventListener("mousemove", show);
    map.addEventListener("focusin", show);
    map.addEventListener("mouseleave", function () { tip.style.display = "none"; });
    map.addEventListener("focusout", function () { tip.style.display = "none"; });
  }

  /* Sortable tables: <table data-sortable> with <th data-sort="text|number">; header becomes a button. */
  function initSort() {
    document.querySelectorAll("table[data-sortable]").forEach(function (table) {
      var heads = table.querySelectorAll("thead th[data-sort]");
      heads.forEach(function (th, index) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "link-button";
        button.textContent = th.textContent;
        th.textContent = "";
        th.appendChild(button);
        th.setAttribute("aria-sort", "none");
        button.addEventListener("click", function () {
          var ascending = th.getAttribute("aria-sort") !== "ascending";
          heads.forEach(function (other) { other.setAttribute("aria-sort", "none"); });
          th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
          var column = Array.prototype.indexOf.call(th.parentNode.children, th);
          var numeric = th.getAttribute("data-sort") === "number";
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = a.cells[column].getAttribute("data-value") || a.cells[column].textContent.trim();
            var y = b.cells[column].getAttribute("data-value") || b.cells[column].textContent.trim();
            var result = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y);
            return ascending ? result : -result;
          });
          rows.forEach(function (row) { body.appendChild(row); });
        });
      });
    });
  }

  /* Selects marked data-autosubmit submit their form on change (the form also has a button). */
  function initAutosubmit() {
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });
  }

  function init() { initCopy(); initMap(); initSort(); initAutosubmit(); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
