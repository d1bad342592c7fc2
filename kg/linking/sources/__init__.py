"""Where lexicon entries come from: the bundled files, user vocabularies, online services."""
