from django.urls import reverse
from wagtail import blocks

from portal.registry import ordered, services


def service_choices():
    """The services apps registered (`portal.registry.Service`), in menu order."""
    return [(service.url_name, service.title) for service in ordered(services)]


class ServiceTileBlock(blocks.StructBlock):
    """A tile on the home page leading to one of the five services."""

    service = blocks.ChoiceBlock(label="сервис", choices=service_choices)
    title = blocks.CharBlock(label="заголовок", max_length=80)
    description = blocks.CharBlock(label="описание в одну строку", max_length=160)

    class Meta:
        icon = "link"
        label = "плитка сервиса"


def default_tiles():
    """Tiles shown while editors have not arranged their own: one per service, menu order."""
    return [
        {
            "title": service.title,
            "description": service.description,
            "url": reverse(service.url_name),
        }
        for service in ordered(services)
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
