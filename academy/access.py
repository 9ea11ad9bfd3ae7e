"""Who may do what in the academy: one place for the access rules the views rely on."""

from django.db.models import Q

from portal.accounts import roles


def is_academy_admin(user):
    return user.is_authenticated and user.has_role(roles.ACADEMY_ADMIN)


def is_content_staff(user):
    """Editors and academy administrators read every lesson without enrolling."""
    return user.is_authenticated and (user.has_role(roles.EDITOR) or is_academy_admin(user))


def can_read_lessons(user, course):
    if is_content_staff(user):
        return True
    if not user.is_authenticated:
        return False
    # The course's own relation: this module sits under the models and imports none of them.
    return course.enrollments.learning().filter(user=user).exists()


def reads_lessons(user, enrollment):
    """`can_read_lessons` for a caller that has loaded the user's enrolment on the course
    (None: not enrolled); a learner is let in without the query of their roles."""
    if enrollment is not None and enrollment.is_learning:
        return True
    return is_content_staff(user)


def can_see_reports(user):
    return is_academy_admin(user) or (
        user.is_authenticated and user.has_role(roles.ACADEMY_MANAGER) and bool(_scopes(user))
    )


def _scopes(user):
    """The manager's scopes, read once per request (as `User.role_names` reads the roles)."""
    if not hasattr(user, "_academy_scopes"):
        user._academy_scopes = list(user.academy_scopes.all())
    return user._academy_scopes


def sees_whole_region(user, region):
    """Whether `user` may see every person of `region`: an administrator, or a manager with
    the region itself among their scopes."""
    return is_academy_admin(user) or any(scope.region_id == region.pk for scope in _scopes(user))


def people_filter(user, prefix="user__"):
    """A Q limiting reports to the people `user` may see; None means everyone (administrators)."""
    if is_academy_admin(user):
        return None
    query = Q(pk__in=[])
    for scope in _scopes(user):
        query |= scope.people_filter(prefix)
    return query
