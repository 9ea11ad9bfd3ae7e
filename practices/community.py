"""Practices in the community engine: comments, «полезно», follows, reports, moderation."""

from portal.community import registry as community
from portal.community.followers import announce_new, announce_update
from portal.community.notifying import register_community_kind, tell
from portal.registry import CabinetSection, register_cabinet_section
from practices.models import Practice, PracticeStatus

register_community_kind("practices.adoption", "«Внедрили у себя» по моим практикам")


def on_review(practice, approved, reason):
    """A moderator decided a submitted practice or an edit of a published one."""
    if practice.live:
        # An edit: the published version stayed while the new one waited in a revision.
        if approved and practice.latest_revision is not None:
            practice.latest_revision.publish()
            announce_update(practice, f"Практика «{practice.title[:80]}» обновлена.")
        return
    if approved:
        practice.live = True
        practice.save()
        announce_new(practice, f"Новая практика: «{practice.title[:80]}».")
    else:
        practice.mark_reviewed(PracticeStatus.REJECTED)


def topics(practice):
    return [
        *([practice.author] if practice.author_id else []),
        practice.municipality,
        *practice.spheres.all(),
    ]


def tell_author_of_adoption(adoption):
    practice = adoption.practice
    tell(
        practice.author,
        "practices.adoption",
        f"{adoption.municipality} внедрили вашу практику «{practice.title[:80]}».",
        practice.get_absolute_url(),
        actor=adoption.recorded_by,
    )


CABINET_SHOWN = 5


def cabinet_context(request):
    """«Мои практики» with statuses and «Рекомендуем»: two queries."""
    user = request.user
    mine = Practice.objects.filter(author=user).for_lists().order_by("-updated_at")
    return {
        "my_practices": list(mine[:CABINET_SHOWN]),
        "recommended": list(Practice.objects.recommended_for(user)[:CABINET_SHOWN]),
    }


def register():
    register_cabinet_section(
        CabinetSection(
            key="practices-mine",
            title="Мои практики",
            template="practices/cabinet_mine.html",
            get_context=cabinet_context,
            order=35,
            url_name="practices:mine",
        )
    )
    community.register(
        Practice,
        label="практика",
        is_public=lambda practice: (
            practice.status == PracticeStatus.PUBLISHED and not practice.is_hidden
        ),
        set_hidden=lambda practice, hidden: practice.set_hidden(hidden),
        on_review=on_review,
        topics_of=topics,
    )
