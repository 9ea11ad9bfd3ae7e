// Progressive enhancement of the navigator's core pages; everything works without it.
(function () {
  "use strict";

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
