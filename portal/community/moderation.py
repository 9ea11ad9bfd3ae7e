"""Reports hide items, moderators decide cases; every step is written to the moderation log."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from portal.community.access import is_moderator
from portal.community.models import (
    Block,
    CaseKind,
    CaseState,
    ModerationAction,
    ModerationCase,
    Report,
    ReportReason,
)
from portal.community.models.base import forget_thread
from portal.community.notifying import tell
from portal.community.registry import item_url, target_for

Verb = ModerationAction.Verb


def hide_after_reports():
    """Distinct verified reporters that hide an item until a moderator looks (a setting)."""
    return getattr(settings, "COMMUNITY_HIDE_AFTER_REPORTS", 3)


def _title(item):
    return str(item)[:300]


def _link(item):
    return item_url(item)


def _open_case(item, kind):
    target = target_for(item)
    case, _ = ModerationCase.objects.get_or_create(
        **ModerationCase.target_fields(item),
        kind=kind,
        state=CaseState.OPEN,
        defaults={"title": _title(item), "author": target.author_of(item)},
    )
    return case


def submit_for_review(item, kind=CaseKind.NEW):
    """Put a new item or an edit of a published one in the moderation queue (once)."""
    return _open_case(item, kind)


def report(reporter, item, reason, text=""):
    """Record a report; hide the item when enough verified people (or one moderator) reported.

    Returns (report, created). A second report by the same person changes nothing.
    """
    with transaction.atomic():
        existing = Report.objects.filter(reporter=reporter, **Report.target_fields(item)).first()
        if existing is not None:
            return existing, False
        case = _open_case(item, CaseKind.REPORT)
        # One hide decision at a time per item: parallel reports queue up on this row.
        case = ModerationCase.objects.select_for_update().get(pk=case.pk)
        created_report = Report.objects.create(
            reporter=reporter, reason=reason, text=text, case=case, **Report.target_fields(item)
        )
        verified = case.reports.filter(reporter__is_verified=True).values("reporter").distinct()
        if not case.hidden and (is_moderator(reporter) or verified.count() >= hide_after_reports()):
            _hide(case, item, moderator=reporter if is_moderator(reporter) else None)
    return created_report, True


def _reasons_text(case):
    labels = dict(ReportReason.choices)
    reasons = sorted({labels[r] for r in case.reports.values_list("reason", flat=True)})
    return ", ".join(reasons)


def _hide(case, item, moderator):
    target = target_for(item)
    if target.set_hidden is not None:
        target.set_hidden(item, True)
        forget_thread(item)
    case.hidden = True
    case.save(update_fields=["hidden"])
    why = _reasons_text(case)
    ModerationAction.objects.create(
        moderator=moderator, verb=Verb.HIDE, reason=why, case=case, **case.target_fields(item)
    )
    tell(
        target.author_of(item),
        "community.moderation",
        f"Ваш материал «{_title(item)[:80]}» скрыт до проверки модератором. Причины жалоб: {why}.",
        _link(item),
    )


def decide(case_id, moderator, approve, reason=""):
    """A moderator's decision on an open case. Returns False when someone decided it first.

    Report cases: approve = restore the item, reject = keep it hidden (confirm the reports).
    New items and edits: the registered target's `on_review(item, approved, reason)` publishes
    or refuses it.
    """
    with transaction.atomic():
        case = ModerationCase.objects.select_for_update().filter(pk=case_id).first()
        if case is None or not case.is_open:
            return False
        item = case.target
        case.state = CaseState.APPROVED if approve else CaseState.REJECTED
        case.decided_at, case.decided_by, case.reason = timezone.now(), moderator, reason
        case.save(update_fields=["state", "decided_at", "decided_by", "reason"])
        if item is None:  # deleted meanwhile: the decision is logged, nothing else to do
            return True
        target = target_for(item)
        verb = _apply(case, target, item, approve, reason)
        ModerationAction.objects.create(
            moderator=moderator, verb=verb, reason=reason, case=case, **case.target_fields(item)
        )
        if case.kind == CaseKind.REPORT or not target.on_review_tells_author:
            tell(
                target.author_of(item),
                "community.moderation",
                _outcome_text(case, item),
                _link(item),
            )
    return True


def _apply(case, target, item, approve, reason):
    if case.kind == CaseKind.REPORT:
        if target.set_hidden is not None:
            target.set_hidden(item, not approve)
            forget_thread(item)
        return Verb.RESTORE if approve else Verb.CONFIRM
    if target.on_review is not None:
        target.on_review(item, approve, reason)
    return Verb.APPROVE if approve else Verb.REJECT


def _outcome_text(case, item):
    title = _title(item)[:80]
    if case.kind == CaseKind.REPORT:
        outcome = (
            "восстановлен: жалобы не подтвердились"
            if case.state == CaseState.APPROVED
            else "остаётся скрытым"
        )
    elif case.state == CaseState.APPROVED:
        outcome = "одобрен модератором"
    else:
        outcome = "отклонён модератором"
    text = f"Материал «{title}» {outcome}."
    if case.reason:
        text += f" Причина: {case.reason}"
    return text


def block(user, days, reason, moderator):
    """Keep a repeat offender from writing for `days` days; logged and told."""
    until = timezone.now() + datetime.timedelta(days=days)
    with transaction.atomic():
        blocked = Block.objects.create(user=user, until=until, reason=reason, created_by=moderator)
        ModerationAction.objects.create(
            moderator=moderator,
            verb=Verb.BLOCK,
            reason=reason,
            **ModerationAction.target_fields(user),
        )
        tell(
            user,
            "community.moderation",
            f"Вы не можете писать в сообществе до {until:%d.%m.%Y}. Причина: {reason}",
        )
    return blocked
