"""Bytes to text: sniffing the format, gzip, a scraper's JSON record, the charset."""
