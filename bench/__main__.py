"""`make bench` runs every benchmark in turn."""

from bench import page_reruns, pdf, publicity, registry_import, registry_search

page_reruns.main()
pdf.main()
registry_import.main()
registry_search.main()
publicity.main()
