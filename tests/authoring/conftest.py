"""The authoring tests' own fixtures live in resources/: notebooks there are inputs, not lessons for nbval."""

collect_ignore_glob = ["resources/*"]
