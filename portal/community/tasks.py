from portal.celery import app
from portal.community import digests
from portal.community.audience import tell_followers

# Bound to the portal's app rather than shared: a shared task's proxy is resolved through the
# thread's current app, which a browser test's live-server thread does not share.


@app.task
def send_daily_digests():
    return digests.send_digests(digests.Frequency.DAILY)


@app.task
def send_weekly_digests():
    return digests.send_digests(digests.Frequency.WEEKLY)


@app.task
def announce_to_followers(content_type_ids_and_pks, kind, text, link, actor_id=None):
    """Tell everybody following any of the given items/topics, once per person."""
    return tell_followers(content_type_ids_and_pks, kind, text, link, actor_id)
