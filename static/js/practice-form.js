// «Похожие практики» while the author types the title, so a duplicate is noticed early. The
// server renders the list (escaped); the form never waits for it and works without it.
(function () {
  var box = document.getElementById("similar-practices");
  var title = document.querySelector("[data-similar-source=title]");
  if (!box || !title) return;
  var timer = null;
  function ask() {
    var params = new URLSearchParams({ title: title.value });
    fetch(box.dataset.similarUrl + "?" + params.toString(), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) { box.innerHTML = html; })
      .catch(function () {});
  }
  title.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 600);
  });
})();
