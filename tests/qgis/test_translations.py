"""The Simplified Chinese translation is complete, keeps placeholders, and loads from QGIS's locale."""

import re
from collections import Counter

import update_translations  # scripts/, on sys.path through conftest
from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication


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


def test_plugin_loads_chinese_from_qgis_locale(qgis_app):
    from beltmap import i18n

    settings = QgsSettings()
    old = settings.value("locale/userLocale", "")
    old_flag = settings.value("locale/overrideFlag", False)
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", "zh_CN")
    try:
        assert i18n.user_locale() == "zh_CN"
        assert i18n.qm_file("zh_CN") is not None, "no compiled .qm: `make test` builds it (make compiled)"
        translator = i18n.install_translator()
        assert translator is not None
        try:
            assert QCoreApplication.translate("BeltMap", "Load demo belt") != "Load demo belt"
            assert re.search("[\u4e00-\u9fff]", QCoreApplication.translate("BeltMap", "Tag zones…"))
        finally:
            i18n.remove_translator(translator)
        settings.setValue("locale/userLocale", "en_US")
        assert i18n.install_translator() is None
    finally:
        settings.setValue("locale/userLocale", old)
        settings.setValue("locale/overrideFlag", old_flag)
