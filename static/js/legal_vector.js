// «Правовой вектор»: copy a unit's citation and link, print. Progressive enhancement only.
(function () {
  "use strict";

  function copyText(text, button) {
    var done = function () {
      var label = button.textContent;
      button.textContent = "Скопировано";
      window.setTimeout(function () { button.textContent = label; }, 2000);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { copyByCommand(text, done); });
      return;
    }
    copyByCommand(text, done);
  }

  function copyByCommand(text, done) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.className = "visually-hidden";
    document.body.appendChild(field);
    field.select();
    document.execCommand("copy");
    document.body.removeChild(field);
    done();
  }

  // The citation is the unit's label followed by the act in the genitive, as
  // StructuralUnit.citation() builds it on the server: «ч. 1 ст. 14 Федерального закона …».
  // The link is the unit's permalink (…/u/<key>/), which finds the part of a large document.
  function addCopyButtons(article) {
    var base = article.getAttribute("data-unit-url-base");
    var query = article.getAttribute("data-unit-url-query");
    var citedAs = article.getAttribute("data-cited-as");
    article.querySelectorAll(".legal-unit[data-label]").forEach(function (unit) {
      var menu = unit.querySelector(".legal-unit__menu");
      if (!menu) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "link-button legal-unit__copy no-print";
      button.textContent = "Скопировать цитату";
      button.addEventListener("click", function () {
        var link = base + unit.id + "/" + query;
        copyText(unit.getAttribute("data-label") + " " + citedAs + " (" + link + ")", button);
      });
      menu.insertAdjacentElement("afterend", button);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var article = document.querySelector(".legal-document");
    if (article) { addCopyButtons(article); }
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
    document.querySelectorAll(".legal-copy-field").forEach(function (field) {
      field.addEventListener("focus", function () { field.select(); });
    });
  });
})();
