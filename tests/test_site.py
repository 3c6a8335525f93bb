"""`prestatie site` over a git history with two versions of one agreement: every version's
files, the redline between them, a page per gemeente and corporation, search without a
server, schema.org metadata per document; valid and accessible, and it works from disk."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest
import yaml
from a11y.checks import check_axe, check_nu

from conftest import ROOT, needs_tool, run
from prestatie.pipeline.site import site

MAP = "bergen-2024-2027"
FORMATEN = ("md", "html", "data", "ics")
GIT = ["git", "-c", "user.name=Beleid", "-c", "user.email=beleid@example.nl"]


def _git(repo: Path, *args: str) -> None:
    subprocess.run([*GIT, *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project in git: everything at version 1.0 (tagged), then Bergen's version 1.1 with
    one afspraak and one progress summary changed."""
    root = tmp_path_factory.mktemp("site") / "project"
    shutil.copytree(ROOT / "bron", root / "bron")
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "Versie 1.0")
    _git(root, "tag", "v1.0")
    o = root / "bron" / MAP / "overeenkomst.yaml"
    text = re.sub(r"^versie: .*$", "versie: '1.1'", o.read_text(encoding="utf-8"), count=1, flags=re.M)
    o.write_text(text.replace("overleggen elke vier maanden", "overleggen elke drie maanden", 1), encoding="utf-8")
    v = root / "bron" / MAP / "voortgang" / "2024.yaml"
    v.write_text(v.read_text(encoding="utf-8").replace("De bouw kwam op gang", "De bouw kwam langzaam op gang"),
                 encoding="utf-8")
    _git(root, "commit", "-qam", "Versie 1.1")
    return root


@pytest.fixture(scope="module")
def uit(repo: Path) -> Path:
    r = site(repo / "bron", repo / "site", formaten=FORMATEN, jobs=1)
    assert (r.overeenkomsten, r.versies, r.verschillen) == (3, 4, 1)
    return r.uit


def _page(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(path)).getroot()


def _hrefs(path: Path) -> list[str]:
    return [a.get("href") for a in _page(path).iter("a") if a.get("href")]


def test_every_version_of_an_agreement_with_its_files_and_the_redline(uit: Path) -> None:
    assert sorted(p.name for p in (uit / MAP).iterdir()) == [
        "verschil-versie-1-0-versie-1-1", "versie-1-0", "versie-1-1"]
    for v, zin in (("versie-1-0", "elke vier maanden"), ("versie-1-1", "elke drie maanden")):
        assert zin in (uit / MAP / v / "overeenkomst.md").read_text(encoding="utf-8")
        for naam in ("afspraken.csv", "termijnen.ics", "uittreksel-kennemer-wonen.html", "voortgang-2024.html"):
            assert (uit / MAP / v / naam).is_file()
    redline = (uit / MAP / "verschil-versie-1-0-versie-1-1" / "verschil.md").read_text(encoding="utf-8")
    assert "Van versie 1.0 naar versie 1.1." in redline
    assert "elke ~~vier~~ **drie** maanden" in redline
    # verschil covers the progress reports too.
    assert "### Voortgangsrapportage 2024 (gewijzigd)" in redline
    assert "De bouw kwam **langzaam** op gang" in redline
    page = _page(uit / f"{MAP}.html")
    koppen = [h.text_content() for h in page.iter("h2")]
    assert koppen[0].startswith("Versie 1.1") and koppen[0].endswith("(nu)") and koppen[1].startswith("Versie 1.0")
    assert "Vastgelegd als v1.0." in page.text_content()
    assert f"{MAP}/verschil-versie-1-0-versie-1-1/verschil.docx" in _hrefs(uit / f"{MAP}.html")
    # An agreement that did not change has one version.
    assert [p.name for p in (uit / "heerlen-2020-2024").iterdir()] == ["versie-2-0"]


def test_every_link_works_from_disk_and_is_relative(uit: Path) -> None:
    for html in [*uit.glob("*.html")]:
        for href in _hrefs(html):
            assert not href.startswith(("/", "http:", "https:", "file:")) and ".." not in href, (html, href)
            target = uit / unquote(urlsplit(href).path) if not href.startswith("#") else html
            assert target.is_file(), (html.name, href)
            fragment = urlsplit(href).fragment
            if fragment and target.suffix == ".html":
                assert _page(target).get_element_by_id(fragment) is not None, (html.name, href)


def test_a_page_per_gemeente_and_corporation_with_its_extract(uit: Path) -> None:
    for m in ("bergen-2024-2027", "beverwijk-heemskerk-2022-2025", "heerlen-2020-2024"):
        o = yaml.safe_load((ROOT / "bron" / m / "overeenkomst.yaml").read_text(encoding="utf-8"))
        for p in o["partijen"]:
            if p["soort"] not in ("gemeente", "corporatie"):
                continue
            pages = [f for f in uit.glob(f"{p['soort']}-*.html") if _page(f).findtext(".//h1").strip() == p["naam"]]
            assert len(pages) == 1, p["naam"]
            hrefs = _hrefs(pages[0])
            assert f"{m}.html" in hrefs
            assert any(h.endswith(f"/uittreksel-{p['id']}.html") for h in hrefs), (p["naam"], hrefs)
    index = _hrefs(uit / "index.html")
    assert "gemeente-heemskerk.html" in index and "corporatie-stichting-pre-wonen.html" in index


