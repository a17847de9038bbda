"""The shares that tell English text from text in other languages (``unspun.language``).

    .venv/bin/python benchmarks/english_shares.py

For each text: the share of its words that are English function words and the share the
English lexicon knows at all. English: the first 600 BBC train articles (``shuffled_train``),
the 300 Lee articles, Wikipedia's 95 prose articles and 300 of the BBC articles spun with
MyThes at 0.5; other languages: one paragraph of news each, written for this measurement
(session 48) in Danish, Dutch, Swedish, German, French, Spanish, Italian and Portuguese. Prints
the least English shares and the largest foreign ones, which ``language.FUNCTION_SHARE_BAR``
and ``language.KNOWN_SHARE_BAR`` sit between. About 30 s.
"""

from __future__ import annotations

from unspun.eval.corpus import lee_articles, shuffled_train, wikipedia_articles
from unspun.eval.spinner import Spinner
from unspun.eval.thesauri import MyThesSource
from unspun.language import FUNCTION_SHARE_BAR, KNOWN_SHARE_BAR, english_shares

FOREIGN = {
    "Danish": (
        "Regeringen fremlagde tirsdag et nyt forslag til finansloven, som ifølge finansministeren s"
        "kal styrke sundhedsvæsenet og sænke skatten for lavtlønnede. Oppositionen kalder forslaget"
        " urealistisk og peger på, at udgifterne til forsvaret samtidig stiger kraftigt. Forhandlin"
        "gerne ventes at vare flere uger, før et flertal er på plads i Folketinget."
    ),
    "German": (
        "Die Bundesregierung hat am Dienstag einen neuen Plan vorgestellt, um die Wohnungsnot in de"
        "n großen Städten zu bekämpfen. Nach Angaben der Ministerin sollen in den kommenden Jahren "
        "Hunderttausende Wohnungen gebaut werden. Die Kommunen reagierten skeptisch und erklärten, "
        "dass die Mittel bei weitem nicht ausreichten."
    ),
    "Spanish": (
        "El Gobierno presentó el martes un nuevo plan para combatir la crisis de la vivienda en las"
        " grandes ciudades. Según la ministra, en los próximos años se construirán cientos de miles"
        " de viviendas. Los alcaldes se mostraron escépticos y afirmaron que los fondos previstos s"
        "on claramente insuficientes para cumplir los objetivos."
    ),
    "French": (
        "Le gouvernement a présenté mardi un nouveau plan destiné à lutter contre la crise du logem"
        "ent dans les grandes villes. Selon la ministre, des centaines de milliers de logements dev"
        "raient être construits au cours des prochaines années. Les maires se sont montrés sceptiqu"
        "es, estimant que les moyens prévus restent largement insuffisants."
    ),
    "Italian": (
        "Il governo ha presentato martedì un nuovo piano per affrontare la crisi abitativa nelle gr"
        "andi città. Secondo la ministra, nei prossimi anni saranno costruite centinaia di migliaia"
        " di abitazioni. I sindaci si sono mostrati scettici e hanno affermato che le risorse previ"
        "ste sono del tutto insufficienti per raggiungere gli obiettivi."
    ),
    "Dutch": (
        "Het kabinet heeft dinsdag een nieuw plan gepresenteerd om de woningnood aan te pakken. Vol"
        "gens de minister moeten er de komende tien jaar bijna een miljoen huizen worden gebouwd, v"
        "ooral in de grote steden. Gemeenten zijn kritisch en zeggen dat er te weinig geld beschikb"
        "aar is om de plannen uit te voeren."
    ),
    "Portuguese": (
        "O governo apresentou na terça-feira um novo plano para enfrentar a crise da habitação nas "
        "grandes cidades. Segundo a ministra, centenas de milhares de casas deverão ser construídas"
        " nos próximos anos. Os autarcas mostraram-se céticos e afirmaram que os recursos previstos"
        " são manifestamente insuficientes para cumprir os objetivos."
    ),
    "Swedish": (
        "Regeringen presenterade på tisdagen ett nytt förslag om att bygga fler bostäder i storstäd"
        "erna. Enligt ministern ska hundratusentals lägenheter byggas under de kommande åren. Kommu"
        "nerna är dock kritiska och menar att pengarna inte räcker för att genomföra planerna på et"
        "t ansvarsfullt sätt."
    ),
}

