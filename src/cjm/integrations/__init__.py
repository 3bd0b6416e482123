"""Journey maps inside documentation sites: a MkDocs plugin (`cjm.integrations.mkdocs`) and a
Sphinx extension (`cjm.integrations.sphinx`), both on `cjm.integrations.embed`."""
