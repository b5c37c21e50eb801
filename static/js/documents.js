// Document page: the "In văn bản" button prints the page with its print layout (documents.css).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
