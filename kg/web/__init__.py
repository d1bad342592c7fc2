"""trialkg on the web: trial pages, content negotiation, overview plots (see :mod:`kg.web.site`)."""
