// Every page: the text-size and contrast buttons, and the main menu's toggle on a phone.
(function () {
  var root = document.documentElement;
  var MIN_STEP = -1;
  var MAX_STEP = 3;

  function remember(key, value) {
    try {
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, value);
    } catch (error) {
      // Not kept: the choice lasts for this page only.
    }
  }

  function currentStep() {
    return parseInt(root.getAttribute("data-text-step") || "0", 10);
  }

  function setStep(step) {
    step = Math.max(MIN_STEP, Math.min(MAX_STEP, step));
    if (step === 0) root.removeAttribute("data-text-step");
    else root.setAttribute("data-text-step", String(step));
    remember("portal-text-step", step === 0 ? null : String(step));
  }

  document.querySelectorAll("[data-text-size]").forEach(function (button) {
    button.addEventListener("click", function () {
      var action = button.getAttribute("data-text-size");
      if (action === "larger") setStep(currentStep() + 1);
      else if (action === "smaller") setStep(currentStep() - 1);
      else setStep(0);
    });
  });

  document.querySelectorAll("[data-contrast]").forEach(function (button) {
    button.setAttribute("aria-pressed", String(root.classList.contains("high-contrast")));
    button.addEventListener("click", function () {
      var high = root.classList.toggle("high-contrast");
      button.setAttribute("aria-pressed", String(high));
      remember("portal-contrast", high ? "high" : null);
    });
  });

  var toggle = document.querySelector(".menu-toggle");
  var list = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
  if (toggle && list) {
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      list.classList.toggle("is-open", open);
    });
  }

  // One sub-menu open at a time; Escape closes it and gives focus back to its title.
  var groups = document.querySelectorAll(".menu-group details");
  groups.forEach(function (details) {
    details.addEventListener("toggle", function () {
      if (!details.open) return;
      groups.forEach(function (other) {
        if (other !== details) other.open = false;
      });
    });
    details.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && details.open) {
        details.open = false;
        details.querySelector("summary").focus();
      }
    });
  });
})();
