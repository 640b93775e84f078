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


def test_every_algorithm_speaks_chinese_and_its_help_loses_no_text(qgis_app, provider):
    """Under zh_CN every label and help of every algorithm is Chinese (no English sentence left), and the
    help page shows each help text whole: "<station id>" is not swallowed as an HTML tag (issue 25)."""
    from beltmap import i18n
    from qgis.core import QgsApplication
    from qgis.PyQt.QtGui import QTextDocument

    settings = QgsSettings()
    old = settings.value("locale/userLocale", "")
    old_flag = settings.value("locale/overrideFlag", False)
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", "zh_CN")
    translator = i18n.install_translator()
    try:
        assert translator is not None
        chinese = re.compile("[\u4e00-\u9fff]")
        ids = sorted(alg.id() for alg in provider.algorithms())
        assert len(ids) >= 9, ids
        for algorithm_id in ids:
            algorithm = QgsApplication.processingRegistry().createAlgorithmById(algorithm_id)
            page = QTextDocument()
            page.setHtml(algorithm.shortHelpString())
            text = " ".join(page.toPlainText().split())
            assert chinese.search(algorithm.displayName()), algorithm_id
            for parameter in algorithm.parameterDefinitions():
                where = "{} {}".format(algorithm_id, parameter.name())
                assert chinese.search(parameter.description()), where
                assert chinese.search(parameter.help()), (where, parameter.help())
                assert " ".join(parameter.help().split()) in text, (where, parameter.help())
            for output in algorithm.outputDefinitions():
                assert chinese.search(output.description()), (algorithm_id, output.name())
    finally:
        i18n.remove_translator(translator)
        settings.setValue("locale/userLocale", old)
        settings.setValue("locale/overrideFlag", old_flag)
