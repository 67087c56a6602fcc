// Typing in a form is activity too: tell the server at most every 5 minutes while the user
// types, so the idle timeout (accounts/session_timeout.py) never ends a session mid-form.
(function () {
  "use strict";
  var script = document.currentScript;
  var interval = 5 * 60 * 1000;
  var last = Date.now(); // loading this page was activity
  document.addEventListener("input", function () {
    if (Date.now() - last < interval) {
      return;
    }
    last = Date.now();
    fetch(script.dataset.url, {
      method: "POST",
      headers: { "X-CSRFToken": script.dataset.csrf },
      credentials: "same-origin",
    });
  });
})();
