"""Settings: declared once, stored safely, and never the user's real file in tests."""

from __future__ import annotations

from pathlib import Path

from app.settings import MAX_RECENT, Settings, settings_path


def test_tests_use_a_private_settings_folder(isolated_settings: Path) -> None:
    assert settings_path().parent == isolated_settings


def test_settings_round_trip() -> None:
    settings = Settings()
    settings.add_recent(Path("/tmp/one.rrwb"))
    settings.last_export_format = "pdf"
    settings.save()
    loaded = Settings.load()
    assert loaded.recent_files == [str(Path("/tmp/one.rrwb"))]
    assert loaded.last_export_format == "pdf"


def test_recent_files_are_most_recent_first_without_duplicates() -> None:
    settings = Settings()
    for number in range(MAX_RECENT + 3):
        settings.add_recent(Path(f"/tmp/{number}.rrwb"))
    settings.add_recent(Path("/tmp/5.rrwb"))
    assert settings.recent_files[0] == str(Path("/tmp/5.rrwb"))
    assert len(settings.recent_files) == MAX_RECENT
    assert len(set(settings.recent_files)) == MAX_RECENT


def test_damaged_or_wrongly_typed_settings_fall_back_to_defaults() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json")
    assert Settings.load() == Settings()
    path.write_text('{"recent_files": "oops", "last_export_format": 3, "reopen_last_workbook": 1}')
    assert Settings.load() == Settings()


# ------------------------------------------------------------ how a person is named


def test_display_name_defaults_to_the_accounts_full_name(monkeypatch) -> None:
    import pwd

    from app import settings as settings_module

    def account(gecos: str) -> pwd.struct_passwd:
        return pwd.struct_passwd(("priya", "x", 1000, 1000, gecos, "/home/priya", "/bin/sh"))

    monkeypatch.setenv("LOGNAME", "priya")
    monkeypatch.setattr(pwd, "getpwuid", lambda _uid: account("Priya Shah,Room 4,,"))
    assert settings_module.default_display_name() == "Priya Shah"
    monkeypatch.setattr(pwd, "getpwuid", lambda _uid: account(""))
    assert settings_module.default_display_name() == "priya"


def test_a_chosen_display_name_is_used_in_the_change_log_and_the_lock(tmp_path) -> None:
    import pytest

    from app.settings import Settings, display_name
    from app.workbook import Workbook
    from app.workbook.changelog import recent_changes
    from app.workbook.errors import WorkbookInUse

    settings = Settings()
    settings.display_name = "Priya Shah"
    settings.save()
    assert display_name() == "Priya Shah"
    with Workbook.create(tmp_path / "w.rrwb", title="W") as workbook:
        from app.basics.operations import UpdateDetail
        from app.workbook.operations import run_operation

        run_operation(workbook, UpdateDetail("area", "Leeds"))
        with workbook.session() as session:
            assert recent_changes(session)[0].actor == "Priya Shah"
        with pytest.raises(WorkbookInUse, match="Priya Shah"):
            Workbook.open(workbook.path)
