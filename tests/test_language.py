"""Non-English articles are recognised so they can be kept out of the analysis."""

import pytest

from briefing.language import detect_language
from support import fixture, seed


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_the_sample_articles_are_english(prefix):
    assert detect_language(seed(prefix).text) == "en"


def test_own_articles_are_english():
    assert detect_language(fixture("press_transcript.txt").text) == "en"


@pytest.mark.parametrize(
    "text",
    [
        "La secretaria de Comercio de Estados Unidos, Gina Raimondo, se reunió el martes con funcionarios chinos "
        "en Pekín para hablar de los controles a la exportación y acordaron crear un grupo de trabajo.",
        "Die US-Handelsministerin Gina Raimondo traf sich am Dienstag in Peking mit chinesischen Beamten, um über "
        "Exportkontrollen zu sprechen, und beide Seiten vereinbarten eine Arbeitsgruppe.",
        "美国商务部长雷蒙多周二在北京会见了中国官员，讨论了出口管制问题，并同意成立一个商业问题工作组。",
    ],
)
def test_other_languages_are_recognised(text):
    assert detect_language(text) == "other"
