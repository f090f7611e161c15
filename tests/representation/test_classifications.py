"""The ONS classifications as data, and the mappings between census vintages."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.representation.classifications import (
    APPROXIMATE,
    EXACT,
    ClassificationError,
    classification_from_file,
    classifications,
    get_classification,
    get_mapping,
)


def test_the_three_vintages_have_their_census_shape() -> None:
    found = classifications()
    assert list(found) == ["ons2001", "ons2011", "ons2021"]
    for cid, (categories, groups) in {"ons2001": (16, 5), "ons2011": (18, 5),
                                      "ons2021": (19, 5)}.items():
        c = found[cid]
        assert len(c.category_ids) == categories and len(c.groups) == groups
        assert c.not_stated_ids == ("prefer-not-to-say", "not-known")
        assert "ONS" in c.source or "Office for National Statistics" in c.source
    codes = [cat.code for _, cat in found["ons2021"].categories()]
    assert sorted(codes, key=int) == [str(i) for i in range(1, 20)]
    assert [c.code for _, c in found["ons2001"].categories()][:3] == ["W1", "W2", "W9"]
    assert found["ons2021"].group_of("chinese").id == "asian"  # type: ignore[union-attr]
    assert found["ons2001"].group_of("chinese").id == "chinese-or-other"  # type: ignore[union-attr]


def test_ons_table_labels_and_codes_are_recognised() -> None:
    c = get_classification("ons2021")
    assert c.find("Asian, Asian British or Asian Welsh: Bangladeshi") == "bangladeshi"
    assert c.find("White: English, Welsh, Scottish, Northern Irish or British") == "british"
    assert c.find("13") == "british" and c.find("roma") == "roma"
    assert c.find("Prefer not to say") == "prefer-not-to-say"
    assert c.find("Does not apply") is None and c.find("Martian") is None


def test_mapping_2001_to_2021_is_honest_about_each_group() -> None:
    mapping = get_mapping("ons2001", "ons2021")
    assert mapping.pair("chinese").target == "chinese"
    assert mapping.pair("chinese").match == EXACT  # the same tick box ...
    other = mapping.group_match("chinese-or-other")  # ... in a different group
    assert other.match == APPROXIMATE and other.target_group is None
    assert mapping.group_match("asian").match == APPROXIMATE  # Chinese joins it in 2021
    assert mapping.group_match("black").match == EXACT
    assert mapping.group_match("mixed").match == EXACT
    assert mapping.group_match("white").match == APPROXIMATE  # Gypsy, Irish Traveller, Roma
    counts = {"british": 10, "chinese": 2, "any-other": 1, "prefer-not-to-say": 1}
    assert mapping.map_counts(counts) == counts  # same ids, now in 2021 groups
    later = get_mapping("ons2011", "ons2021")
    assert later.group_match("asian").match == EXACT
    assert later.group_match("white").match == APPROXIMATE  # Roma split out in 2021


def test_no_mapping_back_in_time() -> None:
    with pytest.raises(ClassificationError, match="no mapping"):
        get_mapping("ons2021", "ons2001")
    with pytest.raises(ClassificationError, match="not a classification"):
        get_classification("ons1991")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("id: x\nvintage: 2021\n", "cannot be used"),
        ("a: &a [1]\nb: *a\n", "aliases"),
        ("id: [unclosed\n", "not valid YAML"),
    ],
)
def test_a_broken_classification_file_is_refused(tmp_path: Path, text: str, says: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ClassificationError, match=says):
        classification_from_file(path)
