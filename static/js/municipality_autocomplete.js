/*
 * Municipality autocomplete: progressive enhancement of the MunicipalityAutocomplete widget.
 * Without this script the text field is resolved on the server; with it the field becomes an
 * ARIA 1.2 combobox (list autocomplete) fed by /municipalities/autocomplete/?q=.
 */
(function () {
  "use strict";

  var MIN_LENGTH = 2;
  var DELAY_MS = 200;

  function enhance(root) {
    if (root.dataset.enhanced) {
      return;
    }
    root.dataset.enhanced = "true";
    var input = root.querySelector("[role=combobox]");
    var listbox = root.querySelector("[role=listbox]");
    var status = root.querySelector("[data-municipality-status]");
    var timer = null;
    var request = null;
    var options = [];
    var active = -1;

    function idField() {
      var field = root.querySelector("[data-municipality-id]");
      if (field) {
        return field;
      }
      // The server listed candidates as radio buttons; a choice made here replaces them.
      var candidates = root.querySelector(".municipality-autocomplete__candidates");
      if (candidates) {
        candidates.remove();
      }
      field = document.createElement("input");
      field.type = "hidden";
      field.name = input.name + "_id";
      field.setAttribute("data-municipality-id", "");
      root.appendChild(field);
      return field;
    }

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

    function choose(index) {
      var option = options[index];
      input.value = option.dataset.text;
      idField().value = option.dataset.id;
      close();
      status.textContent = "Выбрано: " + option.dataset.text;
    }

    function render(results) {
      listbox.textContent = "";
      options = results.map(function (result, index) {
        var option = document.createElement("li");
        option.id = listbox.id + "_" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.id = result.id;
        option.dataset.text = result.text;
        option.textContent = result.text;
        var kind = document.createElement("span");
        kind.className = "municipality-autocomplete__kind";
        kind.textContent = result.kind;
        option.appendChild(kind);
        // mousedown keeps the focus in the input, so the list does not close before the click.
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(index);
        });
        listbox.appendChild(option);
        return option;
      });
      active = -1;
      listbox.hidden = options.length === 0;
      input.setAttribute("aria-expanded", options.length ? "true" : "false");
      status.textContent = options.length
        ? "Найдено вариантов: " + options.length + ". Выбирайте стрелками вверх и вниз, Enter — выбрать."
        : "Ничего не найдено.";
    }

    function search() {
      var query = input.value.trim();
      if (request) {
        request.abort();
      }
      if (query.length < MIN_LENGTH) {
        render([]);
        status.textContent = "";
        return;
      }
      request = new AbortController();
      fetch(root.dataset.url + "?q=" + encodeURIComponent(query), {
        signal: request.signal,
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (data) {
          render(data.results);
        })
        .catch(function (error) {
          if (error.name !== "AbortError") {
            status.textContent = "Подсказки недоступны — введите название полностью.";
          }
        });
    }

    input.addEventListener("input", function () {
      // Typing invalidates an earlier choice; the server then resolves the text itself.
      var field = root.querySelector("[data-municipality-id]");
      if (field) {
        field.value = "";
      }
      clearTimeout(timer);
      timer = setTimeout(search, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var open = !listbox.hidden && options.length > 0;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!open) {
          search();
          return;
        }
        highlight(active < options.length - 1 ? active + 1 : 0);
      } else if (event.key === "ArrowUp" && open) {
        event.preventDefault();
        highlight(active > 0 ? active - 1 : options.length - 1);
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        close();
      }
    });

    input.addEventListener("blur", close);
  }

  function init() {
    document.querySelectorAll("[data-municipality-autocomplete]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
