import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

application = get_wsgi_application()

# Dictionaries and word vectors of search, loaded once here: with `preload_app` every worker
# shares them, and no first search of a worker waits for them.
from portal.search.language import warm_up  # noqa: E402 — after Django is set up

warm_up()
