"""What the rules read (a snapshot of a GE over a period) and what they say (findings).

Frozen dataclasses only: the app builds a ``Snapshot`` from its database, the rules
return ``Finding``s, and the same snapshot always gives the same findings.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from allocation import formats
from allocation.schedule import WeeklySlot
from allocation.translations import LANGUAGES, N_, catalogue

if TYPE_CHECKING:
    from .shifts import WorkingTime

# The package whose catalogues (the ``legal_rules`` gettext domain) hold the texts.
PACKAGE = Path(__file__).parent


class Severity(StrEnum):
    BLOCKING = "blocking"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class GroupementFacts:
    authorisation_reference: str | None
    authorisation_date: date | None
    joint_committee: str | None
    headcount_cap: int = 50
    weekly_hours_floor: Decimal = Decimal(19)
    # The full-time reference week and the reference period (months, calendar-aligned)
    # over which the average week must stay within it (WT-WEEK-AVG38).
    full_time_weekly_hours: Decimal = Decimal(38)
    reference_period_months: int = 3


@dataclass(frozen=True)
class MemberFacts:
    id: int
    name: str
    joined_on: date
    left_on: date | None = None


@dataclass(frozen=True)
class ContractFacts:
    id: int
    worker_id: int
    worker_name: str
    starts_on: date
    ends_on: date | None
    weekly_hours: Decimal
    contract_type: str
    joint_committee: str

    def active_on(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


# A weekly slot is the same thing to the rules as to billing: one type, from allocation.
SlotFacts = WeeklySlot


@dataclass(frozen=True)
class AssignmentFacts:
    id: int
    contract_id: int
    member_id: int
    starts_on: date
    ends_on: date | None
    slots: tuple[SlotFacts, ...]
    cycle_weeks: int = 1  # the schedule repeats every so many weeks
    cycle_anchor: date | None = None  # its week 1 is the week of this day (None: starts_on)

    @property
    def weekly_minutes(self) -> Fraction:
        """Planned minutes a week, on average over the cycle."""
        return Fraction(sum(slot.minutes for slot in self.slots), self.cycle_weeks)


@dataclass(frozen=True)
class DayEntryFacts:
    id: int
    worker_id: int
    day: date
    member_id: int | None
    hours: Decimal
    kind: str


@dataclass(frozen=True)
class Derogation:
    """A recorded derogation: it silences ``rule_id`` from ``starts_on`` to ``ends_on``."""

    rule_id: str
    reference: str
    starts_on: date
    ends_on: date | None = None

    def covers(self, first: date, last: date) -> bool:
        return self.starts_on <= first and (self.ends_on is None or last <= self.ends_on)


def derogated(derogations: Iterable[Derogation], rule_id: str, first: date, last: date) -> bool:
    """Whether the derogations recorded for ``rule_id``, together (one may follow another),
    cover every day from ``first`` to ``last``."""
    spans = sorted(
        (d.starts_on, d.ends_on or date.max) for d in derogations if d.rule_id == rule_id
    )
    reach = first  # the first day not yet covered
    for starts_on, ends_on in spans:
        if starts_on > reach:
            return False
        if ends_on >= last:
            return True
        reach = max(reach, ends_on + timedelta(days=1))
    return False


@dataclass(frozen=True)
class Snapshot:
    """A GE as it stands (or would stand after a change), checked from ``start`` to ``end``."""

    start: date
    end: date
    groupement: GroupementFacts
    members: tuple[MemberFacts, ...] = ()
    contracts: tuple[ContractFacts, ...] = ()
    assignments: tuple[AssignmentFacts, ...] = ()
    day_entries: tuple[DayEntryFacts, ...] = ()
    replacement_days: Mapping[date, date] = field(default_factory=dict)  # replacement -> holiday
    derogations: tuple[Derogation, ...] = ()

    @cached_property
    def worked(self) -> "WorkingTime":
        """The shifts of the period, expanded once and shared by every working-time rule."""
        from .shifts import WorkingTime  # the expansion reads the snapshot: imported late

        return WorkingTime.of(self)

    @cached_property
    def _worker_names(self) -> dict[int, str]:
        return {c.worker_id: c.worker_name for c in self.contracts}

    def worker_name(self, worker_id: int) -> str:
        return self._worker_names.get(worker_id, "?")

    def member(self, member_id: int) -> MemberFacts:
        return next(m for m in self.members if m.id == member_id)

    def contract(self, contract_id: int) -> ContractFacts:
        return next(c for c in self.contracts if c.id == contract_id)


@dataclass(frozen=True)
class Messages:
    """A text in the three languages: a finding's, rendered from the catalogue when it is
    read; or, as a value, words written before findings kept their values (``LEGACY``)."""

    fr: str
    nl: str
    en: str

    def in_language(self, language: str) -> str:
        return str(getattr(self, language if language in LANGUAGES else "fr"))


def known(language: str) -> str:
    """The language itself if Mutua speaks it, else French (the texts' first language)."""
    return language if language in LANGUAGES else "fr"


def text(message_id: str, language: str) -> str:
    """A message of the ``legal_rules`` catalogue in a language (French when unknown)."""
    return catalogue(PACKAGE, known(language)).gettext(message_id)


# A message's values by name: (name, value) pairs, in the order they were given.
Values = tuple[tuple[str, object], ...]


@dataclass(frozen=True)
class Phrase:
    """A phrase of the catalogue inside a message (« la facture F2026-00003 », a missing
    mention), with its own values: rendered in the reader's language with the message."""

    message_id: str
    values: Values = ()

    def render(self, language: str) -> str:
        language = known(language)
        return text(self.message_id, language).format(**localised(dict(self.values), language))


def phrase(message_id: str, **values: object) -> Phrase:
    return Phrase(message_id, tuple(values.items()))


@dataclass(frozen=True)
class Phrases:
    """Several phrases in a row, joined by a separator of the catalogue (``list.comma``)."""

    items: tuple[Phrase, ...]
    separator: str = N_("list.comma")

    def render(self, language: str) -> str:
        return text(self.separator, language).join(item.render(language) for item in self.items)


@dataclass(frozen=True)
class Finding:
    """One breach (or reminder): its rule, the message id of its text and of its legal
    basis, and the values the text names (dates, hours, amounts, names, as typed values).
    The text is rendered in the reader's language when it is read, from the ``legal_rules``
    catalogue: the same finding read in fr, nl or en is one finding."""

    rule_id: str
    severity: Severity
    reference_id: str
    message_id: str
    first_date: date
    last_date: date
    # What it is about, as (kind, id) pairs: ("worker", 3), ("member", 2), ("contract", 7)…
    subjects: tuple[tuple[str, int], ...] = ()
    # The values of the message, by name (``facts`` are those that are figures).
    values: Values = ()

    @property
    def facts(self) -> tuple[tuple[str, object], ...]:
        """The figures the message states (hours, headcount, amounts, dates), by name: with
        the rule, subjects and dates, they are what the finding is."""
        return facts_of(dict(self.values))

    @property
    def key(self) -> tuple[object, ...]:
        """What makes two findings the same: the rule, its subjects, its dates and its
        figures, so that a breach made worse is a different finding. Never the wording:
        renaming a member or reading in Dutch does not make a breach new."""
        return (self.rule_id, self.subjects, self.first_date, self.last_date, self.facts)

    def message(self, language: str) -> str:
        """The message in ``language``, its values written the way that language writes them
        (French for a language Mutua does not speak)."""
        language = known(language)
        return text(self.message_id, language).format(**localised(dict(self.values), language))

    def legal_basis(self, language: str) -> str:
        """The legal basis in ``language``. A basis may name values too: a finding stored
        before findings kept their values carries its old texts as values (``LEGACY``)."""
        language = known(language)
        return text(self.reference_id, language).format(**localised(dict(self.values), language))

    @property
    def messages(self) -> Messages:
        """The message in the three languages."""
        return Messages(*(self.message(language) for language in LANGUAGES))

    @property
    def reference(self) -> Messages:
        """The legal basis in the three languages."""
        return Messages(*(self.legal_basis(language) for language in LANGUAGES))

    def to_record(self) -> dict[str, Any]:
        """The finding as JSON (what the database keeps): ids and typed values, no words.

        Lossless: ``Finding.from_record(f.to_record()) == f``. Each value is tagged with
        its type (``{"date": "2026-04-15"}``, ``{"euros": "10805.56"}``…), so it is read
        back as the same value and rendered in the reader's language when it is read.
        """
        return {
            "rule_id": self.rule_id,
            "severity": self.severity.value,
            "reference_id": self.reference_id,
            "message_id": self.message_id,
            "first_date": self.first_date.isoformat(),
            "last_date": self.last_date.isoformat(),
            "subjects": [[kind, ident] for kind, ident in self.subjects],
            "values": _values_record(self.values),
        }

    @staticmethod
    def from_record(record: Mapping[str, Any]) -> "Finding":
        """The finding ``to_record`` wrote. Raises ``ValueError`` on a record it did not."""
        try:
            return Finding(
                rule_id=str(record["rule_id"]),
                severity=Severity(record["severity"]),
                reference_id=str(record["reference_id"]),
                message_id=str(record["message_id"]),
                first_date=date.fromisoformat(record["first_date"]),
                last_date=date.fromisoformat(record["last_date"]),
                subjects=tuple((str(kind), int(ident)) for kind, ident in record["subjects"]),
                values=_values_from_record(record["values"]),
            )
        except (KeyError, TypeError) as error:
            raise ValueError(f"not a finding's record: {error!r}") from error


@dataclass(frozen=True)
class Rule:
    """One legal rule: its id, how serious a breach is, its basis and its check."""

    id: str
    severity: Severity
    # The message ids of its legal basis and of its message in the ``legal_rules``
    # catalogue; the message's ``{name}`` fields come from the check.
    reference: str
    message: str
    # None for the rules that read something else than a snapshot (the debt register).
    check: Callable[[Snapshot], list[Finding]] | None = None
    # Whether a recorded derogation can silence it (hard limits of the GE law cannot).
    derogable: bool = False

    def per_subject(
        self,
        snapshot: "Snapshot",
        occurrences: Iterable[tuple[tuple[tuple[str, int], ...], date, dict[str, object]]],
    ) -> list[Finding]:
        """One finding per subject: worded after its first occurrence, dated first to last.

        A weekly schedule repeats a breach every week; one finding per worker (or pair of
        assignments) with its span says it once, where a list of 52 would drown it. The
        days a recorded derogation covers are left out first.
        """
        first: dict[tuple[tuple[str, int], ...], tuple[date, dict[str, object]]] = {}
        last: dict[tuple[tuple[str, int], ...], date] = {}
        if self.derogable and any(d.rule_id == self.id for d in snapshot.derogations):
            occurrences = [
                o for o in occurrences if not derogated(snapshot.derogations, self.id, o[1], o[1])
            ]
        for subjects, day, values in sorted(occurrences, key=lambda o: (o[0], o[1])):
            first.setdefault(subjects, (day, values))
            last[subjects] = day
        return [
            self.finding(day, last[subjects], subjects, **values)
            for subjects, (day, values) in first.items()
        ]

    def finding(
        self,
        first_date: date,
        last_date: date | None = None,
        subjects: tuple[tuple[str, int], ...] = (),
        **values: object,
    ) -> Finding:
        return Finding(
            rule_id=self.id,
            severity=self.severity,
            reference_id=self.reference,
            message_id=self.message,
            first_date=first_date,
            last_date=last_date or first_date,
            subjects=subjects,
            values=tuple(values.items()),
        )


# A finding stored before findings kept their values (migration 9d3f6b1c8e27): its texts,
# as they were written then, are its values ``message`` and ``reference``, each a
# ``Messages`` that each language reads its own text of. No rule makes such a finding.
LEGACY = N_("legacy.message")
LEGACY_REFERENCE = N_("legacy.reference")


def _value_record(value: object) -> dict[str, Any]:
    # bool before int: a bool is an int to isinstance, and must come back a bool.
    if isinstance(value, bool):
        return {"bool": value}
    if isinstance(value, int):
        return {"int": value}
    if isinstance(value, str):
        return {"str": value}
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, date) and not isinstance(value, datetime):
        return {"date": value.isoformat()}
    if isinstance(value, Minutes):
        return {"minutes": value.value}
    if isinstance(value, Euros):
        return {"euros": str(value.value)}
    if isinstance(value, Phrase):
        return {"phrase": _phrase_record(value)}
    if isinstance(value, Phrases):
        return {
            "phrases": {
                "items": [_phrase_record(item) for item in value.items],
                "separator": value.separator,
            }
        }
    if isinstance(value, Messages):
        return {"texts": {"fr": value.fr, "nl": value.nl, "en": value.en}}
    if isinstance(value, tuple):  # facts the message does not show (the missing mentions)
        return {"tuple": [_value_record(item) for item in value]}
    # A value the record cannot say exactly is refused, never stored as something else.
    raise TypeError(f"a finding's value cannot be stored: {value!r}")


