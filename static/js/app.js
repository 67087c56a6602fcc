/* Poortwachter: small progressive enhancements (the pages work without them). */
"use strict";

/* Stacked tables on phones (see app.css): give each cell its column's heading as data-label. */
function labelTableCells(root) {
  root.querySelectorAll("table.table").forEach(function (table) {
    var labels = [];
    table.querySelectorAll("thead tr:first-child > th").forEach(function (th) {
      for (var i = 0; i < (th.colSpan || 1); i++) labels.push(th.textContent.trim());
    });
    if (!labels.length) return;
    table.querySelectorAll("tbody > tr").forEach(function (row) {
      var column = 0;
      Array.prototype.forEach.call(row.children, function (cell) {
        var span = cell.colSpan || 1;
        if (span === 1 && labels[column] && !cell.hasAttribute("data-label")) {
          cell.setAttribute("data-label", labels[column]);
        }
        column += span;
      });
    });
  });
}
labelTableCells(document);
document.body.addEventListener("htmx:afterSettle", function (event) {
  labelTableCells(event.target);
});
