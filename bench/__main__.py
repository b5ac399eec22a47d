"""`make bench` runs every benchmark in turn."""

from bench import page_reruns, pdf

page_reruns.main()
pdf.main()
