/* Draw the Analyse charts with Chart.js from the JSON the page carries (no inline script).
 * Readable without colour: the two trend lines differ by dash pattern and point shape, bar
 * charts have a single series, and every chart has its data table right beneath it. */
(function () {
  "use strict";
  var source = document.getElementById("analysis-charts");
  if (!source || typeof Chart === "undefined") { return; }
  var charts = JSON.parse(source.textContent);
  var ink = "#0b5394";
  var reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  Chart.defaults.animation = reduceMotion ? false : Chart.defaults.animation;
  Chart.defaults.font.size = 13;

  function canvas(key) { return document.getElementById("chart-" + key); }

  if (charts.trend && canvas("trend")) {
    var styles = [
      { borderDash: [], pointStyle: "circle" },
      { borderDash: [8, 5], pointStyle: "triangle" }
    ];
    new Chart(canvas("trend"), {
      type: "line",
      data: {
        labels: charts.trend.labels,
        datasets: charts.trend.series.map(function (s, i) {
          return {
            label: s.label, data: s.data, borderColor: i ? "#7a3b00" : ink,
            backgroundColor: i ? "#7a3b00" : ink, borderDash: styles[i].borderDash,
            pointStyle: styles[i].pointStyle, pointRadius: 5, spanGaps: false,
            yAxisID: i ? "y1" : "y"
          };
        })
      },
      options: {
        maintainAspectRatio: false,
        plugins: { legend: { labels: { usePointStyle: true } } },
        scales: {
          y: { beginAtZero: true, title: { display: true, text: charts.trend.series[0].label } },
          y1: {
            beginAtZero: true, position: "right", grid: { drawOnChartArea: false },
            title: { display: true, text: charts.trend.series[1].label }
          }
        }
      }
    });
  }

  ["classes", "departments", "bands"].forEach(function (key) {
    var data = charts[key];
    if (!data || !canvas(key)) { return; }
    new Chart(canvas(key), {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [{ label: data.series[0].label, data: data.series[0].data,
                     backgroundColor: ink, borderColor: ink }]
      },
      options: {
        indexAxis: "y", maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, title: { display: true, text: data.series[0].label } } }
      }
    });
  });
})();
