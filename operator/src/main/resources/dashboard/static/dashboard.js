// Draws the service page's charts with uPlot from the JSON in data-series, again after every live
// update and when the window changes size; filters the release list; and shows whether the live
// connection is up. Loaded as a file: the page's Content Security Policy allows no inline script.
(function () {
  "use strict";

  var COLOURS = { canary: "#b45309", stable: "#1d4ed8", threshold: "#6b7280", weight: "#b45309" };

  function chart(target, title, series, data) {
    var width = Math.max(280, Math.min(target.clientWidth || 600, 900));
    var holder = document.createElement("figure");
    holder.className = "chart";
    target.appendChild(holder);
    new uPlot(
      { title: title, width: width, height: 200, scales: { x: { time: true } }, series: [{}].concat(series) },
      data,
      holder
    );
  }

  function flat(length, value) {
    var out = [];
    for (var i = 0; i < length; i++) { out.push(value); }
    return out;
  }

  function draw(target) {
    if (typeof uPlot === "undefined") { return; }
    var data = JSON.parse(target.getAttribute("data-series"));
    target.replaceChildren();
    var weights = data.weights;
    if (weights[0].length > 0) {
      // A step line: the weight holds until the next change, and up to now.
      var times = weights[0].concat([Math.floor(Date.now() / 1000)]);
      var values = weights[1].concat([weights[1][weights[1].length - 1]]);
      chart(target, "Canary weight (%) — revision " + data.revision,
        [{ label: "canary %", stroke: COLOURS.weight, width: 2, paths: uPlot.paths.stepped({ align: 1 }) }],
        [times, values]);
    } else {
      var empty = document.createElement("p");
      empty.className = "empty";
      empty.textContent = "No canary in progress.";
      target.appendChild(empty);
    }
    data.metrics.forEach(function (m) {
      var series = [
        { label: "canary", stroke: COLOURS.canary, width: 2 },
        { label: "stable", stroke: COLOURS.stable, width: 2 }
      ];
      var rows = [m.time, m.canary, m.stable];
      if (m.min !== undefined && m.min !== null) {
        series.push({ label: "min", stroke: COLOURS.threshold, dash: [6, 4] });
        rows.push(flat(m.time.length, m.min));
      }
      if (m.max !== undefined && m.max !== null) {
        series.push({ label: "max", stroke: COLOURS.threshold, dash: [6, 4] });
        rows.push(flat(m.time.length, m.max));
      }
      chart(target, m.metric, series, rows);
    });
  }

  function drawAll(root) {
    (root || document).querySelectorAll(".charts[data-series]").forEach(draw);
  }

  // The list's filter: rows whose text does not hold every word typed are hidden, again after
  // every live update (which replaces rows).
  function filterRows() {
    var input = document.getElementById("filter");
    if (!input) { return; }
    var words = input.value.toLowerCase().split(/\s+/).filter(function (w) { return w; });
    document.querySelectorAll("table.releases tbody tr:not(.empty)").forEach(function (row) {
      var text = row.textContent.toLowerCase();
      row.hidden = !words.every(function (w) { return text.indexOf(w) >= 0; });
    });
  }

  function liveState(text, ok) {
    var badge = document.getElementById("live-state");
    if (badge) {
      badge.textContent = text;
      badge.classList.toggle("offline", !ok);
    }
  }

  var resizing;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizing);
    resizing = window.setTimeout(function () { drawAll(document); }, 200);
  });
  document.addEventListener("DOMContentLoaded", function () {
    drawAll(document);
    var input = document.getElementById("filter");
    if (input) { input.addEventListener("input", filterRows); }
  });
  document.addEventListener("htmx:afterSettle", function (e) { drawAll(e.target); filterRows(); });
  document.addEventListener("htmx:sseMessage", function (e) { drawAll(e.target); filterRows(); });
  document.addEventListener("htmx:sseOpen", function () { liveState("live", true); });
  document.addEventListener("htmx:sseError", function () { liveState("reconnecting…", false); });
})();
