"""Fonts for ReportLab PDFs: a CJK font (bundled or chosen) plus a Latin fallback, both embedded.

The bundled Droid Sans Fallback has Chinese but NO Latin letters, digits or “” quotes (on Android it backs up
Roboto); ReportLab has no per-glyph fallback, so dates and numbers would print as nothing. `pdf_fonts()`
therefore pairs the CJK font with Roboto (TrueType, Apache-2.0, bundled in resources/fonts) and
`PdfFonts.markup()` switches font per run of characters the CJK font lacks.
Every PDF (sign-in sheets, briefs) uses these; a chosen font that ReportLab cannot embed (CFF-outline
OpenType such as Noto Sans CJK, a missing file) falls back to the bundled one instead of failing the print.
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from models.paths import RESOURCES_DIR

log = logging.getLogger(__name__)

BUNDLED_FONT = RESOURCES_DIR / "fonts" / "DroidSansFallbackFull.ttf"
BUNDLED_LATIN = RESOURCES_DIR / "fonts" / "Roboto-Regular.ttf"
BUNDLED_NAME = "StationCJK"
LATIN_NAME = "StationLatin"

_lock = threading.Lock()
_registered: dict[str, str] = {}  # "path#index" -> registered ReportLab font name


def _register(path: Path, subfont_index: int, name: str) -> str:
    key = f"{path.resolve()}#{subfont_index}"
    with _lock:
        if key in _registered:
            return _registered[key]
        # .ttc collections (WenQuanYi Micro Hei) need the subfont index; plain .ttf ignores it.
        pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=subfont_index))
        _registered[key] = name
        return name


def register_fonts() -> str:
    """Register the bundled CJK font once (idempotent) and return its ReportLab name."""
    return _register(BUNDLED_FONT, 0, BUNDLED_NAME)


# The largest font file accepted (CJK collections are 10-40 MB): ReportLab reads the whole file into memory.
FONT_MAX_BYTES = 64 * 1024 * 1024


def font_file_problem(path: Path) -> str | None:
    """Why `path` cannot be a font file (in Chinese), or None: only a regular file of a sane size is ever read.

    A device (/dev/zero, /dev/urandom), a FIFO or a directory would be read without end or block the print.
    """
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return f"找不到字体文件“{path.name}”或无法读取。"
    if not stat.S_ISREG(st.st_mode):
        return f"“{path.name}”不是普通的字体文件。"
    if st.st_size > FONT_MAX_BYTES:
        limit = FONT_MAX_BYTES // 1024 // 1024
        return f"字体文件“{path.name}”有 {st.st_size / 1024 / 1024:.0f} MB，超过 {limit} MB 的上限。"
    return None


def font_name(preferred_path: str | Path | None = None, *, subfont_index: int = 0) -> str:
    """The CJK font to print with: the preferred TrueType file when it can be embedded, else the bundled one."""
    if preferred_path and font_file_problem(Path(preferred_path)) is not None:
        # A setting edited outside 设置 (or carried in by an old restore): never read it, print with the bundled font.
        log.warning("简报字体文件不可用（已不存在、不是普通文件或过大），已改用内置字体。")
        preferred_path = None
    if preferred_path:
        path = Path(preferred_path)
        digest = hashlib.sha1(f"{path.resolve()}#{subfont_index}".encode()).hexdigest()[:10]
        try:
            return _register(path, subfont_index, f"StationCJK-{digest}")
        except (OSError, TTFError) as exc:
            # Logged, not raised: a print must still come out; the bundled font covers every Chinese character.
            log.warning("font %s not usable (%s), using the bundled font", path.name, exc.__class__.__name__)
    return register_fonts()


def latin_font_path() -> Path | None:
    """Roboto Regular, bundled in resources/fonts (Apache-2.0) beside the CJK font."""
    return BUNDLED_LATIN if BUNDLED_LATIN.is_file() else None


def latin_font_name() -> str:
    """The embedded Latin fallback; Helvetica (a PDF standard font every viewer has) if Roboto is missing."""
    path = latin_font_path()
    if path is not None:
        try:
            return _register(path, 0, LATIN_NAME)
        except (OSError, TTFError) as exc:
            log.warning("Latin font not usable (%s), using Helvetica", exc.__class__.__name__)
    return "Helvetica"


def _covers(font: str) -> Any:
    face = getattr(pdfmetrics.getFont(font), "face", None)
    return getattr(face, "charToGlyph", None)


@dataclass(frozen=True)
class PdfFonts:
    """A CJK font and the Latin font used for the characters it lacks."""

    cjk: str
    latin: str

    def runs(self, text: str) -> list[tuple[str, str]]:
        """Split text into (font, chunk) runs, each chunk drawable in its font."""
        cmap = _covers(self.cjk)
        out: list[tuple[str, str]] = []
        for ch in text:
            font = self.cjk if cmap is None or ord(ch) in cmap or ch.isspace() else self.latin
            if out and out[-1][0] == font:
                out[-1] = (font, out[-1][1] + ch)
            else:
                out.append((font, ch))
        return out

    def markup(self, text: str) -> str:
        """User text as escaped Paragraph markup, Latin runs wrapped in <font name=...>."""
        return "".join(escape(chunk) if font == self.cjk else f'<font name="{font}">{escape(chunk)}</font>'
                       for font, chunk in self.runs(text))

    def width(self, text: str, size: float) -> float:
        return sum(pdfmetrics.stringWidth(chunk, font, size) for font, chunk in self.runs(text))

    def draw_centred(self, canvas: Any, x: float, y: float, text: str, size: float) -> None:
        """drawCentredString with the fallback: each run in its own font."""
        left = x - self.width(text, size) / 2
        for font, chunk in self.runs(text):
            canvas.setFont(font, size)
            canvas.drawString(left, y, chunk)
            left += pdfmetrics.stringWidth(chunk, font, size)


def pdf_fonts(preferred_path: str | Path | None = None, *, subfont_index: int = 0) -> PdfFonts:
    """The font pair for a PDF: font_name(...) for Chinese, latin_font_name() for what it lacks."""
    return PdfFonts(font_name(preferred_path, subfont_index=subfont_index), latin_font_name())


def cjk_style(name: str, *, font: str, size: float, leading: float | None = None,
              alignment: int = TA_LEFT) -> ParagraphStyle:
    """A ParagraphStyle for Chinese (wordWrap='CJK', lines broken by cjk_lines.CjkParagraph) with a set leading.

    No single-line orphan or widow: a paragraph splits across pages only with two lines on each side.
    """
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading or size * 1.3,
                          alignment=alignment, wordWrap="CJK", allowOrphans=0, allowWidows=0)


# --- the formal brief's faces (GB/T 9704: body in 仿宋, title in 小标宋; 宋 or 黑 will do) -----------------------

# (file name, what to call it): the first one found that ReportLab can embed is used. OpenType/CFF files (Fandol,
# Noto CJK) are listed for completeness but cannot be embedded, so they are skipped when tried.
BODY_FACES = (("simfang.ttf", "仿宋（simfang）"), ("STFANGSO.TTF", "华文仿宋"), ("FZFSJW.TTF", "方正仿宋"),
              ("FZFSK.TTF", "方正仿宋"), ("FandolFang-Regular.otf", "Fandol 仿宋"), ("ukai.ttc", "AR PL UKai 楷体"),
              ("gkai00mp.ttf", "AR PL KaitiM 楷体"))
TITLE_FACES = (("FZXBSJW.TTF", "方正小标宋"), ("FZXBSK.TTF", "方正小标宋"), ("simsun.ttc", "宋体（simsun）"),
               ("STSONG.TTF", "华文宋体"), ("uming.ttc", "AR PL UMing 明体"), ("gbsn00lp.ttf", "AR PL SungtiL 宋体"),
               ("NotoSerifCJK-Regular.ttc", "Noto Serif CJK"), ("simhei.ttf", "黑体（simhei）"),
               ("wqy-zenhei.ttc", "文泉驿正黑"), ("wqy-microhei.ttc", "文泉驿微米黑"))
BUNDLED_LABEL = "内置字体（Droid Sans Fallback）"


def font_folders() -> list[Path]:
    """The usual font folders of Windows and Linux (system and the user's own)."""
    home = Path.home()
    folders = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    if os.environ.get("LOCALAPPDATA"):
        folders.append(Path(os.environ["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
    folders += [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".fonts", home / ".local/share/fonts"]
    return folders


def _index(folders: tuple[Path, ...]) -> dict[str, Path]:
    """File name (lower case) -> path of every font file under the folders; the first folder wins."""
    found: dict[str, Path] = {}
    for folder in folders:
        try:
            for root, _dirs, files in os.walk(folder):
                for name in files:
                    found.setdefault(name.lower(), Path(root) / name)
        except OSError:
            continue
    return found


@dataclass(frozen=True)
class Face:
    """A font chosen for a role, with the name the brief dialog and the log show."""

    name: str  # the registered ReportLab name
    label: str


def find_face(faces: tuple[tuple[str, str], ...], folders: list[Path] | None = None) -> Face | None:
    """The first of `faces` installed in the font folders that ReportLab can embed, or None."""
    index = _index(tuple(folders if folders is not None else font_folders()))
    for filename, label in faces:
        path = index.get(filename.lower())
        if path is None or font_file_problem(path) is not None:
            continue
        digest = hashlib.sha1(f"{path.resolve()}#0".encode()).hexdigest()[:10]
        try:
            return Face(_register(path, 0, f"StationCJK-{digest}"), f"{label}（{path.name}）")
        except (OSError, TTFError) as exc:  # a CFF-outline OpenType file: try the next one
            log.info("font %s not embeddable (%s)", path.name, exc.__class__.__name__)
    return None


@dataclass(frozen=True)
class DocumentFaces:
    """The body and title fonts of a formal document, and what to tell the user about them."""

    body: PdfFonts
    title: PdfFonts
    body_label: str
    title_label: str

    def describe(self) -> str:
        return f"正文字体：{self.body_label}；标题字体：{self.title_label}"


def document_faces(chosen: str | Path | None = None, folders: list[Path] | None = None) -> DocumentFaces:
    """Body: the font chosen in 设置, else an installed 仿宋-style face, else the bundled one; title: an installed
    小标宋/宋/黑 face, else the body's font. Logged, so a print on another machine can be explained."""
    latin = latin_font_name()
    if chosen and font_name(chosen) != register_fonts():
        body = Face(font_name(chosen), f"设置中选择的字体（{Path(chosen).name}）")
    else:
        body = find_face(BODY_FACES, folders) or Face(register_fonts(), BUNDLED_LABEL)
    title = find_face(TITLE_FACES, folders) or body
    faces = DocumentFaces(PdfFonts(body.name, latin), PdfFonts(title.name, latin), body.label, title.label)
    log.info("简报%s", faces.describe())
    return faces
