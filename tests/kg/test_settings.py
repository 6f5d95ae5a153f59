from __future__ import annotations

from pathlib import Path

import pytest

from kg.settings import SettingError, Settings


def test_defaults_without_environment() -> None:
    s = Settings.from_env({})
    assert (s.host, s.port, s.query_timeout) == ("127.0.0.1", 8080, 30.0)
    assert s.update_token is None and s.federation_allowlist == ()


def test_environment_then_overrides() -> None:
    env = {"PASB_PORT": "9000", "PASB_FEDERATION_ALLOWLIST": "https://a/sparql, https://b/q",
           "PASB_MEMORY": "yes"}
    s = Settings.from_env(env, port=9100)
    assert s.port == 9100
    assert s.federation_allowlist == ("https://a/sparql", "https://b/q")
    assert s.store_path() is None


def test_bad_value_names_the_variable() -> None:
    with pytest.raises(SettingError, match="PASB_QUERY_TIMEOUT='soon'"):
        Settings.from_env({"PASB_QUERY_TIMEOUT": "soon"})


def test_unknown_override_is_refused() -> None:
    with pytest.raises(SettingError, match="unknown setting"):
        Settings.from_env({}, colour="red")


def test_token_file(tmp_path: Path) -> None:
    token = tmp_path / "token"
    token.write_text("s3cret\n")
    assert Settings.from_env({}, update_token_file=token).resolved_update_token() == "s3cret"
    with pytest.raises(SettingError, match="update_token_file"):
        Settings.from_env({}, update_token_file=tmp_path / "missing").resolved_update_token()
