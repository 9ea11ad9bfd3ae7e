/*
 * Suggestions under the header search box: progressive enhancement of the search form.
 * Without this script the form submits to /search/; with it, after three typed characters the
 * box becomes an ARIA 1.2 combobox whose listbox shows titles from /search/suggest/?q=
 * (documents, measures, practices, courses, problems). Arrows move, Enter opens the chosen
 * title (or submits the form when none is chosen), Escape closes the list.
 */
(function () {
  "use strict";

  var MIN_LENGTH = 3;
  var DELAY_MS = 250;
  var SECTIONS = {
    legal: "Правовой вектор",
    navigator: "Навигатор",
    practices: "Практики",
    academy: "Академия",
    dialog: "Диалог",
  };

  function enhance(form) {
    var input = form.querySelector("input[type=search]");
    if (!input || form.dataset.enhanced) {
      return;
    }
    form.dataset.enhanced = "true";
    form.classList.add("site-search--suggest");
    var listbox = document.createElement("ul");
    listbox.id = input.id + "-suggestions";
    listbox.className = "site-suggest";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", "Подсказки поиска");
    listbox.hidden = true;
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    form.appendChild(listbox);
    form.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);
    input.setAttribute("autocomplete", "off");

    var timer = null;
    var request = null;
    var options = [];
    var active = -1;

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      options.forEach(function (option, position) {
        option.setAttribute("aria-selected", position === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open(index) {
      window.location.assign(options[index].dataset.url);
    }

    function option(text, detail, url) {
      var item = document.createElement("li");
      item.id = listbox.id + "-" + options.length;
      item.className = "site-suggest__option";
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.dataset.url = url;
      var title = document.createElement("span");
      title.className = "site-suggest__title";
      title.textContent = text;
      item.appendChild(title);
      if (detail) {
        var kind = document.createElement("span");
        kind.className = "site-suggest__kind";
        kind.textContent = detail;
        item.appendChild(kind);
      }
      var index = options.length;
      // mousedown keeps the focus in the box, so the list does not close before the click.
      item.addEventListener("mousedown", function (event) {
        event.preventDefault();
        open(index);
      });
      listbox.appendChild(item);
      options.push(item);
    }

    function render(data) {
      listbox.textContent = "";
      options = [];
      (data.suggestions || []).forEach(function (found) {
        var section = SECTIONS[found.section] || "";
        option(found.title, [section, found.kind].filter(Boolean).join(" · "), found.url);
      });
      if (options.length) {
        option("Все результаты по запросу «" + data.query + "»", "", data.search_url);
      }
      active = -1;
      listbox.hidden = options.length === 0;
      input.setAttribute("aria-expanded", options.length ? "true" : "false");
      status.textContent = options.length
        ? "Подсказок: " + (options.length - 1) + ". Выбирайте стрелками вверх и вниз, Enter — открыть."
        : "";
    }

    function suggest() {
      var query = input.value.trim();
      if (request) {
        request.abort();
      }
      if (query.length < MIN_LENGTH) {
        render({ suggestions: [] });
        return;
      }
      request = new AbortController();
      fetch(form.dataset.siteSuggest + "?q=" + encodeURIComponent(query), {
        signal: request.signal,
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        })
        .then(function (data) {
          if (input.value.trim() === query) {
            render(data);
          }
        })
        .catch(function (error) {
          if (error.name !== "AbortError") {
            close();
          }
        });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(suggest, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var shown = !listbox.hidden && options.length > 0;
      if (event.key === "ArrowDown" && shown) {
        event.preventDefault();
        highlight(active < options.length - 1 ? active + 1 : 0);
      } else if (event.key === "ArrowUp" && shown) {
        event.preventDefault();
        highlight(active > 0 ? active - 1 : options.length - 1);
      } else if (event.key === "Enter" && shown && active >= 0) {
        event.preventDefault();
        open(active);
      } else if (event.key === "Escape" && shown) {
        event.preventDefault();
        close();
      }
    });

    input.addEventListener("blur", close);
  }

  function init() {
    document.querySelectorAll("form[data-site-suggest]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
