// Progressive enhancement of /legal/ask/: answers arrive without reloading the page.
// Without JavaScript the form is a plain GET form and the server renders the same answer.
(function () {
  "use strict";

  var form = document.querySelector("form.legal-ask");
  var target = document.getElementById("legal-ask-answer");
  if (!form || !target || !window.fetch) {
    return;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function citationItem(citation) {
    var item = element("li");
    var label = element("p", "legal-quote-label");
    label.appendChild(element("strong", "", citation.label || citation.document_title));
    item.appendChild(label);
    var quote = element("blockquote");
    quote.appendChild(element("p", "", citation.quote));
    item.appendChild(quote);
    var meta = element("p", "meta");
    var link = element("a", "", citation.citation);
    link.href = citation.url;
    meta.appendChild(link);
    item.appendChild(meta);
    return item;
  }

  function render(question, data) {
    var section = element("section", "card legal-answer");
    section.setAttribute("aria-labelledby", "answer-heading");
    var heading = element("h2", "", "Ответ");
    heading.id = "answer-heading";
    section.appendChild(heading);
    section.appendChild(element("p", "", data.answer));
    // Written as the server writes it (Russian decimal comma, «0,90»).
    section.appendChild(element("p", "meta", "Уверенность: " + data.confidence.toFixed(2).replace(".", ",")));
    if (data.citations.length) {
      var list = element("ol", "legal-quotes");
      data.citations.forEach(function (citation) {
        list.appendChild(citationItem(citation));
      });
      section.appendChild(list);
    }
    section.appendChild(element("p", "legal-disclaimer",
      "Это не юридическая консультация: бот подбирает цитаты из базы и может ошибиться. " +
      "Проверьте норму по ссылке и её редакцию."));
    if (data.escalate) {
      var warning = data.route === "none"
        ? "Бот отвечает только цитатами из базы, а подходящего акта в ней нет — задайте вопрос юристу."
        : "Вопрос похож на спорный или бот не уверен в ответе — лучше спросить юриста.";
      section.appendChild(element("p", "message message--warning", warning));
    }
    var lawyer = element("a", data.escalate ? "button" : "button button--secondary",
      "Спросить юриста");
    lawyer.href = form.dataset.lawyer + "?q=" + encodeURIComponent(question);
    section.appendChild(element("p")).appendChild(lawyer);
    var share = element("a", "legal-answer-link", "Постоянная ссылка на этот ответ");
    share.href = form.action + "?q=" + encodeURIComponent(question);
    var shareLine = section.appendChild(element("p", "meta"));
    shareLine.appendChild(share);
    shareLine.appendChild(document.createTextNode(" — её можно отправить коллеге."));
    target.replaceChildren(section);
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  }

  form.addEventListener("submit", function (event) {
    var field = form.elements.q;
    var question = field.value.trim();
    if (!question) {
      return; // let the server explain what is missing
    }
    event.preventDefault();
    target.replaceChildren(element("p", "meta", "Ищем ответ…"));
    fetch(form.dataset.api + "?q=" + encodeURIComponent(question), {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("bad status");
        }
        return response.json();
      })
      .then(function (data) {
        render(question, data);
        history.replaceState(null, "", "?q=" + encodeURIComponent(question));
      })
      .catch(function () {
        form.submit(); // fall back to the plain form
      });
  });
})();