def _phrase_record(value: Phrase) -> dict[str, Any]:
    return {"message_id": value.message_id, "values": _values_record(value.values)}


def _values_record(values: Values) -> list[list[Any]]:
    # Pairs, not an object: the values' order is part of the finding (it compares equal).
    return [[name, _value_record(value)] for name, value in values]


def _value_from_record(record: Mapping[str, Any]) -> object:
    ((tag, value),) = record.items()
    if tag not in _READERS:
        raise ValueError(f"unknown value type in a finding's record: {tag!r}")
    return _READERS[tag](value)


def _phrase_from_record(record: Mapping[str, Any]) -> Phrase:
    return Phrase(str(record["message_id"]), _values_from_record(record["values"]))


def _values_from_record(values: Iterable[list[Any]]) -> Values:
    return tuple((str(name), _value_from_record(value)) for name, value in values)


# How each tag of ``_value_record`` is read back.
_READERS: dict[str, Callable[[Any], object]] = {
    "bool": bool,
    "int": int,
    "str": str,
    "decimal": Decimal,
    "date": date.fromisoformat,
    "minutes": lambda v: Minutes(int(v)),
    "euros": lambda v: Euros(Decimal(v)),
    "phrase": _phrase_from_record,
    "phrases": lambda v: Phrases(
        tuple(_phrase_from_record(item) for item in v["items"]), str(v["separator"])
    ),
    "texts": lambda v: Messages(str(v["fr"]), str(v["nl"]), str(v["en"])),
    "tuple": lambda v: tuple(_value_from_record(item) for item in v),
}


