"""All tables of Mutua; importing this module registers them on ``Base.metadata``."""

from .audit import AuditEvent
from .base import Base
from .groupement import CostParameters, Groupement
from .member import Member
from .schedule import Assignment, Slot
from .time_entry import DayEntry, ReplacementDay
from .user import ApiToken, User
from .worker import Contract, Worker

__all__ = [
    "ApiToken",
    "Assignment",
    "AuditEvent",
    "Base",
    "Contract",
    "CostParameters",
    "DayEntry",
    "Groupement",
    "Member",
    "ReplacementDay",
    "Slot",
    "User",
    "Worker",
]
