// «Похожие проблемы» while the author types: asks the server after a pause, never blocks
// the form. Without JavaScript the moderator still sees similar problems on the problem page.
(function () {
  var form = document.getElementById("dialog-problem-form");
  if (!form) return;
  var target = document.getElementById("dialog-similar");
  var timer = null;
  function ask() {
    var params = new URLSearchParams({
      title: form.elements.title.value,
      description: form.elements.description.value.slice(0, 500),
      direction: form.elements.direction.value,
      exclude: form.dataset.exclude || ""
    });
    fetch(form.dataset.similarUrl + "?" + params.toString(), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) { target.innerHTML = html; })
      .catch(function () {});
  }
  ["title", "description"].forEach(function (name) {
    form.elements[name].addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 600);
    });
  });
})();
