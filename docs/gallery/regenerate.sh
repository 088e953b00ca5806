#!/usr/bin/env bash
# Regenerate the gallery: one PNG per memo page and per slide of the reference briefing, for each
# built-in theme, and the Word memo's pages as LibreOffice Writer prints them. Needs pdftoppm
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
ls "$gallery"
# The web edition at desktop and phone widths (headless Chromium through Playwright).
python3 docs/gallery/html_screens.py
