"""A finding's record (the JSON the database keeps) gives back the same finding: the same
values, of the same types, so the same texts in every language and the same key.

Every finding the other tests make goes through its record too (``tests/conftest.py``,
``findings_survive_their_record``); here, any values at all (hypothesis).
"""

import json
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from legal_rules.model import (
    LEGACY,
    LEGACY_REFERENCE,
    Euros,
    Finding,
    Messages,
    Minutes,
    Phrase,
    Phrases,
    Severity,
    phrase,
)

names = st.text(alphabet="abcdefghij_", min_size=1, max_size=8)
scalars = st.one_of(
    st.booleans(),
    st.integers(),
    st.text(),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.dates(),
    st.builds(Minutes, st.integers()),
    st.builds(Euros, st.decimals(allow_nan=False, allow_infinity=False, places=2)),
)
phrases = st.builds(Phrase, st.text(), st.lists(st.tuples(names, scalars), max_size=3).map(tuple))
values = st.lists(
    st.tuples(
        names,
        st.one_of(
            scalars,
            phrases,
            st.builds(Phrases, st.lists(phrases, max_size=3).map(tuple), st.text()),
            st.lists(scalars, max_size=3).map(tuple),
            st.builds(Messages, st.text(), st.text(), st.text()),
        ),
    ),
    max_size=6,
).map(tuple)
findings = st.builds(
    Finding,
    rule_id=st.text(max_size=32),
    severity=st.sampled_from(Severity),
    reference_id=st.text(),
    message_id=st.text(),
    first_date=st.dates(),
    last_date=st.dates(),
    subjects=st.lists(st.tuples(st.text(max_size=12), st.integers()), max_size=4).map(tuple),
    values=values,
)


@given(findings)
def test_any_finding_comes_back_from_its_json_record_the_same(finding: Finding) -> None:
    back = Finding.from_record(json.loads(json.dumps(finding.to_record())))
    assert back == finding and back.key == finding.key
    # Same types, not just equal values: True is not 1, Decimal("1.50") keeps its places.
    assert [(n, type(v), str(v)) for n, v in back.values] == [
        (n, type(v), str(v)) for n, v in finding.values
    ]


def test_a_record_reads_as_typed_values() -> None:
    finding = Finding(
        "LIAB-ARREARS", Severity.WARNING, "reference.liability", "LIAB-ARREARS",
        date(2026, 4, 15), date(2026, 6, 1), (("debt", 7),),
        (("due", date(2026, 4, 15)), ("amount", Euros(Decimal("10805.56"))),
         ("kind", phrase("debt.onss")), ("rest", Minutes(659)), ("hours", Decimal("18.75"))),
    )  # fmt: skip
    assert finding.to_record()["values"] == [
        ["due", {"date": "2026-04-15"}],
        ["amount", {"euros": "10805.56"}],
        ["kind", {"phrase": {"message_id": "debt.onss", "values": []}}],
        ["rest", {"minutes": 659}],
        ["hours", {"decimal": "18.75"}],
    ]


def test_a_value_the_record_cannot_say_exactly_is_refused() -> None:
    for value in (1.5, None, datetime(2026, 1, 1, 12, tzinfo=UTC), object()):
        finding = Finding("X", Severity.INFO, "X.reference", "X", date(2026, 1, 1),
                          date(2026, 1, 1), values=(("v", value),))  # fmt: skip
        with pytest.raises(TypeError):
            finding.to_record()
    with pytest.raises(ValueError):
        Finding.from_record({"rule_id": "X"})
    record = Finding("X", Severity.INFO, "r", "m", date(2026, 1, 1), date(2026, 1, 1),
                     values=(("v", 1),)).to_record()  # fmt: skip
    record["values"] = [["v", {"float": 1.5}]]
    with pytest.raises(ValueError):
        Finding.from_record(record)


def test_a_finding_stored_as_text_reads_its_old_text_in_each_language() -> None:
    """What migration 9d3f6b1c8e27 made of a notification stored as three texts and a
    French reference: each language reads its own old text."""
    old = Finding(
        "GE-AUTH-01", Severity.BLOCKING, LEGACY_REFERENCE, LEGACY, date(2026, 11, 1),
        date(2026, 11, 1),
        values=(("message", Messages("Pas d'agrément {x}", "Geen erkenning", "No approval")),
                ("reference", Messages(*["Loi du 12 août 2000"] * 3))),
    )  # fmt: skip
    assert old.messages.fr == "Pas d'agrément {x}"  # braces in a value are not a field
    assert (old.messages.nl, old.messages.en) == ("Geen erkenning", "No approval")
    assert old.legal_basis("nl") == "Loi du 12 août 2000"
    assert old.message("de") == old.message("fr")
    assert old.key == ("GE-AUTH-01", (), date(2026, 11, 1), date(2026, 11, 1), ())
