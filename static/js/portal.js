// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Filter panels (<details open data-filter-panel>) fold on phones, so that the results start
  // near the top of the page; the summary opens them. Without JavaScript they stay open.
  document.addEventListener("DOMContentLoaded", function () {
    if (!window.matchMedia("(max-width: 48rem)").matches) {
      return;
    }
    document.querySelectorAll("details[data-filter-panel]").forEach(function (panel) {
      if (!panel.querySelector(".errorlist")) {
        panel.open = false;
      }
    });
  });
})();
