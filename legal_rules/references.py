"""Legal bases cited by more than one rule: their message ids in the ``legal_rules``
catalogue (``translations/<language>/LC_MESSAGES/legal_rules.po``)."""

from allocation.translations import N_

LABOUR_ACT_ART_19 = N_("reference.labour_act_art_19")
GE_CAP = N_("reference.ge_cap")
