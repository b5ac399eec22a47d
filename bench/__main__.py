"""`make bench` runs every benchmark in turn."""

from bench import pages, pdf, publicity, registry_import, registry_search

pages.from_make()  # real servers over the websocket; writes bench/RESULTS.md
pdf.main()
registry_import.main()
registry_search.main()
publicity.main()
