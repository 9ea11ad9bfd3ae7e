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
    token, abbreviation = TOKENS[kind]
    own_key = f"{token}{key_number(number)}"
    own_label = f"{abbreviation} {label_number(kind, number)}"
    if kind in ("section", "chapter", "article"):
        return own_key, own_label
    if parent_kind in DETACHED_PARENTS and kind != "paragraph":
        return own_key, own_label
    return f"{parent_key}/{own_key}", f"{own_label} {parent_label}".strip()
