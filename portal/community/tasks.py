from celery import shared_task

from portal.community import digests


@shared_task
def send_daily_digests():
    return digests.send_digests(digests.Frequency.DAILY)


@shared_task
def send_weekly_digests():
    return digests.send_digests(digests.Frequency.WEEKLY)


@shared_task
def announce_to_followers(content_type_ids_and_pks, kind, text, link, actor_id=None):
    """Tell everybody following any of the given items/topics, once per person."""
    from portal.community.followers import tell_followers

    return tell_followers(content_type_ids_and_pks, kind, text, link, actor_id)
