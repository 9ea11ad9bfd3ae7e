"""Control characters never reach a view.

A NUL byte in a query parameter used to end in a 500 (PostgreSQL refuses NUL in text), and so
could any other view reading a parameter. Here, for every view at once: control characters are
dropped from query parameters and from posted form fields (tab and line breaks kept in forms,
where text areas need them); a path containing one is refused with 400, since no address of
the portal has one.
"""

import re

from django.core.exceptions import BadRequest
from django.http import QueryDict

# C0 controls and DEL. Tab, line feed and carriage return are ordinary text in a form field.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_BUT_LINE_BREAKS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ControlCharacterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _CONTROL.search(request.path):
            raise BadRequest("Адрес содержит управляющие символы.")
        request.GET = _without(request.GET, _CONTROL)
        # Urlencoded and multipart alike (a form check may query the database before its own
        # validation refuses NUL). The CSRF check reads the body before the view anyway, and no
        # view here chooses its own upload handlers.
        if request.method == "POST":
            request.POST = _without(request.POST, _CONTROL_BUT_LINE_BREAKS)
        return self.get_response(request)


def _without(params: QueryDict, pattern) -> QueryDict:
    """`params` itself when clean (the usual case), else a copy with the characters removed."""
    if not any(pattern.search(key + "".join(values)) for key, values in params.lists()):
        return params
    cleaned = QueryDict(mutable=True, encoding=params.encoding)
    for key, values in params.lists():
        cleaned.setlist(pattern.sub("", key), [pattern.sub("", value) for value in values])
    cleaned._mutable = False
    return cleaned
