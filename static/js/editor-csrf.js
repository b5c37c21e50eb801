// Django refuses the editor's image uploads without its CSRF token; CKEditor 4 sends extra
// request headers from config.fileTools_requestHeaders, read at upload time.
(function () {
  "use strict";
  function sendTokenWithUploads() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (window.CKEDITOR && field) {
      // Every editor's config inherits from CKEDITOR.config, even an editor already created.
      window.CKEDITOR.config.fileTools_requestHeaders = { "X-CSRFToken": field.value };
    }
  }
  // The admin loads this file before ckeditor.js (media order), so wait for the whole page.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", sendTokenWithUploads);
  } else {
    sendTokenWithUploads();
  }
})();
