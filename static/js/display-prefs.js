// The reader's text size and high contrast, set on <html> before the page is painted.
// Kept in localStorage, never in a cookie: nothing is sent to the server, so no cookie banner
// and cached pages stay the same for everyone. site.js wires the buttons.
(function () {
  var root = document.documentElement;
  root.classList.add("js");
  try {
    var step = parseInt(localStorage.getItem("portal-text-step") || "0", 10);
    if (step >= -1 && step <= 3 && step !== 0) root.setAttribute("data-text-step", String(step));
    if (localStorage.getItem("portal-contrast") === "high") root.classList.add("high-contrast");
  } catch (error) {
    // Storage refused (private mode, settings): the page keeps its defaults.
  }
})();
