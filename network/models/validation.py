"""What a title and a tag may hold: they travel into email subjects, feeds and spreadsheets."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

# Control characters, line and paragraph separators, surrogates and the bidirectional
# overrides that make a title read differently from what it says. Joiners, soft hyphens and
# no-break spaces stay: people paste them from Word, and emoji need the joiner.
FORBIDDEN_CATEGORIES = {"Cc", "Cs", "Zl", "Zp"}
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
TAG_MAX_LENGTH = 100  # taggit's Tag.name and Tag.slug
TAG_MAX_COUNT = 20


def has_control_characters(value):
    return any(
        unicodedata.category(c) in FORBIDDEN_CATEGORIES or c in BIDI_CONTROLS for c in value or ""
    )


SINGLE_LINE_MESSAGE = _("Write the title on one line, without tabs or other control characters.")


def validate_single_line(value):
    """A title goes into email subjects, feeds and spreadsheets: one line, nothing hidden."""
    if has_control_characters(value):
        raise ValidationError(SINGLE_LINE_MESSAGE, code="control_characters")


def validate_tag_names(names):
    """Tags as taggit can store them on every database: bounded, printable, with a slug.

    PostgreSQL refuses a name or slug over 100 characters (SQLite stores it), and a tag
    whose slug is empty cannot be linked to or filtered by."""
    errors = []
    if len(names) > TAG_MAX_COUNT:
        errors.append(
            ValidationError(
                _("Give at most %(count)d tags."), code="too_many", params={"count": TAG_MAX_COUNT}
            )
        )
    for name in names:
        # The slug as taggit makes it, with room for the "_2" it adds on a clash.
        slug = Tag().slugify(name)
        if len(name) > TAG_MAX_LENGTH or len(slug) > TAG_MAX_LENGTH - 4:
            errors.append(
                ValidationError(
                    _("The tag “%(tag)s…” is too long: a tag may be at most %(max)d characters."),
                    code="too_long",
                    params={"tag": name[:30], "max": TAG_MAX_LENGTH},
                )
            )
        elif has_control_characters(name):
            errors.append(
                ValidationError(
                    _("Tags may not contain line breaks, tabs or other control characters."),
                    code="control_characters",
                )
            )
        elif not slug:
            errors.append(
                ValidationError(
                    _("The tag “%(tag)s” needs at least one letter or digit."),
                    code="no_slug",
                    params={"tag": name},
                )
            )
    if errors:
        raise ValidationError(errors)
