"""Entity spans as the extractors give them, for the tests of resolve_overlaps."""


def diet(entity: str, start: int, end: int) -> dict:
    """A span DIET tagged, with its confidence and extractor."""
    return {"entity": entity, "start": start, "end": end, "confidence_entity": 0.9,
            "extractor": "DIETClassifier"}


def regex(entity: str, start: int, end: int) -> dict:
    """A span the regex extractor tagged."""
    return {"entity": entity, "start": start, "end": end, "extractor": "RegexEntityExtractor"}


def valued(entity: str, start: int, end: int, text: str) -> dict:
    """A DIET span whose value is the words it covers."""
    return {**diet(entity, start, end), "value": text[start:end]}
