"""Legal bases cited by more than one rule, in French, Dutch and English."""

LABOUR_ACT_ART_19 = {
    "fr": "Loi du 16 mars 1971, art. 19",
    "nl": "Arbeidswet van 16 maart 1971, art. 19",
    "en": "Labour Act of 16 March 1971, art. 19",
}
GE_CAP = {
    "fr": "Loi du 12 août 2000, art. 186 s., modifiée par la loi du 5 mars 2017",
    "nl": "Wet van 12 augustus 2000, art. 186 e.v., gewijzigd bij de wet van 5 maart 2017",
    "en": "Law of 12 August 2000, art. 186 ff., as amended by the Law of 5 March 2017",
}
