// Readers' feedback under an article (templates/ratings/). The article page is cached for every
// reader, so it carries no CSRF token and no captcha: this script fetches a token when the reader
// votes or comments, a captcha when they start to comment, and posts both forms without a reload.
// Without JavaScript the same forms lead to the uncached feedback page.
(function () {
  "use strict";

  var csrfToken = null;

  function getToken(section) {
    if (csrfToken) {
      return Promise.resolve(csrfToken);
    }
    return fetch(section.dataset.csrfUrl, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        csrfToken = data.token;
        return csrfToken;
      });
  }

  function post(section, url, body) {
    return getToken(section).then(function (token) {
      return fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": token, "Accept": "application/json" },
        body: body
      });
    }).then(function (response) {
      var isJson = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
      if (!isJson) {
        // A stale token (403) or a server error: the next attempt starts afresh.
        csrfToken = null;
        return { ok: false, data: { message: "Không gửi được, vui lòng thử lại sau ít phút." } };
      }
      return response.json().then(function (data) {
        return { ok: response.ok, data: data };
      });
    }).catch(function () {
      return { ok: false, data: { message: "Không kết nối được với máy chủ, vui lòng thử lại." } };
    });
  }

  function fromHtml(html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  function loadCaptcha(form) {
    var box = form.querySelector("[data-captcha]");
    if (!box) {
      return Promise.resolve();
    }
    if (box.loading) {
      return box.loading;
    }
    box.loading = fetch(box.dataset.refreshUrl, {
      credentials: "same-origin",
      headers: { "X-Requested-With": "XMLHttpRequest" }
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) {
          // Too many captchas asked for from this address (429): the server says how long to wait.
          throw new Error(data.message);
        }
        return data;
      });
    }).then(function (data) {
      form.querySelector("input[name=captcha_0]").value = data.key;
      form.querySelector("input[name=captcha_1]").value = "";
      var image = box.querySelector("img");
      image.src = data.image_url;
      image.alt = "Ảnh mã xác thực: gõ các chữ số trong ảnh vào ô bên cạnh";
      var audio = box.querySelector("[data-captcha-audio]");
      var waiting = box.querySelector("template[data-captcha-audio-template]");
      if (!audio && waiting) {
        audio = waiting.content.firstElementChild.cloneNode(true);
        waiting.replaceWith(audio);
      }
      if (audio) {
        audio.href = data.audio_url;
      }
    }).catch(function (error) {
      setStatus(form.closest("[data-feedback]").querySelector("[data-comment-status]"),
        (error && error.message) || "Không tải được mã xác thực, vui lòng bấm “Đổi mã khác”.");
    }).then(function () {
      box.loading = null;
    });
    return box.loading;
  }

  function setStatus(element, text) {
    if (element) {
      element.textContent = text;
    }
  }

  function vote(section, form) {
    var status = form.querySelector("[data-vote-status]");
    var chosen = form.querySelector("input[name=stars]:checked");
    if (!chosen) {
      setStatus(status, "Vui lòng chọn số sao (từ 1 đến 5).");
      return;
    }
    var body = new FormData();
    body.append("stars", chosen.value);
    setStatus(status, "Đang gửi đánh giá…");
    post(section, form.dataset.voteUrl, body).then(function (result) {
      if (result.ok && result.data.figures_html) {
        section.querySelector("[data-rating-figures]").replaceWith(fromHtml(result.data.figures_html));
      }
      setStatus(status, result.data.message);
    });
  }

  function comment(section, form) {
    var status = section.querySelector("[data-comment-status]");
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    setStatus(status, "Đang gửi bình luận…");
    post(section, form.action, new FormData(form)).then(function (result) {
      button.disabled = false;
      setStatus(status, result.data.message);
      if (!result.data.form_html) {
        // Not sent (no connection, a stale token): the form keeps everything for another try.
        return;
      }
      // The server's form takes the sent one's place: after errors it keeps what the reader
      // typed with a new captcha; after success it is blank, with a new captcha and no error.
      var fresh = fromHtml(result.data.form_html);
      fresh.hidden = false;
      form.replaceWith(fresh);
      enableRefresh(fresh);
      if (!result.ok) {
        // The first field the reader must fix (never the captcha's hidden key), else the first.
        var invalid = firstVisible(fresh, "[aria-invalid=true]") || firstVisible(fresh, "input, textarea");
        if (invalid) {
          invalid.focus();
        }
        return;
      }
      if (result.data.comment_html) {
        var list = section.querySelector("[data-comment-list]");
        list.appendChild(fromHtml(result.data.comment_html));
        list.hidden = false;
        var empty = section.querySelector("[data-no-comments]");
        if (empty) {
          empty.hidden = true;
        }
      }
    });
  }

  function firstVisible(root, selector) {
    return Array.prototype.find.call(root.querySelectorAll(selector), function (element) {
      return element.type !== "hidden" && element.tabIndex >= 0 && element.getClientRects().length > 0;
    }) || null;
  }

  function enableRefresh(root) {
    root.querySelectorAll("[data-captcha-refresh]").forEach(function (button) {
      button.hidden = false;
    });
  }

  function enhance(section) {
    enableRefresh(section);
    section.addEventListener("click", function (event) {
      var refresh = event.target.closest("[data-captcha-refresh]");
      if (refresh) {
        loadCaptcha(refresh.closest("form"));
      }
    });
    if (!section.dataset.csrfUrl) {
      // The uncached feedback page: its forms already carry a token and a captcha.
      return;
    }
    section.querySelectorAll("[data-nojs]").forEach(function (element) {
      element.hidden = true;
    });
    section.querySelectorAll("[data-comment-form]").forEach(function (form) {
      form.hidden = false;
    });
    section.addEventListener("focusin", function (event) {
      var form = event.target.closest("[data-comment-form]");
      if (form && !form.querySelector("input[name=captcha_0]").value) {
        loadCaptcha(form);
      }
    });
    section.addEventListener("submit", function (event) {
      var form = event.target;
      if (form.matches(".vote-form")) {
        event.preventDefault();
        vote(section, form);
      } else if (form.matches("[data-comment-form]")) {
        event.preventDefault();
        comment(section, form);
      }
    });
  }

  document.querySelectorAll("[data-feedback]").forEach(enhance);
})();
