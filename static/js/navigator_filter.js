// Navigator filter: progressive enhancement only; without this file the «Показать» button submits.
(function () {
  "use strict";

  var form = document.querySelector("[data-navigator-filter]");
  if (!form) {
    return;
  }

  // Facets and sort apply as soon as they change; typed fields (text, numbers, dates) wait for
  // Enter or the button so that the page does not reload on every keystroke.
  // Multiple selects wait too: choosing several options takes more than one change.
  var AUTO_SUBMIT_TYPES = ["checkbox", "radio", "select-one"];

  function dropEmptyFields() {
    // Keeps shared links short: an empty field means «any».
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && !field.disabled && field.value === "" && field.type !== "submit") {
        field.disabled = true;
      }
    });
  }

  form.addEventListener("change", function (event) {
    if (AUTO_SUBMIT_TYPES.indexOf(event.target.type) === -1) {
      return;
    }
    form.classList.add("navigator-filter--loading");
    dropEmptyFields();
    form.submit();
  });

  form.addEventListener("submit", dropEmptyFields);

  // Coming back with the browser's «Назад» restores the page from memory: re-enable the fields.
  window.addEventListener("pageshow", function () {
    form.classList.remove("navigator-filter--loading");
    Array.prototype.forEach.call(form.elements, function (field) {
      field.disabled = false;
    });
  });

  // The sort selector lives outside the form (above the results) and points at it by id.
  var sort = document.querySelector("[data-navigator-sort]");
  if (sort) {
    sort.addEventListener("change", function () {
      dropEmptyFields();
      form.submit();
    });
    var sortButton = document.querySelector("[data-navigator-sort-button]");
    if (sortButton) {
      sortButton.classList.add("visually-hidden");
    }
  }
})();
