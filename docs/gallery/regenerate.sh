#!/usr/bin/env bash
# Regenerate the gallery: one PNG per memo page and per slide of the reference briefing, for each
# built-in theme, the Word memo's pages as LibreOffice Writer prints them, and the script test
# briefings' pages (right-to-left, CJK, emoji, 10x long). Needs pdftoppm
# (poppler-utils) and soffice (libreoffice-impress, libreoffice-writer).
#   bash docs/gallery/regenerate.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
gallery=docs/gallery
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
dpi=${GALLERY_DPI:-50}
for theme in ${GALLERY_THEMES:-default}; do
  # Each format is built on its own so one unfinished renderer does not hide the other's pages.
  for fmt in memo deck docx; do
    python3 -m reportkit build content/us-russia-talks.yaml --theme "$theme" --format $fmt --out "$tmp/$theme" --quiet || true
  done
  suffix=$([[ $theme == default ]] && echo "" || echo "-$theme")
  rm -f "$gallery"/memo"$suffix"-page-*.png "$gallery"/deck"$suffix"-slide-*.png "$gallery"/docx"$suffix"-page-*.png
  if compgen -G "$tmp/$theme/*-memo.pdf" >/dev/null; then
    pdftoppm -r "$dpi" -png "$tmp/$theme"/*-memo.pdf "$gallery/memo$suffix-page"
  fi
  if compgen -G "$tmp/$theme/*-deck.pptx" >/dev/null; then
    prof=$(mktemp -d)
    soffice --headless --norestore "-env:UserInstallation=file://$prof" --convert-to pdf --outdir "$tmp/$theme/deckpdf" "$tmp/$theme"/*-deck.pptx >/dev/null 2>&1
    rm -rf "$prof"
    pdftoppm -r "$dpi" -png "$tmp/$theme"/deckpdf/*.pdf "$gallery/deck$suffix-slide"
  fi
  if compgen -G "$tmp/$theme/*-memo.docx" >/dev/null; then
    prof=$(mktemp -d)
    soffice --headless --norestore "-env:UserInstallation=file://$prof" --convert-to pdf --outdir "$tmp/$theme/docxpdf" "$tmp/$theme"/*-memo.docx >/dev/null 2>&1
    rm -rf "$prof"
    pdftoppm -r "$dpi" -png "$tmp/$theme"/docxpdf/*.pdf "$gallery/docx$suffix-page"
  fi
done
# The script test briefings (issue 12): Persian, Arabic and Hebrew with emoji, Korean, Chinese and
# Japanese, every page and slide per theme; their 10x-long versions, the memo's first two pages and
# the deck's first four slides (all of it is checked by tests/memo/test_scripts.py).
for theme in ${GALLERY_THEMES:-default}; do
  suffix=$([[ $theme == default ]] && echo "" || echo "-$theme")
  for name in scripts-rtl scripts-cjk; do
    python3 docs/gallery/ten_times.py "tests/data/$name.yaml" "$tmp/$name-10x.yaml"
    for src in "tests/data/$name.yaml" "$tmp/$name-10x.yaml"; do
      stem=$(basename "$src" .yaml)
      out=$tmp/scripts/$theme/$stem
      rm -f "$gallery/$stem$suffix"-memo-page-*.png "$gallery/$stem$suffix"-deck-slide-*.png
      python3 -m reportkit build "$src" --theme "$theme" --out "$out" --quiet || true
      last=(); [[ $stem == *-10x ]] && last=(-l 2)
      if compgen -G "$out/*-memo.pdf" >/dev/null; then
        pdftoppm -r "$dpi" -png "${last[@]}" "$out"/*-memo.pdf "$gallery/$stem$suffix-memo-page"
      fi
      if compgen -G "$out/*-deck.pptx" >/dev/null; then
        prof=$(mktemp -d)
        soffice --headless --norestore "-env:UserInstallation=file://$prof" --convert-to pdf --outdir "$out/deckpdf" "$out"/*-deck.pptx >/dev/null 2>&1
        rm -rf "$prof"
        [[ $stem == *-10x ]] && last=(-l 4)
        pdftoppm -r "$dpi" -png "${last[@]}" "$out"/deckpdf/*.pdf "$gallery/$stem$suffix-deck-slide"
      fi
    done
  done
done
ls "$gallery"
# The web edition at desktop and phone widths (headless Chromium through Playwright).
python3 docs/gallery/html_screens.py