def facts_of(values: Mapping[str, object]) -> tuple[tuple[str, object], ...]:
    """The values of a message that are facts: names (text) only say how a subject is
    called today, the subjects' ids already say who it is; phrases are words."""
    return tuple(
        sorted(
            (name, value)
            for name, value in values.items()
            if not isinstance(value, str | Phrase | Phrases | Messages)
        )
    )


def localised(values: Mapping[str, object], language: str) -> dict[str, object]:
    """Dates, hours, amounts and phrases written the way the language writes them."""
    out: dict[str, object] = {}
    for name, value in values.items():
        if isinstance(value, date):
            out[name] = formats.day(value, language)
        elif isinstance(value, Decimal):
            out[name] = formats.short_number(value, language)
        elif isinstance(value, Minutes):
            out[name] = formats.minutes(value.value, language)
        elif isinstance(value, Euros):
            out[name] = formats.money(value.value, language)
        elif isinstance(value, Phrase | Phrases):
            out[name] = value.render(language)
        elif isinstance(value, Messages):
            out[name] = value.in_language(language)
        else:
            out[name] = value
    return out


@dataclass(frozen=True)
class Minutes:
    """A duration to show as hours and minutes in a message."""

    value: int


@dataclass(frozen=True)
class Euros:
    """An amount to show in euros, the way each language writes it."""

    value: Decimal
