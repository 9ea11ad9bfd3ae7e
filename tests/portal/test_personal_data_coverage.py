"""152-ФЗ: every model of the portal's apps that links to a user is exported and handled on
deletion, so a new model cannot quietly stay out of a person's export or survive their
account's deletion."""

import json

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder

from portal import registry
from portal.accounts.export import personal_data

# Wagtail's editorial locks and page owners: kept, they point at the anonymised account.
EDITORIAL_FIELDS = {"owner", "locked_by"}


def models_linking_to_users():
    user_model = get_user_model()
    found = set()
    for model in apps.get_models():
        # A proxy's rows are its concrete model's: the entry covering that model covers them.
        if model._meta.app_config.name not in settings.PORTAL_APPS or model._meta.proxy:
            continue
        for field in model._meta.get_fields():
            links_user = field.concrete and field.is_relation and field.related_model is user_model
            if links_user and field.name not in EDITORIAL_FIELDS:
                found.add(model._meta.label)
    return found


def test_every_model_linking_to_a_user_is_declared_by_a_personal_data_entry():
    declared = {label for entry in registry.personal_data.values() for label in entry.models}
    missing = models_linking_to_users() - declared
    assert not missing, f"register a PersonalData (portal.registry) covering {sorted(missing)}"


def test_every_declared_model_is_exported_and_erased_or_kept_for_a_stated_reason():
    for entry in registry.personal_data.values():
        assert entry.erase or entry.kept_because, entry.key
        if entry.key != "account":  # the profile part of the export is written by accounts
            assert registry.personal_data_exporters[entry.key] is entry.export, entry.key


@pytest.mark.django_db
def test_the_export_of_a_user_runs_every_exporter_and_is_json(employee):
    data = personal_data(employee)
    assert set(registry.personal_data_exporters) <= set(data)
    json.dumps(data, cls=DjangoJSONEncoder)


@pytest.mark.django_db
def test_deleting_an_account_runs_every_registered_erasure(employee, monkeypatch):
    erased = []
    for key, entry in list(registry.personal_data.items()):
        if entry.erase is not None:
            spy = registry.PersonalData(
                key=entry.key,
                models=entry.models,
                export=entry.export,
                erase=lambda user, key=key, erase=entry.erase: (erased.append(key), erase(user)),
                kept_because=entry.kept_because,
            )
            monkeypatch.setitem(registry.personal_data, key, spy)
    employee.anonymize()
    expected = {key for key, entry in registry.personal_data.items() if entry.erase}
    assert set(erased) == expected and {"legal_vector", "navigator"} <= expected
