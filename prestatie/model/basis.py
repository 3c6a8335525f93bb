"""The model's building blocks: scalar types that read what a writer typed, and ``Knoop``.

The loader hands every scalar over as text; these validators decide what it means (never
YAML 1.1's guesses) and say in Dutch what is wrong.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from ..core.errors import Plaats

# --- scalar types -------------------------------------------------------------------------
# The loader hands every scalar over as the text the writer typed (or None for an empty
# value), so these validators decide what a value means, not YAML 1.1.

_ID = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$")
"""What an id may be; the JSON Schema uses this very pattern, so editor and tool agree."""
ID_PATTERN = _ID.pattern
_INT = re.compile(r"^[+-]?\d+$")
_FLOAT = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_AMBIGUOUS_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2})[:.](\d{2})$")
_HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?][^<>]*>")


def _fail(message: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError("prestatie", message, context)


def _to_int(value: Any) -> int:
    if isinstance(value, bool):
        raise _fail("verwacht een geheel getal, geen ja/nee")
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        text = value.strip()
        if _INT.match(text):
            return int(text)
        if _AMBIGUOUS_THOUSANDS.match(text):
            raise _fail(
                "'{tekst}' is dubbelzinnig: schrijf het getal zonder punt, bijvoorbeeld {zonder}",
                tekst=text,
                zonder=text.replace(".", ""),
            )
    raise _fail("'{tekst}' is geen geheel getal; schrijf alleen cijfers, bijvoorbeeld 120", tekst=value)


def _to_float(value: Any) -> float:
    if isinstance(value, bool):
        raise _fail("verwacht een getal, geen ja/nee")
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        text = value.strip()
        if _AMBIGUOUS_THOUSANDS.match(text):
            raise _fail(
                "'{tekst}' is dubbelzinnig: schrijf duizendtallen zonder punt ({zonder}) "
                "en decimalen met een punt (bijvoorbeeld 97.5)",
                tekst=text,
                zonder=text.replace(".", ""),
            )
        if _FLOAT.match(text):
            return float(text)
        if re.match(r"^[+-]?\d+,\d+$", text):
            raise _fail(
                "'{tekst}': gebruik in YAML een punt als decimaalteken, dus {punt}",
                tekst=text,
                punt=text.replace(",", "."),
            )
    raise _fail("'{tekst}' is geen getal; schrijf bijvoorbeeld 120 of 97.5", tekst=value)


def _to_date(value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        m = _DATE.match(value.strip())
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                raise _fail(
                    "'{tekst}' is geen bestaande datum; controleer dag en maand (JJJJ-MM-DD)",
                    tekst=value,
                ) from None
    raise _fail("'{tekst}' is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2025-01-31", tekst=value)


def _to_datetime(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        m = _DATETIME.match(value.strip())
        if m:
            try:
                return dt.datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]))
            except ValueError:
                raise _fail("'{tekst}' is geen bestaand tijdstip", tekst=value) from None
    raise _fail(
        "'{tekst}' is geen tijdstip; schrijf JJJJ-MM-DD UU:MM, bijvoorbeeld 2022-03-15 10:00",
        tekst=value,
    )


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "ja"):
        return True
    if isinstance(value, str) and value.strip().lower() in ("false", "nee"):
        return False
    raise _fail("'{tekst}' is geen ja/nee-waarde; schrijf true of false", tekst=value)


def _to_termijn(value: Any) -> int | dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _DATE.match(value.strip()):
        return _to_date(value)
    try:
        return _to_int(value)
    except PydanticCustomError:
        raise _fail(
            "'{tekst}' is geen termijn; schrijf een jaar (2024) of een datum (2024-06-30)",
            tekst=value,
        ) from None


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise _fail(
            "'{tekst}' is geen geldige id; een id bestaat uit letters (hoofdletters mogen), cijfers, "
            "streepjes en punten, zonder spaties, en begint en eindigt met een letter of cijfer, "
            "bijvoorbeeld 'debora-bakelaan', 'B3' of '2.1.1'; het nummer of label zoals de "
            "overeenkomst het schrijft ('Thema A', '2.1 a') hoort in 'nummer:'",
            tekst=value,
        )
    return value


def _check_webadres(value: str) -> str:
    if not re.match(r"^https?://[^\s/?#]+\.[^\s/?#]+(/[^\s?#]*)?$", value):
        raise _fail(
            "'{tekst}' is geen webadres van een map; schrijf het volledig, bijvoorbeeld "
            "'https://www.gemeente.nl/prestatieafspraken/2022-2025'",
            tekst=value,
        )
    return value.rstrip("/") + "/"


def _check_markdown(value: str) -> str:
    m = _HTML_TAG.search(value)
    if m:
        raise _fail(
            "tekst bevat HTML ('{tag}'); HTML is hier niet toegestaan, gebruik Markdown "
            "(*nadruk*, **vet**, [link](https://…), lijstjes met -)",
            tag=m.group(0),
        )
    return value


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise _fail("verwacht tekst")


Tekst = Annotated[str, BeforeValidator(_text)]
"""Plain text: shown literally, never interpreted as Markdown."""
Markdown = Annotated[str, BeforeValidator(_text), AfterValidator(_check_markdown)]
Webadres = Annotated[str, BeforeValidator(_text), AfterValidator(_check_webadres)]
"""Text that may hold Markdown (emphasis, links, lists) but never HTML."""
Id = Annotated[
    str,
    BeforeValidator(_text),
    AfterValidator(_check_id),
    WithJsonSchema({"type": ["string", "integer"], "pattern": _ID.pattern, "minimum": 0}),
]
"""An id: letters, digits and hyphens. A bare number (an id '12') is an integer to an editor."""
Geheel = Annotated[int, BeforeValidator(_to_int), WithJsonSchema({"type": "integer"})]
Jaar = Annotated[int, BeforeValidator(_to_int), Field(ge=1900, le=2200), WithJsonSchema({"type": "integer", "minimum": 1900, "maximum": 2200})]
Getal = Annotated[float, BeforeValidator(_to_float), WithJsonSchema({"type": "number"})]
Datum = Annotated[dt.date, BeforeValidator(_to_date), WithJsonSchema({"type": "string", "format": "date"})]
Tijdstip = Annotated[
    dt.datetime,
    BeforeValidator(_to_datetime),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}[T ]\d{1,2}[:.]\d{2}$"}),
]
JaNee = Annotated[bool, BeforeValidator(_to_bool), WithJsonSchema({"type": "boolean"})]
Termijn = Annotated[
    int | dt.date,
    BeforeValidator(_to_termijn),
    WithJsonSchema({"anyOf": [{"type": "integer"}, {"type": "string", "format": "date"}]}),
]


# --- base ---------------------------------------------------------------------------------


class Knoop(BaseModel):
    """A node of the model that remembers where in the sources it was written."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=False,
        populate_by_name=True,
        use_attribute_docstrings=True,
        str_strip_whitespace=False,
    )
    # Plain defaults, no default_factory: pydantic inspects a factory for every instance.
    _plaats: Plaats | None = PrivateAttr(default=None)
    _velden: dict[str, Plaats] | None = PrivateAttr(default=None)

    def waar(self, veld: str | None = None) -> Plaats | None:
        """Where this node (or one of its fields) stands in the sources."""
        if veld is not None and self._velden and veld in self._velden:
            return self._velden[veld]
        return self._plaats


Soort = Literal["gemeente", "corporatie", "huurdersorganisatie", "overig"]
