// Navigator filter: progressive enhancement only; without this file the «Показать» button submits.
// Nothing applies while the user moves through the fields (WCAG 3.2.2): choices take effect when
// the form is submitted. With JavaScript the results are then replaced in place, focus stays
// where it was and the new count is announced in a live region.
(function () {
  "use strict";

  var form = document.querySelector("[data-navigator-filter]");
  if (!form) {
    return;
  }
  var status = document.querySelector("[data-navigator-status]");

  function dropEmptyFields() {
    // Keeps shared links short: an empty field means «any».
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && !field.disabled && field.value === "" && field.type !== "submit") {
        field.disabled = true;
      }
    });
  }

  function enableFields() {
    Array.prototype.forEach.call(form.elements, function (field) {
      field.disabled = false;
    });
  }

  function replaceInPlace(fresh, selector) {
    var current = document.querySelector(selector);
    var replacement = fresh.querySelector(selector);
    if (current && replacement) {
      current.innerHTML = replacement.innerHTML;
    }
  }

  function refocus(id) {
    // The focused control was re-rendered with new counts: focus its fresh copy.
    var target = id && document.getElementById(id);
    if (target && document.activeElement !== target) {
      target.focus({ preventScroll: true });
    }
  }

  function show(url, html) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    var focusedId = document.activeElement && document.activeElement.id;
    replaceInPlace(fresh, "[data-navigator-filter]");
    replaceInPlace(fresh, "[data-navigator-results]");
    refocus(focusedId);
    var heading = fresh.getElementById("navigator-results-title");
    if (status && heading) {
      // Cleared first so that the same count is announced again.
      status.textContent = "";
      window.setTimeout(function () { status.textContent = heading.textContent; }, 50);
    }
    window.history.pushState({ navigatorFilter: true }, "", url);
    shownQuery = window.location.search;
  }

  form.addEventListener("submit", function (event) {
    if (!window.fetch || !window.DOMParser) {
      dropEmptyFields();
      return;
    }
    event.preventDefault();
    dropEmptyFields();
    var query = new URLSearchParams(new FormData(form)).toString();
    enableFields();
    var url = form.action + (query ? "?" + query : "");
    form.classList.add("navigator-filter--loading");
    form.setAttribute("aria-busy", "true");
    fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      })
      .then(function (html) { show(url, html); })
      .catch(function () { window.location.assign(url); })
      .then(function () {
        form.classList.remove("navigator-filter--loading");
        form.removeAttribute("aria-busy");
      });
  });

  // «Назад» after an in-place update: load the earlier filter for real. A jump to an anchor
  // (the skip link) also fires popstate but keeps the query, and must not reload.
  var shownQuery = window.location.search;
  window.addEventListener("popstate", function () {
    if (window.location.search !== shownQuery) {
      window.location.reload();
    }
  });

  // Coming back with the browser's «Назад» restores the page from memory: re-enable the fields.
  window.addEventListener("pageshow", function () {
    form.classList.remove("navigator-filter--loading");
    enableFields();
  });
})();
