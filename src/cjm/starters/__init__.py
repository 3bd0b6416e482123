"""`cjm init`'s starting maps: the templates and languages there are (here, so the command line can
offer them without importing the rest) and, in `build`, the files each one writes."""

from typing import Final

TEMPLATES: Final = ("online-shop", "saas", "b2b-service", "bank", "blank")
"""The templates, the default first."""
LANGUAGES: Final = ("en", "ru", "pl", "de")
"""The languages a starting map is written in, the default first."""
