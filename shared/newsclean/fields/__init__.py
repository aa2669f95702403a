"""The article's fields: headline, standfirst, bylines, dates, images, titles, page metadata."""
