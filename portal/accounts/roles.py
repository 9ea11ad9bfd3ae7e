"""The portal's roles. Each is a Django group created by a data migration."""

EMPLOYEE = "Муниципальный служащий"
EDITOR = "Редактор контента"
MODERATOR = "Модератор"
LAWYER = "Юрист"
EXPERT = "Эксперт"
# The direction's escalations in «Муниципальный диалог» and contested answers
# (group made by dialog).
LEAD_EXPERT = "Ведущий эксперт"
ADMINISTRATOR = "Администратор"
# Imports and edits acts and editions, synonyms and topics of «Правовой вектор» (accounts 0004).
LEGAL_EDITOR = "Редактор правовой базы"
ACADEMY_ADMIN = "Администратор академии"
ACADEMY_MANAGER = "Руководитель (отчёты)"
# Scores the entries of the contests «Лучшая муниципальная практика» they are on the jury of
# (group made by practices 0004).
JURY = "Член жюри"

ALL_ROLES = [
    EMPLOYEE,
    EDITOR,
    MODERATOR,
    LAWYER,
    EXPERT,
    LEAD_EXPERT,
    ADMINISTRATOR,
    ACADEMY_ADMIN,
    ACADEMY_MANAGER,
    LEGAL_EDITOR,
    JURY,
]
# Roles that reach admin screens and therefore must use two-factor authentication.
STAFF_ROLES = [
    EDITOR,
    MODERATOR,
    LAWYER,
    EXPERT,
    LEAD_EXPERT,
    ADMINISTRATOR,
    ACADEMY_ADMIN,
    LEGAL_EDITOR,
]

# Model permissions of each role ("*" = all). Migrations 0002/0003 created them; the same list
# restores them when a database is flushed (transactional and browser tests), see role_groups.py.
ROLE_PERMISSIONS = {
    EMPLOYEE: [],
    EDITOR: [
        "wagtailadmin.access_admin",
        "wagtailcore.add_page",
        "wagtailcore.change_page",
        "wagtailcore.publish_page",
    ],
    MODERATOR: [
        "wagtailadmin.access_admin",
        # Users are only looked at: verification goes through the requests and the action.
        "accounts.view_user",
        "accounts.view_verificationrequest",
        "accounts.change_verificationrequest",
        "accounts.view_emaildomainallowance",
        "accounts.add_emaildomainallowance",
        "accounts.change_emaildomainallowance",
        "accounts.delete_emaildomainallowance",
        "accounts.view_deletionrequest",
        "accounts.change_deletionrequest",
        "accounts.view_personaldataconsent",
    ],
    LAWYER: [],
    EXPERT: [],
    LEAD_EXPERT: [],
    ADMINISTRATOR: ["*"],
    # Academy roles: their groups are created by academy/migrations (academy data migration).
    ACADEMY_ADMIN: [
        "wagtailadmin.access_admin",
        *(
            f"academy.{action}_{model}"
            for model in ("quiz", "programme", "certificatetemplate", "webinar", "cohort")
            for action in ("add", "change", "view")
        ),
    ],
    ACADEMY_MANAGER: [],
    LEGAL_EDITOR: [
        *(
            f"legal_vector.{action}_{model}"
            for model in ("document", "topic", "searchword")
            for action in ("add", "change", "delete", "view")
        ),
        *(f"legal_vector.{action}_edition" for action in ("change", "delete", "view")),
        "legal_vector.view_structuralunit",
        "legal_vector.view_reference",
        "legal_vector.view_legalsearchquery",
        "legal_vector.view_zeroresultquery",
        *(f"portal.{action}_searchsynonym" for action in ("add", "change", "delete", "view")),
        "portal.view_sphere",
    ],
    JURY: [],
}
