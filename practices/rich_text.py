"""The safe Markdown subset of long practice fields: rendered by markdown-it, cleaned by nh3."""

import nh3
from markdown_it import MarkdownIt

MARKDOWN_HELP = "Можно: **жирный**, *курсив*, списки «- » и «1. », ссылки [текст](https://…)."
ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code"}

_markdown = MarkdownIt("zero").enable(["emphasis", "list", "link", "newline", "blockquote"])
_markdown.options["breaks"] = True


def render_markdown(text):
    """HTML safe to show: raw HTML in the text is escaped, links get rel=nofollow noopener."""
    html = _markdown.render(text or "")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener",
    )
