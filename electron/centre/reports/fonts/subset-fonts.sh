#!/usr/bin/env bash
# Writes the two fonts the session PDFs embed: DejaVu Sans Condensed (regular and bold, from the npm package
# dejavu-fonts-ttf) cut down to the scripts a candidate's name or a comment may be written in — Latin (with
# Vietnamese and the combining accents), Greek, Cyrillic, Hebrew, Arabic — and the punctuation, currency signs and
# symbols of French text, and the presentation forms (ligatures, joined Arabic letters) the layout draws:
# without their code points, a PDF reader cannot copy them back to text. The whole fonts are ≈ 680 KB each; these are ≈ 180 KB each.
# Each PDF embeds them cut once more to its own text (../font-subset.ts, hb-subset), ≈ 10 KB a font, embedded whole
# (`subset: false`: pdf-lib's own subsetting is reported to corrupt glyphs, stack.md).
# Needs fontTools (`pip install fonttools`, 4.x). Run from the repository's root:
#   bash electron/centre/reports/fonts/subset-fonts.sh
# report-fonts.test.ts checks that every code point of these ranges the whole font has is in the cut-down one.
set -euo pipefail
SOURCE=node_modules/dejavu-fonts-ttf/ttf
OUT=electron/centre/reports/fonts
# Keep in step with RANGES in ../report-fonts.test.ts.
UNICODES="U+0000-024F,U+02B0-02FF,U+0300-036F,U+0370-03FF,U+0400-052F,U+0590-05FF,U+0600-06FF,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2190-21FF,U+2713-2717,U+FB00-FB4F,U+FB50-FDFF,U+FE70-FEFF,U+FFFD"
for font in DejaVuSansCondensed DejaVuSansCondensed-Bold; do
  pyftsubset "$SOURCE/$font.ttf" --unicodes="$UNICODES" --layout-features='*' --name-IDs='*' --name-languages='*' \
    --notdef-outline --output-file="$OUT/$font-subset.ttf"
done
