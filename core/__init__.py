"""Pure domain rules of the มชช. portal: standard library (and tiny pure libraries) only."""
