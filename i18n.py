"""Qt translations of the plugin: the full locale first (zh_CN), then the language (zh)."""

import os
from typing import Optional

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

from .meta import PLUGIN_DIR, PLUGIN_ID

I18N_DIR = os.path.join(PLUGIN_DIR, "i18n")


def user_locale() -> str:
    """QGIS's user interface locale, e.g. 'zh_CN' or 'en_US'."""
    return QgsSettings().value("locale/userLocale", "", type=str) or QLocale.system().name()


def qm_file(locale: str) -> Optional[str]:
    """The compiled translation for a locale: full locale first, then its language; None if none."""
    for candidate in (locale, locale.split("_")[0]):
        path = os.path.join(I18N_DIR, "{}_{}.qm".format(PLUGIN_ID, candidate))
        if os.path.exists(path):
            return path
    if locale.split("_")[0] == "zh":
        path = os.path.join(I18N_DIR, "{}_zh_CN.qm".format(PLUGIN_ID))
        if os.path.exists(path):
            return path
    return None


def install_translator() -> Optional[QTranslator]:
    """Load and install the translator for QGIS's locale; None when English or no .qm was built."""
    path = qm_file(user_locale())
    if path is None:
        return None
    translator = QTranslator()
    if not translator.load(path):
        return None
    QCoreApplication.installTranslator(translator)
    return translator


def remove_translator(translator: Optional[QTranslator]) -> None:
    """Uninstall a translator installed by install_translator."""
    if translator is not None:
        QCoreApplication.removeTranslator(translator)


def tr(text: str) -> str:
    """Translate text in the plugin's one context, "BeltMap" (translate first, then format)."""
    return QCoreApplication.translate("BeltMap", text)


_document_translators = {}


def tr_in(language: str, text: str) -> str:
    """text in a document's language (a package's LANGUAGE: "zh" or "en"), whatever QGIS's own locale is;
    the source text for English or where no translation was built."""
    if language.startswith("en"):
        return text
    if language not in _document_translators:
        path = qm_file("zh_CN" if language == "zh" else language)
        translator = QTranslator()
        _document_translators[language] = translator if path and translator.load(path) else None
    translator = _document_translators[language]
    if translator is None:
        return text
    try:  # UTF-8 bytes: PyQt5 would encode a str for QTranslator's const char * as ASCII ("≤" fails)
        return translator.translate(b"BeltMap", text.encode("utf-8")) or text
    except TypeError:  # PyQt6 takes str
        return translator.translate("BeltMap", text) or text
