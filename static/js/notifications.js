// Progressive enhancement for the notifications list: mark as read without reloading the page.
// Without this file the same forms submit normally and the server redirects back.
(function () {
  "use strict";

  function updateBadge(unread) {
    var link = document.querySelector(".account-menu__notifications");
    if (!link) return;
    var badge = link.querySelector(".badge");
    if (unread > 0 && badge) {
      badge.textContent = String(unread);
      badge.setAttribute("aria-label", "непрочитанных: " + unread);
    } else if (badge) {
      badge.remove();
    }
  }

  function markItemRead(item) {
    item.classList.remove("is-unread");
    var state = item.querySelector(".notification__state");
    if (state) state.textContent = "прочитано";
    var form = item.querySelector("form[data-mark-read]");
    if (form) form.remove();
  }

  function submitQuietly(form, onDone) {
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (data) {
        onDone();
        updateBadge(data.unread);
      })
      .catch(function () {
        form.submit();
      });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.matches("form[data-mark-read]")) {
      event.preventDefault();
      submitQuietly(form, function () {
        markItemRead(form.closest(".notification"));
      });
    } else if (form.matches("form[data-mark-all-read]")) {
      event.preventDefault();
      submitQuietly(form, function () {
        document.querySelectorAll(".notification.is-unread").forEach(markItemRead);
        form.remove();
      });
    }
  });
})();
