"""A Chinese font for the PDFs: a real TrueType font found on the system (embedded), else STSong-Light.

Song/FangSong faces are preferred for official forms (Windows: SimSun, FangSong; Linux: AR PL UMing), then any
CJK TrueType (WenQuanYi). reportlab cannot embed CFF-flavoured OpenType (most Noto CJK .otf/.ttc), so only
TrueType files are tried; when none works the built-in STSong-Light CID font is used (not embedded: the reader
supplies it), with a warning.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass, field
from pathlib import Path

FALLBACK = "STSong-Light"
# (file name pattern, sub-font index for .ttc) in order of preference: Song/FangSong first
CANDIDATES = [
    ("simsun.ttc", 0), ("simfang.ttf", 0), ("simsun.ttf", 0), ("STSONG.TTF", 0), ("STFANGSO.TTF", 0),
    ("uming.ttc", 0), ("ukai.ttc", 0), ("simhei.ttf", 0), ("msyh.ttc", 0), ("wqy-zenhei.ttc", 0),
    ("wqy-microhei.ttc", 0),
]
FONT_DIRS = ["/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts",
             "C:/Windows/Fonts", "/System/Library/Fonts", "/Library/Fonts"]


@dataclass
class FontChoice:
    """The registered font name, the file it came from (None for STSong-Light), and what went wrong on the way."""

    name: str
    path: Path | None
    embedded: bool
    warnings: list[str] = field(default_factory=list)


def _find(pattern: str) -> Path | None:
    for folder in FONT_DIRS:
        hits = glob.glob(os.path.join(os.path.expanduser(folder), "**", pattern), recursive=True)
        if hits:
            return Path(sorted(hits)[0])
    return None


def system_fonts() -> list[Path]:
    """The CJK TrueType files found on this computer, preferred first (for the font choice in 设置)."""
    found = [_find(pattern) for pattern, _ in CANDIDATES]
    return [p for p in found if p is not None]


def _register(path: Path, index: int = 0) -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = f"CJK-{path.stem}-{index}"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=index))
    return name


def choose_font(preferred: str | None = None) -> FontChoice:
    """Register and return the font to use: ``preferred`` (a file chosen in 设置) if it works, else the best found."""
    warnings: list[str] = []
    tries: list[tuple[Path, int]] = []
    if preferred:
        tries.append((Path(preferred).expanduser(), 0))
    for pattern, index in CANDIDATES:
        path = _find(pattern)
        if path is not None:
            tries.append((path, index))
    for path, index in tries:
        try:
            return FontChoice(_register(path, index), path, True, warnings)
        except Exception as exc:
            warnings.append(f"字体“{path.name}”无法嵌入（{exc.__class__.__name__}），已改用其他字体。")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FALLBACK not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK))
    warnings.append("未找到可嵌入的中文 TrueType 字体，已使用内置的 STSong-Light（不嵌入，由阅读器提供字形）。")
    return FontChoice(FALLBACK, None, False, warnings)
