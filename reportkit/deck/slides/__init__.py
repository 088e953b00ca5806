"""The deck's slide families, one module each; every one is a function of the shared ``context.Deck``
returning its slides. ``deck.plan`` puts them in order."""
