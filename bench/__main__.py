"""`make bench` runs every benchmark in turn."""

from bench import page_reruns

page_reruns.main()