# Written in session 55 on subjects whose words English shares (politics, industry, science):
# the first French one read as English (its known-word share 0.80, the bar then).
COGNATE_RICH = {
    "French, politics": (
        "Les tensions entre la Russie et l'Occident ont atteint des niveaux inédits depuis la fin d"
        "e la guerre froide. Selon des documents divulgués, l'alliance militaire occidentale envisa"
        "ge de renforcer sa présence dans les pays baltes. Le président a déclaré mardi que son gou"
        "vernement ne céderait pas aux pressions."
    ),
    "French, industry": (
        "Le président de la République a annoncé lundi une série de mesures destinées à soutenir le"
        "s entreprises industrielles face à la hausse des prix de l'énergie. Selon le ministère de "
        "l'Économie, le programme représente un investissement total de plusieurs milliards d'euros"
        " sur cinq ans."
    ),
    "Spanish, science": (
        "Los investigadores analizaron la estructura molecular de la proteína mediante técnicas de "
        "microscopía electrónica y modelos computacionales. Los resultados indican una correlación "
        "significativa entre la temperatura, la presión y la estabilidad del complejo, un fenómeno "
        "importante para el desarrollo de nuevos tratamientos contra el cáncer."
    ),
    "Italian, technology": (
        "La società ha presentato un nuovo sistema di intelligenza artificiale capace di analizzare"
        " documenti complessi in tempo reale. Secondo il direttore tecnico, la piattaforma utilizza"
        " algoritmi di classificazione e reti neurali per identificare informazioni rilevanti, con "
        "una precisione superiore al novanta per cento."
    ),
    "Portuguese, economy": (
        "O presidente do banco central anunciou uma redução da taxa de juros, uma decisão que o mer"
        "cado financeiro considerou positiva. A inflação permanece elevada, mas os analistas prevee"
        "m uma recuperação moderada da economia nacional, impulsionada pelo consumo e pelas exporta"
        "ções industriais."
    ),
    "Romanian, politics": (
        "Președintele a anunțat marți o serie de reforme importante pentru sistemul de educație și "
        "pentru administrația publică. Potrivit guvernului, programul național va fi finanțat din f"
        "onduri europene, iar primele rezultate sunt așteptate la sfârșitul anului viitor, după con"
        "sultări cu partidele din opoziție."
    ),
}


def main() -> None:
    bbc = [d.text for d in shuffled_train(0, 600)]
    spinner = Spinner(MyThesSource(), rate=0.5, seed=3)
    english = {
        "BBC train, 600 articles": bbc,
        "Lee, 300 articles": [d.text for d in lee_articles()],
        "Wikipedia, 95 articles": [d.text for d in wikipedia_articles()],
        "BBC spun with MyThes at 0.5, 300": [spinner.spin(text).text for text in bbc[:300]],
    }
    print("| texts | function-word share: least / median | known-word share: least / median |")
    print("|---|---|---|")
    for name, texts in english.items():
        shares = [english_shares(text) for text in texts]
        function = sorted(s[0] for s in shares)
        known = sorted(s[1] for s in shares)
        print(f"| {name} | {function[0]:.3f} / {function[len(function) // 2]:.3f} "
              f"| {known[0]:.3f} / {known[len(known) // 2]:.3f} |")
    for language, text in {**FOREIGN, **COGNATE_RICH}.items():
        function, known, words = english_shares(text)
        print(f"| {language}, {words} words | {function:.3f} | {known:.3f} |")
    print()
    print(f"Bars: function-word share {FUNCTION_SHARE_BAR}, known-word share {KNOWN_SHARE_BAR} "
          "(not English when both are below theirs).")


if __name__ == "__main__":
    main()
