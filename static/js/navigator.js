// Progressive enhancement of the navigator's core pages; everything works without it.
(function () {
  "use strict";

  // «Подобрано для вас»: choosing a region reloads the form with its municipalities.
  document.querySelectorAll("form[data-navigator-municipality]").forEach(function (form) {
    var region = form.querySelector("select[name=region]");
    var municipality = form.querySelector("select[name=municipality]");
    if (!region) { return; }
    region.addEventListener("change", function () {
      if (municipality) { municipality.value = ""; }
      form.submit();
    });
  });

  // «Календарь сроков»: a button that copies the personal feed link.
  document.querySelectorAll("input[data-navigator-copy]").forEach(function (input) {
    if (!navigator.clipboard) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button--secondary button--small";
    button.textContent = "Скопировать ссылку";
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(function () {
        button.textContent = "Ссылка скопирована";
      });
    });
    input.insertAdjacentElement("afterend", button);
  });

  // The print version offers to print at once.
  if (document.body.classList.contains("navigator-print")) {
    var print = document.createElement("button");
    print.type = "button";
    print.className = "navigator-print__button";
    print.textContent = "Напечатать";
    print.addEventListener("click", function () { window.print(); });
    document.body.insertBefore(print, document.body.firstChild);
  }
})();
