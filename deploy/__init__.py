"""Running the portal in production: one process (`make serve`) or several behind HAProxy."""
