"""The invoice rules at their boundaries, on small batches (no database)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from stdnum.be import ogm_vcs

from allocation.invoice import EXEMPTION_MENTION, LineKind
from allocation.translations import LANGUAGES
from legal_rules import Finding, MemberFacts, Severity
from legal_rules.invoices import (
    COST_SHARING,
    EXEMPT_44_2BIS,
    INVOICE_RULES,
    VAT_REPAYMENT_MENTION,
    CreditedInvoice,
    DocumentFacts,
    InvoiceBatch,
    LineFacts,
    MonthFees,
    NumberedDocument,
    PartyFacts,
    SeriesFacts,
    check_invoices,
    check_numbering,
    worded,
)
from legal_rules.invoices import EXEMPTION_MENTION as EXEMPTION_ID
from legal_rules.model import text

MAY = date(2026, 5, 1)
ISSUED = date(2026, 6, 3)
SELLER = PartyFacts(
    "GE Bruxelles Solidaire ASBL", "ASBL", "Rue du Midi 48", "1000", "Bruxelles", "BE",
    "0412345614", "BE0412345614", "Tribunal de l'entreprise francophone de Bruxelles",
)  # fmt: skip
BUYER = PartyFacts(
    "Atelier Vélo ASBL", "ASBL", "Avenue Louis Bertrand 45", "1030", "Schaerbeek", "BE",
    "0434567819", "BE0434567819",
)  # fmt: skip
MEMBER = MemberFacts(2, "Atelier Vélo ASBL", date(2019, 9, 1))


def communication(series_digit: int, number: int, year: int = 2026) -> str:
    base = f"{year % 100:02d}{series_digit}{number:07d}"
    return f"+++{ogm_vcs.format(base + ogm_vcs.calc_check_digits(base))}+++"


def line(amount: str = "1000.00", category: str = "S", rate: str = "21", hours: str = "76",
         kind: LineKind = LineKind.STAFF, contract_id: int | None = 7) -> LineFacts:  # fmt: skip
    return LineFacts(kind, "Mise à disposition de Sophie Lambert", Decimal(amount), category,
                     Decimal(rate), Decimal(hours), contract_id)  # fmt: skip


def invoice(number: int = 1, *lines: LineFacts, ident: int | None = None, **changes: object,
            ) -> DocumentFacts:  # fmt: skip
    lines = lines or (line(),)
    net = sum((x.amount for x in lines), Decimal("0.00"))
    vat = sum(
        ((x.amount * x.vat_rate / 100).quantize(Decimal("0.01")) for x in lines), Decimal("0.00")
    )
    document = DocumentFacts(
        id=ident or number, kind="invoice", month=MAY, seller=SELLER, buyer=BUYER, member_id=2,
        member=MEMBER, vat_treatment="standard", lines=lines, lines_total=net, vat_total=vat,
        total=net + vat, series="F", year=2026, number=number, reference=f"F2026-{number:05d}",
        issue_date=ISSUED, payment_reference=communication(1, number),
    )  # fmt: skip
    return replace(document, **changes)  # type: ignore[arg-type]


def exempt_invoice(number: int = 1, **changes: object) -> DocumentFacts:
    """An exempt invoice, its mention in its language (French unless ``language`` says)."""
    language = str(changes.get("language", "fr"))
    exempt = invoice(
        number, line(category="E", rate="0"), vat_treatment=EXEMPT_44_2BIS,
        mentions=(worded(EXEMPTION_MENTION, language),), language=language,
    )  # fmt: skip
    return replace(exempt, **changes)  # type: ignore[arg-type]


def credit_note(original: DocumentFacts, number: int = 1, **changes: object) -> DocumentFacts:
    credited = CreditedInvoice(
        original.id, "invoice", True, original.member_id, original.reference,
        original.issue_date, original.lines,
    )  # fmt: skip
    note = invoice(
        number, *(replace(x, hours=Decimal(0)) for x in original.lines), ident=1000 + number,
        kind="credit_note", series="NC", reference=f"NC2026-{number:05d}",
        payment_reference=communication(2, number), corrects=credited,
        vat_treatment=original.vat_treatment, mentions=original.mentions,
        language=original.language,
    )  # fmt: skip
    if note.vat_total:
        repayment = worded(VAT_REPAYMENT_MENTION, note.language)
        note = replace(note, mentions=(*note.mentions, repayment))
    return replace(note, **changes)  # type: ignore[arg-type]


def series_of(*documents: DocumentFacts) -> tuple[SeriesFacts, ...]:
    by_series: dict[tuple[str, int], list[DocumentFacts]] = {}
    for d in documents:
        assert d.year is not None
        by_series.setdefault((d.series, d.year), []).append(d)
    return tuple(
        SeriesFacts(
            s,
            y,
            tuple(NumberedDocument(d.id, d.number or 0, d.day) for d in docs),
            max(d.number or 0 for d in docs),
        )
        for (s, y), docs in by_series.items()
    )


def batch(*documents: DocumentFacts, vat_mode: str = COST_SHARING, **more: object) -> InvoiceBatch:
    made = InvoiceBatch(vat_mode, documents, series_of(*documents))
    return replace(made, **more)  # type: ignore[arg-type]


def found(findings: list[Finding], rule_id: str) -> list[Finding]:
    return [f for f in findings if f.rule_id == rule_id]


def test_a_complete_taxable_invoice_an_exempt_one_and_a_credit_note_pass_every_rule() -> None:
    taxable, exempt = invoice(1), exempt_invoice(2, member_id=1)
    note = credit_note(taxable)
    assert check_invoices(batch(taxable, exempt, note)) == []


def test_every_invoice_rule_has_an_id_a_reference_and_messages_in_three_languages() -> None:
    assert [r.id for r in INVOICE_RULES] == [
        "INV-MENTIONS", "INV-VAT-REGIME", "INV-OGM", "INV-NUM-SEQ", "INV-CN-REF",
        "BILL-NONMEMBER", "BILL-MARGIN-44",
    ]  # fmt: skip
    for rule in INVOICE_RULES:
        for message_id in (rule.reference, rule.message):
            assert all(text(message_id, lang) != message_id for lang in LANGUAGES)
    assert {r.id for r in INVOICE_RULES if r.severity is Severity.WARNING} == {"BILL-MARGIN-44"}


# -- INV-MENTIONS ----------------------------------------------------------------------


def test_a_missing_rpm_seat_or_address_is_a_missing_mention() -> None:
    no_rpm = invoice(seller=replace(SELLER, rpm_seat=" "))
    no_street = invoice(buyer=replace(BUYER, street=""))
    (finding,) = found(check_invoices(batch(no_rpm)), "INV-MENTIONS")
    assert finding.severity is Severity.BLOCKING
    assert finding.messages.fr == (
        "Mention obligatoire absente ou invalide sur la facture F2026-00001 (Atelier Vélo ASBL) "
        ": RPM et siège du tribunal du groupement."
    )
    assert "register of legal entities" in finding.messages.en
    assert dict(finding.facts)["missing"] == ("seller_rpm",)
    (finding,) = found(check_invoices(batch(no_street)), "INV-MENTIONS")
    assert dict(finding.facts)["missing"] == ("buyer_address",)


def test_the_ge_vat_number_is_required_once_a_line_bears_vat() -> None:
    no_vat = replace(SELLER, vat_number=None)
    taxable = invoice(seller=no_vat)
    exempt = exempt_invoice(seller=no_vat)
    (finding,) = found(check_invoices(batch(taxable)), "INV-MENTIONS")
    assert dict(finding.facts)["missing"] == ("seller_vat_number",)
    assert found(check_invoices(batch(exempt)), "INV-MENTIONS") == []


def test_a_member_without_vat_number_passes_one_with_an_invalid_number_does_not() -> None:
    assert check_invoices(batch(invoice(buyer=replace(BUYER, vat_number=None)))) == []
    wrong = invoice(buyer=replace(BUYER, vat_number="BE0434567818"))
    (finding,) = found(check_invoices(batch(wrong)), "INV-MENTIONS")
    assert dict(finding.facts)["missing"] == ("buyer_vat_number",)
    bad_number = invoice(buyer=replace(BUYER, enterprise_number="0434567818"))
    (finding,) = found(check_invoices(batch(bad_number)), "INV-MENTIONS")
    assert "buyer_enterprise_number" in dict(finding.facts)["missing"]


def test_a_staff_line_states_its_hours_unless_it_is_a_complement() -> None:
    a_minute = invoice(1, line(hours="0.02"))
    no_hours = invoice(1, line(hours="0"))
    assert check_invoices(batch(a_minute)) == []
    (finding,) = found(check_invoices(batch(no_hours)), "INV-MENTIONS")
    assert dict(finding.facts)["missing"] == ("quantity",)
    assert check_invoices(batch(replace(no_hours, complement=True))) == []


def test_totals_one_cent_off_the_vat_breakdown_are_refused() -> None:
    right = invoice(1, line("333.33"), line("333.33", contract_id=8))
    # VAT on the sum of the category (666.66 × 21 % = 139.9986 -> 140.00), not per line.
    right = replace(right, vat_total=Decimal("140.00"), total=Decimal("806.66"))
    assert check_invoices(batch(right)) == []
    per_line = replace(right, vat_total=Decimal("139.99"), total=Decimal("806.65"))
    (finding,) = found(check_invoices(batch(per_line)), "INV-MENTIONS")
    assert dict(finding.facts)["missing"] == ("vat_breakdown",)


def test_an_exempt_line_needs_the_exemption_mention() -> None:
    (finding,) = found(check_invoices(batch(exempt_invoice(mentions=()))), "INV-MENTIONS")
    assert dict(finding.facts)["missing"] == ("exemption",)
    assert "article 44, §2bis" in finding.messages.fr


def test_the_mentions_keep_their_legal_wording_in_each_language() -> None:
    # French as every document printed it before the mentions were translated.
    assert worded(EXEMPTION_ID, "fr") == "Exemption de TVA – article 44, §2bis, du Code de la TVA"
    assert worded(EXEMPTION_ID, "nl") == (
        "Vrijstelling van btw – artikel 44, § 2bis, van het Wetboek van de belasting over de "
        "toegevoegde waarde"
    )
    assert worded(EXEMPTION_ID, "en") == "VAT exempt – article 44, §2bis, of the Belgian VAT Code"
    assert worded(VAT_REPAYMENT_MENTION, "fr") == (
        "TVA à reverser à l'État dans la mesure où elle a été initialement déduite."
    )
    assert worded(VAT_REPAYMENT_MENTION, "nl").startswith("Btw terug te storten aan de Staat")
    assert worded(EXEMPTION_ID, "de") == worded(EXEMPTION_ID, "fr")  # a language Mutua lacks
    # allocation marks an exempt invoice with the id this package words.
    assert EXEMPTION_MENTION == EXEMPTION_ID


def test_the_exemption_mention_is_read_in_the_documents_language() -> None:
    for language in LANGUAGES:
        assert check_invoices(batch(exempt_invoice(language=language))) == []
    # A Dutch invoice printing the French basis lacks the Dutch one.
    french_on_dutch = exempt_invoice(language="nl", mentions=(worded(EXEMPTION_ID, "fr"),))
    (finding,) = found(check_invoices(batch(french_on_dutch)), "INV-MENTIONS")
    assert dict(finding.facts)["missing"] == ("exemption",)
    (finding,) = found(
        check_invoices(batch(exempt_invoice(language="en", mentions=()))), "INV-MENTIONS"
    )
    assert dict(finding.facts)["missing"] == ("exemption",)
    # A mention close to the words is not the mention.
    typo = exempt_invoice(language="nl", mentions=(worded(EXEMPTION_ID, "nl").lower(),))
    assert found(check_invoices(batch(typo)), "INV-MENTIONS")


# -- INV-VAT-REGIME --------------------------------------------------------------------


def test_an_exempt_member_of_a_cost_sharing_ge_is_billed_e_at_zero_and_nothing_else() -> None:
    assert check_invoices(batch(exempt_invoice())) == []
    taxed = invoice(vat_treatment=EXEMPT_44_2BIS)
    (finding,) = check_invoices(batch(taxed))
    assert finding.rule_id == "INV-VAT-REGIME" and finding.severity is Severity.BLOCKING
    assert finding.messages.fr == (
        "Régime de TVA incohérent sur la facture F2026-00001 (Atelier Vélo ASBL) : 1 ligne(s) en "
        "catégorie S à 21 % au lieu de E à 0 % (ce membre est exempté sous l'article 44, §2bis, "
        "du Code de la TVA)."
    )


def test_the_exemption_needs_the_ge_in_cost_sharing_mode() -> None:
    exempt_member = invoice(vat_treatment=EXEMPT_44_2BIS)
    assert check_invoices(batch(exempt_member, vat_mode="standard")) == []
    (finding,) = check_invoices(batch(exempt_invoice(), vat_mode="standard"))
    assert finding.rule_id == "INV-VAT-REGIME"
    assert "n'applique pas l'exemption" in finding.messages.fr


def test_a_standard_member_exempted_or_an_exemption_mention_on_taxed_lines_is_refused() -> None:
    (finding,) = found(
        check_invoices(batch(exempt_invoice(vat_treatment="standard"))), "INV-VAT-REGIME"
    )
    assert dict(finding.facts)["count"] == 1
    for language in LANGUAGES:  # in whichever language it is printed
        mention = invoice(mentions=(worded(EXEMPTION_ID, language),))
        (finding,) = check_invoices(batch(mention))
        assert finding.rule_id == "INV-VAT-REGIME" and "mention d'exemption" in finding.messages.fr


def test_a_credit_note_follows_the_invoice_it_corrects_not_the_members_new_regime() -> None:
    original = exempt_invoice()
    # The member is taxed since: its credit note still takes back the exempt lines.
    note = credit_note(original, vat_treatment="standard")
    assert check_invoices(batch(note)) == []
    taxed_note = credit_note(original, lines=(line("1000.00", hours="0"),),
                             vat_total=Decimal("210.00"), total=Decimal("1210.00"),
                             mentions=(worded(VAT_REPAYMENT_MENTION, "fr"),))  # fmt: skip
    (finding,) = found(check_invoices(batch(taxed_note)), "INV-VAT-REGIME")
    assert "suit le régime de la facture" in finding.messages.fr


# -- INV-OGM ---------------------------------------------------------------------------


def test_the_structured_communication_is_twelve_digits_with_mod_97_check_digits() -> None:
    # 26 1 0000097: the first ten digits are a multiple of 97 -> the check digits are 97.
    base = next(f"{n:010d}" for n in range(2610000000, 2610000200) if n % 97 == 0)
    assert (
        check_invoices(
            batch(invoice(payment_reference=f"+++{base[:3]}/{base[3:7]}/{base[7:]}97+++"))
        )
        == []
    )
    wrong = f"+++{base[:3]}/{base[3:7]}/{base[7:]}00+++"
    (finding,) = check_invoices(batch(invoice(payment_reference=wrong)))
    assert finding.rule_id == "INV-OGM" and finding.severity is Severity.BLOCKING
    assert f"« {wrong} »" in finding.messages.fr


def test_a_communication_one_digit_off_unwritten_or_missing_is_refused() -> None:
    right = communication(1, 1)
    off = right[:-5] + str((int(right[-5]) + 1) % 10) + right[-4:]
    bare = right.strip("+").replace("/", "")
    for reference in (off, bare, None):
        (finding,) = check_invoices(batch(invoice(payment_reference=reference)))
        assert finding.rule_id == "INV-OGM"


# -- INV-NUM-SEQ -----------------------------------------------------------------------


def _numbered(*pairs: tuple[int, date], last: int | None = None) -> SeriesFacts:
    documents = tuple(NumberedDocument(100 + i, n, d) for i, (n, d) in enumerate(pairs))
    return SeriesFacts("F", 2026, documents, last if last is not None else max(n for n, _ in pairs))


def test_the_next_number_continues_the_series_one_more_leaves_a_gap() -> None:
    earlier = [NumberedDocument(50 + n, n, date(2026, 5, 4)) for n in (1, 2)]
    continuing = invoice(3)
    series = (SeriesFacts("F", 2026, (*earlier, NumberedDocument(3, 3, ISSUED)), 3),)
    assert check_invoices(batch(continuing, series=series)) == []
    skipping = invoice(4)
    series = (SeriesFacts("F", 2026, (*earlier, NumberedDocument(4, 4, ISSUED)), 4),)
    (finding,) = check_invoices(batch(skipping, series=series))
    assert finding.rule_id == "INV-NUM-SEQ" and finding.severity is Severity.BLOCKING
    assert finding.messages.fr.startswith(
        "Numérotation rompue dans la série F de 2026 : numéro 3 manquant."
    )
    assert finding.subjects == (("invoice", 4),)


def test_a_number_given_twice_is_refused() -> None:
    series = (
        SeriesFacts("F", 2026, (NumberedDocument(9, 1, ISSUED), NumberedDocument(1, 1, ISSUED)), 1),
    )
    (finding,) = check_invoices(batch(invoice(1), series=series))
    assert dict(finding.facts)["numbers"] == (1,)
    assert "numéro 1 attribué 2 fois" in finding.messages.fr


def test_dates_may_stay_equal_but_never_go_back_as_numbers_go_up() -> None:
    same_day = (
        SeriesFacts("F", 2026, (NumberedDocument(9, 1, ISSUED), NumberedDocument(2, 2, ISSUED)), 2),
    )
    assert check_invoices(batch(invoice(2), series=same_day)) == []
    earlier = date(2026, 6, 2)
    back = (
        SeriesFacts(
            "F", 2026, (NumberedDocument(9, 1, ISSUED), NumberedDocument(2, 2, earlier)), 2
        ),
    )
    (finding,) = check_invoices(batch(invoice(2, issue_date=earlier), series=back))
    assert dict(finding.facts)["numbers"] == (1, 2)
    assert "numéro 2 daté du 2 juin 2026, avant le numéro 1 du 3 juin 2026" in finding.messages.fr


def test_an_old_gap_does_not_stop_an_issue_but_the_report_shows_it() -> None:
    old = [NumberedDocument(51, 1, date(2026, 2, 2)), NumberedDocument(53, 3, date(2026, 3, 2))]
    series = SeriesFacts("F", 2026, (*old, NumberedDocument(4, 4, ISSUED)), 4)
    issue = batch(invoice(4), series=(series,))
    assert check_invoices(issue) == []
    (finding,) = check_numbering((series,))
    assert dict(finding.facts)["numbers"] == (2,)
    assert (finding.first_date, finding.last_date) == (date(2026, 2, 2), date(2026, 3, 2))


def test_a_number_the_counter_gave_without_a_document_is_a_gap() -> None:
    assert check_numbering((_numbered((1, ISSUED), (2, ISSUED), last=2),)) == []
    (finding,) = check_numbering((_numbered((1, ISSUED), (2, ISSUED), last=4),))
    assert "numéros 3 à 4 manquants" in finding.messages.fr
    assert "numbers 3 to 4 missing" in finding.messages.en


# -- INV-CN-REF ------------------------------------------------------------------------


def test_a_credit_note_without_its_invoice_or_on_another_members_is_refused() -> None:
    original = invoice(1)
    orphan = credit_note(original, corrects=None)
    (finding,) = check_invoices(batch(orphan))
    assert finding.rule_id == "INV-CN-REF" and finding.severity is Severity.BLOCKING
    assert finding.messages.fr == (
        "La note de crédit doit référencer la facture d'origine : la note de crédit NC2026-00001 "
        "(Atelier Vélo ASBL), elle ne référence aucune facture."
    )
    assert original.corrects is None
    note = credit_note(original)
    assert note.corrects is not None
    other = replace(note, corrects=replace(note.corrects, member_id=3))
    (finding,) = check_invoices(batch(other))
    assert "adressée à un autre membre" in finding.messages.fr
    draft = replace(note, corrects=replace(note.corrects, issued=False))
    (finding,) = check_invoices(batch(draft))
    assert "n'est pas une facture émise" in finding.messages.fr


def test_a_credit_note_may_share_its_invoices_date_not_precede_it() -> None:
    original = invoice(1)
    assert check_invoices(batch(credit_note(original, issue_date=ISSUED))) == []
    before = credit_note(original, issue_date=date(2026, 6, 2))
    (finding,) = found(check_invoices(batch(before)), "INV-CN-REF")
    assert "datée d'avant la facture F2026-00001 du 3 juin 2026" in finding.messages.fr


def test_a_credit_note_taking_back_vat_carries_the_repayment_mention() -> None:
    note = credit_note(invoice(1))
    repayment = worded(VAT_REPAYMENT_MENTION, "fr")
    assert repayment in note.mentions and check_invoices(batch(note)) == []
    (finding,) = check_invoices(batch(replace(note, mentions=())))
    assert finding.rule_id == "INV-CN-REF" and "TVA à reverser" in finding.messages.fr
    assert "Btw terug te storten" in finding.messages.nl  # the mention in the reader's words
    exempt_note = credit_note(exempt_invoice())
    assert repayment not in exempt_note.mentions
    assert check_invoices(batch(exempt_note)) == []


def test_a_dutch_credit_note_carries_the_repayment_mention_in_dutch() -> None:
    note = credit_note(invoice(1, language="nl"))
    assert worded(VAT_REPAYMENT_MENTION, "nl") in note.mentions
    assert check_invoices(batch(note)) == []
    in_french = replace(note, mentions=(worded(VAT_REPAYMENT_MENTION, "fr"),))
    (finding,) = check_invoices(batch(in_french))
    assert finding.rule_id == "INV-CN-REF"


# -- BILL-NONMEMBER --------------------------------------------------------------------


def test_a_member_leaving_on_the_first_of_the_month_is_billed_one_leaving_the_day_before_not() -> (
    None
):
    assert check_invoices(batch(invoice(member=replace(MEMBER, left_on=MAY)))) == []
    gone = invoice(member=replace(MEMBER, left_on=date(2026, 4, 30)))
    (finding,) = check_invoices(batch(gone))
    assert finding.rule_id == "BILL-NONMEMBER" and finding.severity is Severity.BLOCKING
    assert finding.messages.fr == (
        "Facturation impossible : Atelier Vélo ASBL n'est pas membre du groupement en 05/2026 "
        "(sorti le 30 avril 2026) ; la facture F2026-00001 ne peut pas être émise."
    )


def test_a_member_joining_on_the_last_day_is_billed_one_joining_the_day_after_not() -> None:
    assert check_invoices(batch(invoice(member=replace(MEMBER, joined_on=date(2026, 5, 31))))) == []
    later = invoice(member=replace(MEMBER, joined_on=date(2026, 6, 1)))
    (finding,) = check_invoices(batch(later))
    assert finding.rule_id == "BILL-NONMEMBER" and "lid sinds 1 juni 2026" in finding.messages.nl


def test_no_invoice_to_a_stranger_but_a_former_member_gets_its_credit_note() -> None:
    (finding,) = check_invoices(batch(invoice(member=None)))
    assert finding.rule_id == "BILL-NONMEMBER" and "inconnu du groupement" in finding.messages.fr
    gone = replace(MEMBER, left_on=date(2026, 4, 30))
    assert check_invoices(batch(credit_note(invoice(1), member=gone))) == []


# -- BILL-MARGIN-44 --------------------------------------------------------------------


def test_fees_up_to_the_recorded_costs_pass_one_cent_more_is_a_warning_with_figures() -> None:
    fees = invoice(1, line(), line("150.00", kind=LineKind.FEE, contract_id=None, hours="0"))
    exact = MonthFees(
        MAY, costs=Decimal("250.00"), fees=Decimal("150.00"), overhead=Decimal("100.00")
    )
    assert check_invoices(batch(fees, months=(exact,))) == []
    over = replace(exact, costs=Decimal("249.99"))
    (finding,) = check_invoices(batch(fees, months=(over,)))
    assert finding.rule_id == "BILL-MARGIN-44" and finding.severity is Severity.WARNING
    assert finding.messages.fr == (
        "Exemption « groupement autonome » : pour 05/2026, les frais de gestion (150,00\xa0€) "
        "et les frais généraux facturés (100,00\xa0€) dépassent de 0,01\xa0€ les frais réels du "
        "groupement enregistrés pour le mois (249,99\xa0€). Sans TVA, chaque membre ne rembourse "
        "que sa part exacte des dépenses communes."
    )
    assert (finding.first_date, finding.last_date) == (MAY, date(2026, 5, 31))
    assert check_invoices(batch(fees, months=(over,), vat_mode="standard")) == []
