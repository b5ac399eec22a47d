"""Login for every role."""

from ui import boot, login

boot.through_navigation()

login.login_page()
