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
