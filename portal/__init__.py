"""The town portal's project package: settings, URLs, the site shell and its sidebar blocks."""
