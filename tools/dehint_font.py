"""Removes TrueType hinting from a font file, keeping every glyph outline, metric,
table and name: `python3 tools/dehint_font.py IN.ttf OUT.ttf` (needs fontTools).

samplan embeds its fonts in PDFs, where hinting instructions do nothing for how the
text looks in print or in a viewer, but make up about half of every embedded font
subset, which typst compresses again for every document. See fonts/README.md.
"""
import sys

from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import ttProgram

HINTING_TABLES = ("fpgm", "prep", "cvt ", "hdmx", "LTSH", "VDMX", "cvar")
INSTRUCTION_LIMITS = ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                      "maxStackElements", "maxSizeOfInstructions")


def dehint(source: str, target: str) -> None:
    font = TTFont(source, recalcTimestamp=False)
    for tag in HINTING_TABLES:
        if tag in font:
            del font[tag]
    glyf = font["glyf"]
    for name in glyf.keys():
        glyph = glyf[name]
        if hasattr(glyph, "program"):
            glyph.program = ttProgram.Program()
            glyph.program.fromBytecode(b"")
    maxp = font["maxp"]
    maxp.maxZones = 1
    for field in INSTRUCTION_LIMITS:
        setattr(maxp, field, 0)
    font.save(target)


if __name__ == "__main__":
    dehint(sys.argv[1], sys.argv[2])
