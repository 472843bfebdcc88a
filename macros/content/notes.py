"""Sentences that travel with our text wherever it goes: pages, embeds and the API.

Written once here: the page template, the embed template and every API document
print them from these constants, so an embed or a JSON record can never lose the
framing the full page has.
"""

from __future__ import annotations

# Beside "Page last reviewed": what "reviewed" means on this site (about.md explains the process).
REVIEW_NOTE = ('"Reviewed" means our editors checked this page against its sources. '
               "It is not a clinical review.")
# The about page's section that explains how content is checked.
REVIEW_SECTION = "review"
# The about page's section that tells readers how to report a mistake, without an account
# ("Suggest a correction" beside the review dates links to it).
REPORT_SECTION = "report-an-error"
# Above a section embed: the section is one part of a page, and a badge or a number read alone
# can mislead. "{title}" is the page's title.
SECTION_CONTEXT = "This is one part of our page “{title}”. Read the key points of the whole page first."
