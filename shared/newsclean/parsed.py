"""A page after parsing: its blocks and what its markup or record says about it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from newsclean.fields.dates import address_date
from newsclean.html.dom import DomSkeleton
from newsclean.model import Block, Image


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """Facts the source states outright (HTML head, JSON-LD, a scraper's record)."""

    title: str | None = None  # the article's title as its metadata states it (not the <title> element)
    document_title: str | None = None  # the <title> element, site name taken off
    description: str | None = None
    author: str | None = None
    authors: tuple[str, ...] = field(default=())  # the names ``author`` lists, when stated one by one
    published: str | None = None
    # The page's first <time datetime>, else the date in its first element marked as a date: a date,
    # though not surely the article's.
    page_date: str | None = None
    address_date: str | None = None  # the day in the page's own address ("/2024/03/05/"), ISO 8601
    language: str | None = None
    url: str | None = None
    site_name: str | None = None
    images: tuple[Image, ...] = field(default=())  # captioned pictures (HTML <figure>), with their address

    @classmethod
    def from_record(cls, record: Mapping[str, str]) -> PageMetadata:
        # A scraper's "title" is most often the page's <title>: a hint for the headline, not a statement.
        return cls(
            document_title=record.get("title") or None,
            author=record.get("author") or record.get("byline") or None,
            published=record.get("published") or record.get("date") or None,
            language=record.get("language") or record.get("lang") or None,
            url=record.get("url") or None,
            address_date=address_date(record["url"]) if record.get("url") else None,
        )

    def merged_over(self, fallback: PageMetadata) -> PageMetadata:
        """These values where set, else the fallback's."""
        return PageMetadata(
            title=self.title or fallback.title,
            document_title=self.document_title or fallback.document_title,
            description=self.description or fallback.description,
            author=self.author or fallback.author,
            authors=self.authors if self.author else fallback.authors,
            published=self.published or fallback.published,
            page_date=self.page_date or fallback.page_date,
            address_date=self.address_date or fallback.address_date,
            language=self.language or fallback.language,
            url=self.url or fallback.url,
            site_name=self.site_name or fallback.site_name,
            images=self.images or fallback.images,
        )


@dataclass(frozen=True, slots=True)
class ParsedPage:
    blocks: tuple[Block, ...]
    metadata: PageMetadata = field(default_factory=PageMetadata)
    skeleton: DomSkeleton | None = None  # HTML only: the block-level elements, for the DOM features
