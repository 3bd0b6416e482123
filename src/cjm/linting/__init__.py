"""cjm lint: rules that say what a journey map is missing or gets wrong."""
