"""Kinds of notification. Each app registers its own kinds in AppConfig.ready()."""

_KINDS: dict[str, tuple[str, bool]] = {}


def register_kind(kind: str, label: str, *, email_by_default: bool = False) -> None:
    _KINDS[kind] = (label, email_by_default)


def kind_choices() -> list[tuple[str, str]]:
    return [(kind, label) for kind, (label, _) in _KINDS.items()]


def emails_by_default(kind: str) -> bool:
    return _KINDS.get(kind, ("", False))[1]


register_kind("account.verified", "Подтверждение учётной записи", email_by_default=True)
register_kind("account.deletion", "Удаление учётной записи", email_by_default=True)
register_kind("account.verification_pending", "Проверка учётной записи модератором")
register_kind(
    "account.deletion_requested",
    "Запросы на удаление учётных записей (для модераторов)",
    email_by_default=True,
)
