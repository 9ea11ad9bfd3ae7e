"""Who may do what with a problem. Views and transitions ask here, never decide themselves."""

from portal.accounts import roles


def is_moderator(user):
    return user.is_authenticated and user.has_role(roles.MODERATOR)


def _directions(user, lead_only=False):
    """Ids of the directions the user serves as an (optionally lead) expert, read once."""
    if not user.is_authenticated:
        return set()
    attr = "_dialog_lead_directions" if lead_only else "_dialog_expert_directions"
    if not hasattr(user, attr):
        # Through the user's reverse relation: this module sits below the models (the
        # lifecycle's permissions ask it), so it never imports them.
        rows = user.dialog_directions.all()
        if lead_only:
            rows = rows.filter(is_lead=True)
        setattr(user, attr, set(rows.values_list("direction_id", flat=True)))
    return getattr(user, attr)


def expert_directions(user):
    return _directions(user)


def lead_directions(user):
    return _directions(user, lead_only=True)


def is_expert_of(user, problem):
    """An expert of the problem's direction (the lead expert counts, and superusers)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if not (user.has_role(roles.EXPERT) or user.has_role(roles.LEAD_EXPERT)):
        return False
    return problem.direction_id in expert_directions(user)


def is_lead_of(user, problem):
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.has_role(roles.LEAD_EXPERT) and problem.direction_id in lead_directions(user)


def is_staff_for(user, problem):
    """Moderators and the direction's experts: they see the SLA clock and internal notes."""
    return is_moderator(user) or is_expert_of(user, problem)


def is_expert_anywhere(user):
    return user.is_authenticated and (
        user.is_superuser
        or (
            (user.has_role(roles.EXPERT) or user.has_role(roles.LEAD_EXPERT))
            and bool(expert_directions(user))
        )
    )


def can_view(user, problem):
    if problem.is_public:
        return True
    if not user.is_authenticated:
        return False
    if user.pk == problem.author_id or is_staff_for(user, problem):
        return True
    return problem.coauthors.filter(user=user).exists()


def can_answer(user, problem):
    """The assigned expert, or the direction's lead expert (who also takes reviews)."""
    if not user.is_authenticated:
        return False
    return (user.pk == problem.assignee_id and is_expert_of(user, problem)) or is_lead_of(
        user, problem
    )


def can_support(user, problem):
    return (
        user.is_authenticated
        and user.can_publish
        and problem.is_public
        and user.pk != problem.author_id
    )
