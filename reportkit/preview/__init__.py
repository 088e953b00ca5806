"""``reportkit preview``: the web edition served on 127.0.0.1, rebuilt on every save, updated in the
open page by itself (Server-Sent Events), with located problems shown in the page.

``state.PreviewState`` holds the last good page and the current problems; ``server`` serves them
(localhost only, from memory: nothing on disk is served); ``pictures`` turns the memo and the deck into
page images on request, where poppler's ``pdftoppm`` (and LibreOffice for the deck) are installed.
"""
