"""Login for every role."""

from ui import login

login.login_page()
