"""Stable keys and citation labels of structural units, derived from their numbers."""

TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "ch", "ш": "sh", "щ": "sch",
    "ы": "y", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip

# kind -> (key token, label abbreviation)
TOKENS = {
    "section": ("r", "разд."),
    "chapter": ("gl", "гл."),
    "article": ("st", "ст."),
    "part": ("ch", "ч."),
    "point": ("p", "п."),
    "subpoint": ("pp", "пп."),
    "paragraph": ("abz", "абз."),
    "appendix": ("pril", "прил."),
}
# Units under these are cited without them: «п. 5», not «п. 5 гл. 2».
DETACHED_PARENTS = {None, "section", "chapter", "preamble", "closing"}


def key_number(number):
    """A number as it appears in a key: Latin letters, digits and dots."""
    return "".join(TRANSLIT.get(char, char) for char in number.lower())


def label_number(kind, number):
    if kind == "subpoint" and number and not number[0].isdigit():
        return f"«{number}»"
    return number


def key_and_label(kind, number, parent_kind, parent_key, parent_label):
    """The stable key and citation label of a unit below a parent with the given key/label."""
    if kind == "preamble":
        return "preamble", "преамбула"
    if kind == "closing":
        return "closing", ""
    if kind == "resolution":
        return "resolution", "резолютивная часть"
    token, abbreviation = TOKENS[kind]
    own_key = f"{token}{key_number(number)}"
    own_label = f"{abbreviation} {label_number(kind, number)}"
    if kind in ("section", "chapter", "article"):
        return own_key, own_label
    if parent_kind in DETACHED_PARENTS and kind != "paragraph":
        return own_key, own_label
    if parent_kind == "resolution":
        return f"{parent_key}/{own_key}", f"{own_label} резолютивной части"
    return f"{parent_key}/{own_key}", f"{own_label} {parent_label}".strip()


def assign_keys(units, warnings):
    """Give every parsed unit its stable key and citation label, in document order."""
    seen = set()
    for unit in units:
        parent = unit.parent
        unit.depth = parent.depth + 1 if parent else 0
        key, label = _key_and_label(unit)
        if key in seen:
            warnings.append(
                f"Повторяющийся номер «{unit.marker or key}»: единице дан ключ {key}-2 и т. д."
            )
            suffix = 2
            while f"{key}-{suffix}" in seen:
                suffix += 1
            key = f"{key}-{suffix}"
            unit.rel_key = f"{unit.rel_key}-{suffix}"
        seen.add(key)
        unit.stable_key, unit.label = key, label


def _key_and_label(unit):
    parent = unit.parent
    if unit.kind == "approved":
        unit.rel_key = f"utv{unit.number}"
        return unit.rel_key, unit.names[0]
    if unit.root is None:
        key, label = key_and_label(
            unit.kind,
            unit.number,
            parent.kind if parent else None,
            parent.stable_key if parent else "",
            parent.label if parent else "",
        )
        unit.rel_key, unit.rel_label = key, label
        return key, label
    # Inside an approved document: numbered as if it were the whole act, then prefixed.
    detached = parent is unit.root or (unit.kind == "point" and unit.style == 1)
    rel_key, rel_label = key_and_label(
        unit.kind,
        unit.number,
        None if detached else parent.kind,
        "" if detached else parent.rel_key,
        "" if detached else parent.rel_label,
    )
    unit.rel_key, unit.rel_label = rel_key.lstrip("/"), rel_label
    return f"{unit.root.stable_key}/{unit.rel_key}", f"{rel_label} {unit.root.names[1]}".strip()
