// Django's URLify (admin slug prefilling) drops Vietnamese letters that carry two marks, such as
// "ổ" and "ế": "tổ dân phố" became "t-dan-ph". Fold every mark away first, as the server's
// portal.text.vietnamese_slugify does, so the prefilled slug is the one the server would make.
(function () {
  "use strict";
  var urlify = window.URLify;
  if (!urlify) {
    return;
  }
  window.URLify = function (text, numChars, allowUnicode) {
    var folded = text
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "");
    return urlify(folded, numChars, allowUnicode);
  };
})();
