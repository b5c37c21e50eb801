// Django refuses the editor's image uploads without its CSRF token; CKEditor 4 sends extra
// request headers from config.fileTools_requestHeaders, read at upload time.
(function () {
  "use strict";
  if (!window.CKEDITOR) {
    return;
  }
  window.CKEDITOR.on("instanceReady", function (event) {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (field) {
      event.editor.config.fileTools_requestHeaders = { "X-CSRFToken": field.value };
    }
  });
})();
