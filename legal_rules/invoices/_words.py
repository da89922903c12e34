"""How the invoice rules name a document in their messages."""

from allocation.translations import N_

from ..model import phrase
from .model import DocumentFacts

# « la facture {reference} », « de creditnota {reference} »…, by the document's kind.
KIND_WORDS = {
    "invoice": N_("document.invoice"),
    "credit_note": N_("document.credit_note"),
}


def document_values(document: DocumentFacts) -> dict[str, object]:
    """``document`` (« la facture F2026-00003 ») and ``member``."""
    return {
        "document": phrase(
            KIND_WORDS.get(document.kind, KIND_WORDS["invoice"]),
            reference=document.reference or "—",
        ),
        "member": document.buyer.name or "?",
    }


def subjects(document: DocumentFacts) -> tuple[tuple[str, int], ...]:
    return (("invoice", document.id), ("member", document.member_id))
