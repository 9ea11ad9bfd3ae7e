"""The portal's roles. Each is a Django group created by a data migration."""

EMPLOYEE = "Муниципальный служащий"
EDITOR = "Редактор контента"
MODERATOR = "Модератор"
LAWYER = "Юрист"
EXPERT = "Эксперт"
ADMINISTRATOR = "Администратор"

ALL_ROLES = [EMPLOYEE, EDITOR, MODERATOR, LAWYER, EXPERT, ADMINISTRATOR]
# Roles that reach admin screens and therefore must use two-factor authentication.
STAFF_ROLES = [EDITOR, MODERATOR, LAWYER, EXPERT, ADMINISTRATOR]

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
        "accounts.view_user",
        "accounts.change_user",
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
    ADMINISTRATOR: ["*"],
}
