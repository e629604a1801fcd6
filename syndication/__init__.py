"""Syndication: RSS and Atom feeds, the sitemap and robots.txt, the agenda as iCalendar."""
