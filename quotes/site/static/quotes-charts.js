/* Draws the site's charts: every <figure class="q-chart" data-chart-url="..."> gets the
   Vega-Lite spec at that address (same origin), drawn as SVG by the shipped Vega files.
   No eval: Vega's expressions go through vega-interpreter (CSP without 'unsafe-eval').
   When drawn, the figure gets data-drawn="1" (or "error" / "empty" with a message). */
(function () {
  "use strict";

  function say(figure, body, message, state) {
    body.textContent = message;
    body.className += " q-chart-message";
    figure.setAttribute("data-drawn", state);
  }

  function draw(figure) {
    var body = figure.querySelector(".q-chart-body") || figure;
    var url = figure.getAttribute("data-chart-url");
    if (!url || url.charAt(0) !== "/") { return; }
    if (typeof vegaEmbed === "undefined" || typeof vega === "undefined") {
      say(figure, body, "The chart library did not load.", "error");
      return;
    }
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (spec) {
        if (spec.error) { say(figure, body, spec.error, "error"); return null; }
        if (spec.empty) { say(figure, body, spec.empty, "empty"); return null; }
        return vegaEmbed(body, spec, {
          renderer: "svg",
          actions: false,
          defaultStyle: false,
          tooltip: { disableDefaultStyle: true },  /* its style sheet is in quotes.css */
          ast: true,
          expr: vega.expressionInterpreter
        }).then(function () { figure.setAttribute("data-drawn", "1"); });
      })
      .catch(function (error) { say(figure, body, "The chart could not be drawn (" + error + ").", "error"); });
  }

  function drawAll() {
    var figures = document.querySelectorAll("figure.q-chart[data-chart-url]");
    for (var i = 0; i < figures.length; i++) { draw(figures[i]); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
