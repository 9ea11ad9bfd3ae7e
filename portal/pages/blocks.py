from django.urls import reverse
from wagtail import blocks

from portal.context_processors import SERVICES


class ServiceTileBlock(blocks.StructBlock):
    """A tile on the home page leading to one of the five services."""

    service = blocks.ChoiceBlock(
        label="сервис", choices=[(url_name, title) for url_name, title, _ in SERVICES]
    )
    title = blocks.CharBlock(label="заголовок", max_length=80)
    description = blocks.CharBlock(label="описание в одну строку", max_length=160)

    class Meta:
        icon = "link"
        label = "плитка сервиса"


def default_tiles():
    """Tiles shown while editors have not arranged their own: one per service, menu order."""
    return [
        {"title": title, "description": description, "url": reverse(url_name)}
        for url_name, title, description in SERVICES
    ]


def tiles_from_stream(stream):
    return [
        {
            "title": tile.value["title"],
            "description": tile.value["description"],
            "url": reverse(tile.value["service"]),
        }
        for tile in stream
    ]
