"""The project package: settings, URLs, WSGI, the Jinja2 environment, staff groups, demo loading."""
