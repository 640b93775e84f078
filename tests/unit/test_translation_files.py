"""The Simplified Chinese translation file is complete and keeps placeholders and markup (no QGIS; loading it
from QGIS's locale: tests/qgis/test_translations.py)."""

import re
from collections import Counter

import update_translations  # scripts/, on sys.path through conftest


def test_every_source_string_is_translated():
    problems = update_translations.problems()
    assert problems == [], "run `make translations` and translate:\n" + "\n".join(problems[:50])


def test_translations_keep_placeholders_and_markup():
    for (context, source), (text, _finished) in update_translations.read_ts().items():
        if not text:
            continue
        for pattern in (r"\{[^{}]*\}", r"</?[a-zA-Z][a-zA-Z0-9]*", r"%\d"):
            assert Counter(re.findall(pattern, source)) == Counter(re.findall(pattern, text)), (
                context,
                source,
                text,
            )


def test_zone_terms_are_consistent():
    terms = {"exhibition area": "展区", "scenic area": "景区", "street block": "街区", "belt map": "实践带"}
    for (_context, source), (text, _finished) in update_translations.read_ts().items():
        for english, chinese in terms.items():
            if english in source.lower() and text:
                assert chinese in text, (source, text)


def test_no_message_names_a_python_class():
    """A planner reads "已取消…", never "CancelledError: …" (issue 25)."""
    named = [
        source
        for (_context, source), _translation in update_translations.read_ts().items()
        if re.match(r"^[A-Z][A-Za-z]*(Error|Exception)\b", source)
    ]
    assert named == []
