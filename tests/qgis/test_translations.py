"""The plugin loads its Simplified Chinese translation from QGIS's locale (the .ts file: tests/unit)."""

import re

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication


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
