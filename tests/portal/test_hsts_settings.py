"""HSTS in production: a year for this host by default; subdomains and the browsers' preload
list only by an explicit choice, since both bind every future host of the domain to HTTPS."""

from tests.portal.test_production_settings import production_env, run_python

PROBE = (
    "from portal import settings as s; "
    "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)"
)


def hsts(**env):
    result = run_python(["-c", PROBE], production_env(**env))
    return result.stdout.strip(), result


def test_production_sends_hsts_for_this_host_only_by_default():
    output, result = hsts()
    assert result.returncode == 0, result.stderr
    assert output == "31536000 False False"


def test_subdomains_and_preload_are_an_explicit_opt_in():
    output, _ = hsts(SECURE_HSTS_INCLUDE_SUBDOMAINS="1", SECURE_HSTS_PRELOAD="1")
    assert output == "31536000 True True"


def test_preload_without_subdomains_is_refused():
    _, result = hsts(SECURE_HSTS_PRELOAD="1")
    assert result.returncode != 0
    assert "SECURE_HSTS_PRELOAD needs SECURE_HSTS_INCLUDE_SUBDOMAINS" in result.stderr
