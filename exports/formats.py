"""Belgian formats and the writers' labels in French, Dutch and English."""

from datetime import date
from decimal import Decimal

LABELS: dict[str, dict[str, str]] = {
    "invoice": {"fr": "Facture", "nl": "Factuur", "en": "Invoice"},
    "credit_note": {"fr": "Note de crédit", "nl": "Creditnota", "en": "Credit note"},
    "number": {"fr": "Numéro", "nl": "Nummer", "en": "Number"},
    "issue_date": {"fr": "Date d'émission", "nl": "Uitgiftedatum", "en": "Issue date"},
    "due_date": {"fr": "Échéance", "nl": "Vervaldatum", "en": "Due date"},
    "period": {"fr": "Période", "nl": "Periode", "en": "Period"},
    "to": {"fr": "au", "nl": "tot", "en": "to"},
    "customer": {"fr": "Client", "nl": "Klant", "en": "Customer"},
    "enterprise": {"fr": "N° d'entreprise", "nl": "Ondernemingsnr.", "en": "Enterprise no."},
    "vat": {"fr": "TVA", "nl": "Btw", "en": "VAT"},
    "rpm": {"fr": "RPM", "nl": "RPR", "en": "RLE"},
    "description": {"fr": "Description", "nl": "Omschrijving", "en": "Description"},
    "amount": {"fr": "Montant HTVA", "nl": "Bedrag excl. btw", "en": "Amount excl. VAT"},
    "rate": {"fr": "Taux", "nl": "Tarief", "en": "Rate"},
    "base": {"fr": "Base", "nl": "Maatstaf", "en": "Base"},
    "total_excl": {"fr": "Total HTVA", "nl": "Totaal excl. btw", "en": "Total excl. VAT"},
    "total_vat": {"fr": "Total TVA", "nl": "Totaal btw", "en": "Total VAT"},
    "total": {"fr": "Total à payer", "nl": "Te betalen", "en": "Amount due"},
    "credit_total": {"fr": "Total crédité", "nl": "Totaal gecrediteerd", "en": "Total credited"},
    "pay_to": {"fr": "À verser sur", "nl": "Te storten op", "en": "Pay to"},
    "communication": {
        "fr": "Communication structurée",
        "nl": "Gestructureerde mededeling",
        "en": "Structured communication",
    },
    "corrects": {"fr": "Corrige la facture", "nl": "Corrigeert factuur", "en": "Corrects invoice"},
    "of": {"fr": "du", "nl": "van", "en": "of"},
    "reason": {"fr": "Motif", "nl": "Reden", "en": "Reason"},
    "annex": {
        "fr": "Annexe : heures par travailleur",
        "nl": "Bijlage: uren per werknemer",
        "en": "Annex: hours per worker",
    },
    "worker": {"fr": "Travailleur", "nl": "Werknemer", "en": "Worker"},
    "worked": {"fr": "Heures prestées", "nl": "Gewerkte uren", "en": "Hours worked"},
    "absence": {"fr": "Absences rémunérées", "nl": "Betaalde afwezigheid", "en": "Paid absence"},
    "basis": {"fr": "Heures facturées", "nl": "Gefactureerde uren", "en": "Hours billed"},
    "policy": {
        "fr": "Répartition des absences",
        "nl": "Verdeling van afwezigheden",
        "en": "Absences shared",
    },
    "pro_rata": {
        "fr": "au prorata de l'horaire",
        "nl": "naar verhouding van het uurrooster",
        "en": "pro rata the schedule",
    },
    "slot": {
        "fr": "au créneau remplacé",
        "nl": "naar het vervangen tijdsblok",
        "en": "to the slot replaced",
    },
    "loaded_rate": {
        "fr": "taux chargé (heures prestées)",
        "nl": "beladen tarief (gewerkte uren)",
        "en": "loaded rate (hours worked)",
    },
    "scan": {"fr": "Scanner pour payer", "nl": "Scan om te betalen", "en": "Scan to pay"},
}


def label(key: str, language: str) -> str:
    entry = LABELS[key]
    return entry.get(language, entry["fr"])


def euros(amount: Decimal, language: str = "fr") -> str:
    """1234.5 -> "1.234,50 €" (fr, nl), "€1,234.50" (en)."""
    grouped = f"{amount:,.2f}"
    if language == "en":
        return f"€{grouped}" if amount >= 0 else f"-€{grouped[1:]}"
    return grouped.replace(",", " ").replace(".", ",").replace(" ", ".") + " €"


def day(value: date) -> str:
    """31/05/2026."""
    return f"{value:%d/%m/%Y}"


def hours(value: Decimal, language: str = "fr") -> str:
    text = f"{value:.2f}"
    return text if language == "en" else text.replace(".", ",")
