"""The source paper as the fidelity tests read it: its text, its sections and its sentences.

The paper file (``../shared/seed/000_d25af36af3266ac0.txt``) is markdown with a little HTML
(Table 1's bullet lists). Quotes in the graph are compared after :func:`normalise`, which
drops emphasis, heading marks, HTML tags and backslash escapes and collapses whitespace,
so a quote is verbatim "whitespace and markdown aside".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PAPER_TEXT = ROOT.parent / "shared" / "seed" / "000_d25af36af3266ac0.txt"
RES = "https://w3id.org/pasb/resource/"

#: Section slug → (first line, line after the last), found by their headings.
#: Sub-sections (tabel-1, kerja-sama, perspektif) lie inside PEMBAHASAN.
HEADINGS = {
    "abstrak": r"^\*\*ABSTRAK\*\*",
    "pendahuluan": r"^\*\*PENDAHULUAN\*\*",
    "pembahasan": r"^## \*\*PEMBAHASAN\*\*",
    "tabel-1": r"^\*\*Tabel 1 ",
    "kerja-sama": r"^#### \*Kerja Sama ILO - Indonesia\*",
    "perspektif": r"^#### \*Perspektif Neo-Liberalisme\*",
    "penutup": r"^## \*\*PENUTUP\*\*",
    "referensi": r"^## \*\*Referensi\*\*",
}


def normalise(text: str) -> str:
    """Drop markdown emphasis, headings and link syntax (keeping the link text and bare
    URLs), HTML tags and backslash escapes; collapse whitespace; unify quotation marks."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<(https?://[^<>\s]+)>", r"\1", text)
    text = re.sub(r"</?[a-zA-Z][^<>]*>", " ", text)
    text = text.replace("*", "").replace("#", "")
    text = re.sub(r"\\+(?=[_$])", "", text)
    text = text.replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip()


@cache
def lines() -> tuple[str, ...]:
    """The paper's lines (raises ``FileNotFoundError`` when the paper is not beside us)."""
    return tuple(PAPER_TEXT.read_text(encoding="utf-8").splitlines())


@cache
def section_ranges() -> dict[str, tuple[int, int]]:
    """Section slug → half-open range of line indexes."""
    text = lines()
    start = {slug: next(i for i, line in enumerate(text) if re.match(pattern, line))
             for slug, pattern in HEADINGS.items()}
    table_end = next(i for i, line in enumerate(text) if line.startswith("Sumber: ILO")) + 1
    ranges = {
        "front-matter": (0, start["abstrak"]),
        "abstrak": (start["abstrak"], start["pendahuluan"]),
        "pendahuluan": (start["pendahuluan"], start["pembahasan"]),
        "pembahasan": (start["pembahasan"], start["penutup"]),
        "tabel-1": (start["tabel-1"], table_end),
        "kerja-sama": (start["kerja-sama"], start["perspektif"]),
        "perspektif": (start["perspektif"], start["penutup"]),
        "penutup": (start["penutup"], start["referensi"]),
        "referensi": (start["referensi"], len(text)),
    }
    return ranges


@cache
def section_text(slug: str) -> str:
    """The normalised text of one section (``slug`` without ``section-``)."""
    first, end = section_ranges()[slug]
    return normalise("\n".join(lines()[first:end]))


@cache
def paper_text() -> str:
    """The whole paper, normalised."""
    return normalise("\n".join(lines()))


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the paper: its section and its normalised text."""

    section: str
    text: str


def _innermost(index: int) -> str:
    """The innermost section holding line ``index``."""
    found = [(end - first, slug) for slug, (first, end) in section_ranges().items()
             if first <= index < end]
    return min(found)[1]


@cache
def paragraphs() -> tuple[Paragraph, ...]:
    """The paper's paragraphs in order, each in its innermost section.

    A paragraph that a page break split (a blank line inside a sentence, as in
    "… orang\\n\\nlain, …") is joined again: a block that starts in lower case or with "("
    continues the one before it.
    """
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    first = 0
    for index, line in enumerate([*lines(), ""]):
        if line.strip():
            if not current:
                first = index
            current.append(line)
            continue
        if current:
            blocks.append((first, "\n".join(current)))
            current = []
    out: list[Paragraph] = []
    for first, block in blocks:
        text = normalise(block)
        section = _innermost(first)
        continues = text[:1].islower() or text[:1] == "("
        if out and continues and out[-1].section == section:
            out[-1] = Paragraph(section, out[-1].text + " " + text)
        else:
            out.append(Paragraph(section, text))
    return tuple(out)
