"""Every dependency is pinned: the direct ones in pyproject.toml, and everything they pull in
through constraints.txt, which `make install` applies. A fresh machine then installs exactly
the versions the suite ran with."""

import re
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)(\[[^\]]+\])?==([^\s;]+)$")


def normalized(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def direct_requirements():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [*project["dependencies"], *project["optional-dependencies"]["dev"]]


def constraints():
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[normalized(name)] = version
    return pins


def test_every_direct_requirement_is_pinned_to_one_version():
    loose = [requirement for requirement in direct_requirements() if not PIN.match(requirement)]
    assert loose == []


def test_the_constraints_agree_with_pyproject():
    pins = constraints()
    disagree = {}
    for requirement in direct_requirements():
        name, _, version = PIN.match(requirement).groups()
        if pins.get(normalized(name)) != version:
            disagree[name] = (version, pins.get(normalized(name)))
    assert disagree == {}


def test_every_installed_package_is_in_the_constraints():
    pins = constraints()
    installed = {
        normalized(dist.metadata["Name"]): dist.version
        for dist in metadata.distributions()
        if dist.metadata["Name"]
    }
    tooling = {"pip", "setuptools", "wheel", "municipalitety"}
    missing = sorted(set(installed) - set(pins) - tooling)
    assert missing == []
    assert {name: installed[name] for name in pins if installed.get(name) != pins[name]} == {}