def test_search_index_holds_every_afspraak_of_the_newest_versions(uit: Path) -> None:
    data = json.loads((uit / "zoeken.json").read_text(encoding="utf-8"))
    script = (uit / "zoekindex.js").read_text(encoding="utf-8")
    assert json.loads(script.removeprefix("window.prestatieZoekindex = ").rstrip().rstrip(";")) == data
    for m in ("bergen-2024-2027", "beverwijk-heemskerk-2022-2025", "heerlen-2020-2024"):
        o = yaml.safe_load((ROOT / "bron" / m / "overeenkomst.yaml").read_text(encoding="utf-8"))
        mine = [d for d in data if d["href"].startswith(f"{m}/")]
        ids = [str(a["id"]) for a in o["afspraken"] if "id" in a]  # an unnumbered item has none to show
        assert [i for i in (d["href"].split("#")[1] for d in mine) if i in ids] == ids
        assert len(mine) == len(o["afspraken"])
    overleg = next(d for d in data if d["href"].endswith("#overleg"))
    assert overleg["href"] == f"{MAP}/versie-1-1/overeenkomst.html#overleg"
    assert "drie maanden" in overleg["tekst"]


def test_search_in_the_browser_from_disk_and_without_javascript(uit: Path) -> None:
    node = needs_tool("node")
    out = subprocess.run([node, str(ROOT / "tests" / "browser" / "zoeken.mjs"), str(uit / "index.html"),
                          "drie maanden"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["status"] == "1 afspraak gevonden"
    assert result["links"] == [["1.1 Overleg over knelpunten en voortgang",
                                (uit / MAP / "versie-1-1" / "overeenkomst.html").as_uri() + "#overleg"]]
    assert "Zonder JavaScript vindt u alle overeenkomsten hieronder" in result["zonderScript"]
    assert result["veldZonderScript"] is False


def test_metadata_per_document(uit: Path) -> None:
    graph = json.loads((uit / "publicatie.jsonld").read_text(encoding="utf-8"))
    assert graph["@context"] == "https://schema.org/"
    records = {r["@id"]: r for r in graph["@graph"]}
    r = records[f"{MAP}/versie-1-0/overeenkomst.html"]
    o = yaml.safe_load((ROOT / "bron" / MAP / "overeenkomst.yaml").read_text(encoding="utf-8"))
    assert r["name"] == o["titel"] and r["genre"] == "Prestatieafspraken"
    assert r["version"].startswith("1.0")
    assert records[f"{MAP}/versie-1-1/overeenkomst.html"]["version"].startswith("1.1")
    # The agreement's makers as it was signed: a party that joined later by an accession is none.
    later = {i for ins in o["instrumenten"] if ins["soort"] == "toetreding" for i in ins["partijen"]}
    assert later, "the example should hold an accession"
    assert [c["name"] for c in r["creator"]] == [p["naam"] for p in o["partijen"] if p["id"] not in later]
    assert r["license"] == "https://creativecommons.org/publicdomain/zero/1.0/"
    assert r["encodingFormat"] == "text/html" and r["inLanguage"] == "nl"
    assert r["datePublished"] == str(o["ondertekening"]["datum"])
    assert r["temporalCoverage"] == f"{o['looptijd']['van']}/{o['looptijd']['tot']}"
    # One record per published document file (an extract's calendar too), each of them on disk.
    files = {p.relative_to(uit).as_posix() for p in uit.glob("*/*/*") if "verschil" not in p.parent.name
             and (p.suffix in (".html", ".md") or (p.suffix == ".ics" and p.name.startswith("uittreksel-")))}
    assert set(records) == files


def test_absolute_links_under_the_publication_address(repo: Path, tmp_path: Path) -> None:
    adres = "https://example.nl/wonen/afspraken/"
    r = site(repo / "bron", tmp_path / "site", adres=adres, formaten=("html",), jobs=1)
    hrefs = [h for p in r.uit.glob("*.html") for h in _hrefs(p) if not h.startswith("#")]
    assert hrefs and all(h.startswith(adres) for h in hrefs)
    assert f'<script src="{adres}zoekindex.js" defer>' in (r.uit / "index.html").read_text(encoding="utf-8")
    assert all(rec["@id"].startswith(adres) for rec in json.loads((r.uit / "publicatie.jsonld").read_text())["@graph"])


def test_site_pages_pass_nu_and_axe(uit: Path) -> None:
    pages = [uit / "index.html", uit / f"{MAP}.html", uit / "gemeente-heemskerk.html",
             uit / "corporatie-stichting-pre-wonen.html", uit / MAP / "versie-1-1" / "uittreksel-bergen.html"]
    assert check_nu(*pages) == []
    assert check_axe(*pages) == []


def test_the_command_line(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    code, out = run("site", "--uit", str(tmp_path / "s"), "-f", "html", "-j", "1")
    assert code == 0, out
    assert "Site: 3 overeenkomsten, 4 versies, 1 vergelijkingen" in out
    code, out = run("site", "--adres", "ftp://x", "-f", "html")
    assert code == 2 and "'ftp://x' is geen webadres" in out
