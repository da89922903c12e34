"""How the invoice rules name a document in their messages, in French, Dutch and English."""

from .model import DocumentFacts

KIND_WORDS = {
    "invoice": ("la facture", "de factuur", "invoice"),
    "credit_note": ("la note de crédit", "de creditnota", "credit note"),
}


def document_values(document: DocumentFacts) -> dict[str, object]:
    """``doc_fr``, ``doc_nl``, ``doc_en`` (« la facture F2026-00003 »), and ``member``."""
    fr, nl, en = KIND_WORDS.get(document.kind, KIND_WORDS["invoice"])
    reference = document.reference or "—"
    return {
        "doc_fr": f"{fr} {reference}",
        "doc_nl": f"{nl} {reference}",
        "doc_en": f"{en} {reference}",
        "member": document.buyer.name or "?",
    }


def subjects(document: DocumentFacts) -> tuple[tuple[str, int], ...]:
    return (("invoice", document.id), ("member", document.member_id))


def joined(items: list[tuple[str, str, str]]) -> dict[str, str]:
    """Several (fr, nl, en) phrases as ``fr``, ``nl`` and ``en`` lists."""
    return {
        language: ", ".join(item[index] for item in items)
        for index, language in enumerate(("fr", "nl", "en"))
    }
