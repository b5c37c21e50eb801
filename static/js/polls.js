// Polls (templates/polls/). The sidebar block is on every cached page, so it carries no CSRF
// token and nothing of the reader: this script asks the poll's state view for a token when the
// reader votes, and for their state on load only when the polls_voted marker says they voted.
// Without JavaScript the block's form opens the ballot page, which posts and comes back.
(function () {
  "use strict";
  if (window.townPolls) {
    return;
  }
  window.townPolls = true;

  function votedPolls() {
    var match = document.cookie.match(/(?:^|;\s*)polls_voted=([0-9.]*)/);
    return match ? match[1].split(".") : [];
  }

  function state(block) {
    return fetch(block.dataset.stateUrl, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) {
        throw new Error("state");
      }
      return response.json();
    });
  }

  function setStatus(block, text) {
    var status = block.querySelector("[data-poll-status]");
    if (status) {
      status.textContent = text;
    }
  }

  function showResults(block, html) {
    var results = block.querySelector("[data-poll-results]");
    if (!results || !html) {
      return;
    }
    results.innerHTML = html;
    results.hidden = false;
    var note = block.querySelector("[data-poll-hidden-note]");
    if (note) {
      note.hidden = true;
    }
  }

  function showVoted(block, data) {
    var form = block.querySelector("[data-poll-form]");
    if (form) {
      form.hidden = true;
    }
    showResults(block, data.results_html);
  }

  function vote(block, form) {
    var chosen = form.querySelectorAll("input[name=lua_chon]:checked");
    if (!chosen.length) {
      setStatus(block, "Vui lòng chọn một phương án.");
      return;
    }
    var body = new FormData();
    chosen.forEach(function (input) { body.append("lua_chon", input.value); });
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    setStatus(block, "Đang gửi bình chọn…");
    state(block).then(function (data) {
      return fetch(form.dataset.voteUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": data.token, "Accept": "application/json" },
        body: body
      });
    }).then(function (response) {
      return response.json().then(function (data) {
        return { ok: response.ok, status: response.status, data: data };
      });
    }).then(function (result) {
      button.disabled = false;
      setStatus(block, result.data.message || "Không gửi được, vui lòng thử lại sau ít phút.");
      if (result.ok) {
        showVoted(block, result.data);
      } else if (result.status === 409) {
        state(block).then(function (data) { showVoted(block, data); });
      }
    }).catch(function () {
      button.disabled = false;
      setStatus(block, "Không kết nối được với máy chủ, vui lòng thử lại.");
    });
  }

  var voted = votedPolls();
  document.querySelectorAll("[data-poll]").forEach(function (block) {
    var form = block.querySelector("[data-poll-form]");
    if (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        vote(block, form);
      });
    }
    if (voted.indexOf(block.dataset.poll) >= 0) {
      state(block).then(function (data) {
        if (data.voted) {
          if (form) {
            setStatus(block, "Bạn đã bình chọn trong cuộc thăm dò này.");
          }
          showVoted(block, data);
        }
      }).catch(function () {});
    }
  });
})();
