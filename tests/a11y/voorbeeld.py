"""A realistic sample page for the HTML tests: every kind of block the templates produce."""

from __future__ import annotations

import datetime as dt

from prestatie.render.document import Afbeelding, Documentinfo

MARKDOWN = """\
::: {.titelpagina}
# Prestatieafspraken Beverwijk en Heemskerk 2022–2025

Gemeente Beverwijk, gemeente Heemskerk, Woonopmaat, Pré Wonen en de huurdersorganisaties

Versie 1.0 · 1 december 2022
:::

::: {.inhoud}
:::

## Partijen

De ondergetekenden:

1. de **gemeente Beverwijk**, vertegenwoordigd door de wethouder Wonen;
2. de **gemeente Heemskerk**, vertegenwoordigd door de wethouder Wonen;
3. **Woonopmaat**, statutair gevestigd te Heemskerk;
4. **Pré Wonen**, gevestigd te Haarlem.

## Beschikbaarheid {#beschikbaarheid}

Wij bouwen samen aan voldoende betaalbare woningen. Zie ook de
[Woningwet](https://wetten.overheid.nl/BWBR0005181/) en [afspraak A01](#a01).
Een poging tot <script>alert('x')</script> blijft gewoon tekst, en
[deze link](javascript:alert(1)) is geen link.

### Nieuwbouw sociale huur

- Woonopmaat en Pré Wonen bouwen samen **ten minste 600** sociale huurwoningen.
- De gemeenten zorgen voor voldoende locaties.
    - Kuenenpleingebied
    - Spoorzone

| Nr | Afspraak | Trekker | Planning | Aantal |
|----|----------|---------|----------|-------:|
| A01 | Nieuwbouw sociale huur | Woonopmaat | 2025 | 600 |
| A02 | Sloop en vervanging Debora Bakelaan | Woonopmaat | 2023 | 192 |
| A03 | Transformatie Kuenenpleingebied | Pré Wonen | 2024 | 273 |

![Lijndiagram: opgeleverde sociale huurwoningen per jaar, 2022 tot en met 2025, tegenover het streefgetal.](grafiek-nieuwbouw "Figuur 1. Opgeleverde sociale huurwoningen per jaar")

### Voortgang per afspraak

::: {.rijkoppen}
| Afspraak | Status | Toelichting |
|----------|--------|-------------|
| A01 | ✓ gerealiseerd | 192 woningen opgeleverd. |
| A02 | ! vraagt aandacht | Vertraging door stikstofregels; oplevering schuift naar 2024. |
:::

## Betaalbaarheid

> Wij willen dat iedereen in Beverwijk en Heemskerk een betaalbare woning kan vinden.

::: {.kader}
**Passend toewijzen**: ten minste 95% van de vrijkomende sociale huurwoningen.
:::

::: {.concept}
Deze paragraaf wordt nog met de huurdersorganisaties besproken.
:::

::: {.paginaeinde}
:::

## Ondertekening

::: {.handtekening}
Aldus overeengekomen en ondertekend te Beverwijk op 1 december 2022.

| Partij | Namens deze |
|--------|-------------|
| Gemeente Beverwijk | S. Ferraro, wethouder Wonen |
| Woonopmaat | S. Hooftman, directeur-bestuurder |
:::
"""

SVG = b"""<?xml version="1.0" encoding="utf-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"
  "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns:xlink="http://www.w3.org/1999/xlink" width="432pt" height="216pt"
     viewBox="0 0 432 216" xmlns="http://www.w3.org/2000/svg" version="1.1">
 <metadata>
  <rdf:RDF xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
   <dc:title>grafiek</dc:title>
  </rdf:RDF>
 </metadata>
 <defs>
  <style type="text/css">*{stroke-linejoin: round; stroke-linecap: butt}</style>
  <clipPath id="p1"><rect x="40" y="10" width="380" height="180"/></clipPath>
  <path id="m1" d="M 0 3 L 0 -3" style="stroke: #1b1b1b"/>
 </defs>
 <g id="figure_1">
  <rect x="0" y="0" width="432" height="216" style="fill: #ffffff"/>
  <g clip-path="url(#p1)">
   <path d="M 40 190 L 160 150 L 280 90 L 400 40" style="fill: none; stroke: #154273; stroke-width: 3"/>
   <path d="M 40 120 L 400 120" style="fill: none; stroke: #7a5c00; stroke-dasharray: 6 4; stroke-width: 2"/>
  </g>
  <use xlink:href="#m1" x="40" y="190"/>
  <use xlink:href="#m1" x="400" y="40" onclick="alert(1)"/>
 </g>
</svg>
"""


def info(concept: bool = True) -> Documentinfo:
    """Properties of the sample document, with one chart."""
    return Documentinfo(
        titel="Prestatieafspraken Beverwijk en Heemskerk 2022–2025",
        onderwerp="Prestatieafspraken over wonen in Beverwijk en Heemskerk",
        auteurs=("Gemeente Beverwijk", "Gemeente Heemskerk"),
        trefwoorden=("prestatieafspraken", "wonen"),
        versie="1.0 (a1b2c3d)",
        datum=dt.datetime(2022, 12, 1, 9, 30, tzinfo=dt.timezone.utc),
        concept=concept,
        soort="overeenkomst",
        generator="prestatie 0.1.0",
        afbeeldingen={"grafiek-nieuwbouw": Afbeelding(png=b"", svg=SVG)},
    )


PERSBERICHT = """\
::: {.dateline}
**PERSBERICHT**

1 december 2022
:::

::: {.embargo}
**EMBARGO tot donderdag 1 december 2022, 10.00 uur**
:::

# Beverwijk en Heemskerk bouwen samen 600 sociale huurwoningen

::: {.lead}
**BEVERWIJK/HEEMSKERK** – De gemeenten Beverwijk en Heemskerk, de woningcorporaties en de
huurdersorganisaties hebben nieuwe prestatieafspraken getekend.
:::

## Meer woningen voor starters

De partijen bouwen tot en met 2025 ten minste 600 sociale huurwoningen, onder meer in het
Kuenenpleingebied en aan de Debora Bakelaan.

::: {.citaat}
“Iedereen moet een betaalbare woning kunnen vinden.”

— S. Ferraro, wethouder Wonen, gemeente Beverwijk
:::

---

::: {.noot}
**Noot voor de redactie** (niet voor publicatie)

Voor meer informatie: afdeling Communicatie, telefoon 0251 256 256,
[communicatie@beverwijk.nl](mailto:communicatie@beverwijk.nl).
:::
"""


def info_persbericht() -> Documentinfo:
    """Properties of the sample press release (final, no charts)."""
    return Documentinfo(
        titel="Beverwijk en Heemskerk bouwen samen 600 sociale huurwoningen",
        versie="1.0 (a1b2c3d)",
        datum=dt.datetime(2022, 12, 1, 9, 30, tzinfo=dt.timezone.utc),
        soort="persbericht",
        generator="prestatie 0.1.0",
    )
