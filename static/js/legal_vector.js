// «Правовой вектор»: cite a unit (one tool for the whole act), print. Progressive enhancement only.
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

  // One citation tool for the whole act instead of a control per unit (the 131-ФЗ page had 332
  // Tab stops): it acts on the unit holding the text selection or the focus, else the unit
  // chosen by the address (#st14) or clicked last, else the first unit in view.
  // The citation is the unit's label followed by the act in the genitive, as
  // StructuralUnit.citation() builds it on the server: «ч. 1 ст. 14 Федерального закона …».
  // The link is the unit's permalink (…/u/<key>/), which finds the part of a large document.
  function addCitationTool(article) {
    var text = article.querySelector(".legal-text");
    var units = article.querySelectorAll(".legal-unit[data-label]");
    if (!text || !units.length) { return; }
    var base = article.getAttribute("data-unit-url-base");
    var query = article.getAttribute("data-unit-url-query");
    var citedAs = article.getAttribute("data-cited-as");
    var clicked = null;

    // The per-unit links stay for readers without JavaScript and for the mouse, off the Tab order.
    units.forEach(function (unit) {
      var link = unit.querySelector(".legal-unit__menu");
      if (link) { link.setAttribute("tabindex", "-1"); }
    });

    function unitOf(node) {
      var element = node && (node.nodeType === 1 ? node : node.parentElement);
      return element ? element.closest(".legal-unit[data-label]") : null;
    }

    function firstInView() {
      for (var i = 0; i < units.length; i++) {
        if (units[i].getBoundingClientRect().bottom > 0) { return units[i]; }
      }
      return units[0];
    }

    function currentUnit() {
      var selection = window.getSelection && window.getSelection();
      var hash = window.location.hash.slice(1);
      return (selection && !selection.isCollapsed && unitOf(selection.anchorNode)) ||
        unitOf(document.activeElement) ||
        (hash && unitOf(document.getElementById(decodeURIComponent(hash)))) ||
        clicked || firstInView();
    }

    var tool = document.createElement("div");
    tool.className = "legal-citation-tool no-print";
    tool.setAttribute("role", "group");
    tool.setAttribute("aria-label", "Цитирование");
    var copy = document.createElement("button");
    copy.type = "button";
    copy.className = "button--secondary button--small";
    copy.textContent = "Скопировать цитату";
    var open = document.createElement("button");
    open.type = "button";
    open.className = "button--secondary button--small";
    open.textContent = "Ссылка и цитата";
    var status = document.createElement("span");
    status.className = "legal-citation-tool__status";
    status.setAttribute("role", "status");
    var hint = document.createElement("span");
    hint.className = "meta";
    hint.textContent = "Для выделенного или выбранного фрагмента";
    tool.append(copy, open, hint, status);
    text.insertBefore(tool, text.firstChild);

    // A click in the text chooses its unit; buttons take focus, so the choice is kept here.
    text.addEventListener("mousedown", function (event) {
      if (!tool.contains(event.target)) { clicked = unitOf(event.target) || clicked; }
    });
    // Following a link to another unit (#st36/ch2) makes the address the choice: a text
    // selection left in another unit from before would otherwise keep winning.
    window.addEventListener("hashchange", function () {
      var selection = window.getSelection && window.getSelection();
      var hash = window.location.hash.slice(1);
      var addressed = hash && unitOf(document.getElementById(decodeURIComponent(hash)));
      if (addressed && selection && !selection.isCollapsed &&
          unitOf(selection.anchorNode) !== addressed) {
        selection.removeAllRanges();
      }
    });
    var chosen = null;
    tool.addEventListener("mousedown", function () { chosen = currentUnit(); });
    function target() {
      var unit = chosen || currentUnit();
      chosen = null;
      return unit;
    }

    copy.addEventListener("click", function () {
      var unit = target();
      var link = base + unit.id + "/" + query;
      copyText(unit.getAttribute("data-label") + " " + citedAs + " (" + link + ")", copy);
      status.textContent = "Скопировано: " + unit.getAttribute("data-label");
    });
    open.addEventListener("click", function () {
      var unit = target();
      var menu = unit.querySelector(".legal-unit__menu");
      if (menu) { window.location.assign(menu.href); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var article = document.querySelector(".legal-document");
    if (article) { addCitationTool(article); }
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
    document.querySelectorAll(".legal-copy-field").forEach(function (field) {
      field.addEventListener("focus", function () { field.select(); });
    });
  });
})();
