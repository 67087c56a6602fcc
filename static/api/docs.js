// Start the vendored Swagger UI on the API schema (no inline script: the CSP forbids it).
(function () {
  var node = document.getElementById("swagger-ui");
  if (!node || !window.SwaggerUIBundle) return;
  window.SwaggerUIBundle({
    url: node.dataset.schemaUrl,
    domNode: node,
    deepLinking: true,
    tryItOutEnabled: false,
  });
})();
