"""Messages of the API in French (first), Dutch and English, chosen by Accept-Language."""

from typing import Any

from flask import current_app, has_request_context, request, session

LANGUAGES = ("fr", "nl", "en")

MESSAGES: dict[str, dict[str, str]] = {
    # marshmallow's own messages, keyed by their English text.
    "Missing data for required field.": {
        "fr": "Champ obligatoire.",
        "nl": "Verplicht veld.",
        "en": "Missing data for required field.",
    },
    "Unknown field.": {
        "fr": "Champ inconnu.",
        "nl": "Onbekend veld.",
        "en": "Unknown field.",
    },
    "Field may not be null.": {
        "fr": "Ce champ ne peut pas être vide.",
        "nl": "Dit veld mag niet leeg zijn.",
        "en": "Field may not be null.",
    },
    "Not a valid string.": {
        "fr": "Texte attendu.",
        "nl": "Tekst verwacht.",
        "en": "Not a valid string.",
    },
    "Not a valid integer.": {
        "fr": "Nombre entier attendu.",
        "nl": "Geheel getal verwacht.",
        "en": "Not a valid integer.",
    },
    "Not a valid date.": {
        "fr": "Date invalide : format attendu AAAA-MM-JJ.",
        "nl": "Ongeldige datum: verwacht formaat JJJJ-MM-DD.",
        "en": "Not a valid date: expected YYYY-MM-DD.",
    },
    "Not a valid time.": {
        "fr": "Heure invalide : format attendu HH:MM.",
        "nl": "Ongeldig tijdstip: verwacht formaat UU:MM.",
        "en": "Not a valid time: expected HH:MM.",
    },
    "Not a valid email address.": {
        "fr": "Adresse e-mail invalide.",
        "nl": "Ongeldig e-mailadres.",
        "en": "Not a valid email address.",
    },
    "Not a valid boolean.": {
        "fr": "Booléen attendu (true ou false).",
        "nl": "Booleaanse waarde verwacht (true of false).",
        "en": "Not a valid boolean.",
    },
    "Invalid input type.": {
        "fr": "Type de donnée invalide.",
        "nl": "Ongeldig gegevenstype.",
        "en": "Invalid input type.",
    },
    "Invalid value.": {"fr": "Valeur invalide.", "nl": "Ongeldige waarde.", "en": "Invalid value."},
    "Shorter than minimum length 1.": {
        "fr": "Ce champ ne peut pas être vide.",
        "nl": "Dit veld mag niet leeg zijn.",
        "en": "Field may not be empty.",
    },
    # Mutua's own messages.
    "not_a_string_amount": {
        "fr": 'Montant attendu en texte décimal exact, par exemple "2500.00".',
        "nl": 'Bedrag verwacht als exacte decimale tekst, bijvoorbeeld "2500.00".',
        "en": 'Amount expected as exact decimal text, for example "2500.00".',
    },
    "fraction_of_cent": {
        "fr": "Un montant s'exprime au centime près (deux décimales au plus).",
        "nl": "Een bedrag heeft hoogstens twee decimalen (cent).",
        "en": "An amount has at most two decimals (cents).",
    },
    "not_a_string_hours": {
        "fr": 'Heures attendues en texte décimal exact, par exemple "19.00" ou "7.50".',
        "nl": 'Uren verwacht als exacte decimale tekst, bijvoorbeeld "19.00" of "7.50".',
        "en": 'Hours expected as exact decimal text, for example "19.00" or "7.50".',
    },
    "hours_not_minutes": {
        "fr": "Les heures doivent correspondre à un nombre entier de minutes.",
        "nl": "Uren moeten overeenkomen met een geheel aantal minuten.",
        "en": "Hours must be a whole number of minutes.",
    },
    "out_of_range": {
        "fr": "Valeur hors des limites admises.",
        "nl": "Waarde buiten de toegelaten grenzen.",
        "en": "Value out of the allowed range.",
    },
    "vat_matches_enterprise": {
        "fr": "Le numéro de TVA belge est « BE » suivi du numéro d'entreprise ({expected}).",
        "nl": "Het Belgische btw-nummer is 'BE' gevolgd door het ondernemingsnummer ({expected}).",
        "en": "A Belgian VAT number is 'BE' followed by the enterprise number ({expected}).",
    },
    "bad_request": {
        "fr": "Requête illisible : le corps doit être du JSON valide (Content-Type: application/json).",
        "nl": "Onleesbaar verzoek: de body moet geldige JSON zijn (Content-Type: application/json).",
        "en": "Unreadable request: the body must be valid JSON (Content-Type: application/json).",
    },
    "method_not_allowed": {
        "fr": "Méthode non permise sur cette adresse.",
        "nl": "Methode niet toegestaan op dit adres.",
        "en": "Method not allowed on this address.",
    },
    "not_a_percent": {
        "fr": 'Pourcentage attendu en texte décimal (quatre décimales au plus), par exemple "32.40".',
        "nl": 'Percentage verwacht als decimale tekst (hoogstens vier decimalen), bv. "32.40".',
        "en": 'Percentage expected as decimal text (at most four decimals), e.g. "32.40".',
    },
    "must_be_positive": {
        "fr": "La valeur doit être strictement positive.",
        "nl": "De waarde moet strikt positief zijn.",
        "en": "The value must be greater than zero.",
    },
    "must_not_be_negative": {
        "fr": "La valeur ne peut pas être négative.",
        "nl": "De waarde mag niet negatief zijn.",
        "en": "The value may not be negative.",
    },
    "day_hours_range": {
        "fr": "Les heures d'une journée sont comprises entre 0 et 24 (0 exclu).",
        "nl": "De uren van een dag liggen tussen 0 en 24 (0 uitgesloten).",
        "en": "Hours in a day must be more than 0 and at most 24.",
    },
    "day_total_over_24": {
        "fr": "Ce travailleur aurait {hours} h enregistrées le {day} : une journée en compte 24 au plus.",
        "nl": "Deze werknemer zou op {day} {hours} u geregistreerd hebben: een dag telt hoogstens 24 u.",
        "en": "This worker would have {hours} h recorded on {day}: a day has at most 24.",
    },
    "absence_not_planned": {
        "fr": "Ce travailleur n'a pas d'heures planifiées chez ce membre le {day} : une absence n'y retire rien. Choisissez le membre où il était attendu, ou aucun membre (réparti au prorata).",
        "nl": "Deze werknemer heeft op {day} geen geplande uren bij dit lid: een afwezigheid trekt er niets af. Kies het lid waar hij verwacht werd, of geen lid (pro rata verdeeld).",
        "en": "This worker has no planned hours at this member on {day}: an absence there takes nothing off. Choose the member where they were expected, or no member (shared pro rata).",
    },
    "absence_over_planned": {
        "fr": "{hours} h d'absence le {day}, pour {planned} h planifiées{where} : une absence ne peut dépasser les heures planifiées.",
        "nl": "{hours} u afwezigheid op {day}, voor {planned} u gepland{where}: een afwezigheid kan de geplande uren niet overschrijden.",
        "en": "{hours} h of absence on {day}, for {planned} h planned{where}: an absence cannot exceed the planned hours.",
    },
    "weekly_hours_range": {
        "fr": "La durée hebdomadaire doit être comprise entre 0 (exclu) et 50 heures.",
        "nl": "De wekelijkse arbeidsduur moet tussen 0 (uitgesloten) en 50 uur liggen.",
        "en": "Weekly hours must be more than 0 and at most 50.",
    },
    "invalid_enterprise_number": {
        "fr": "Numéro d'entreprise belge invalide (10 chiffres, ex. 0403.170.701).",
        "nl": "Ongeldig Belgisch ondernemingsnummer (10 cijfers, bv. 0403.170.701).",
        "en": "Invalid Belgian enterprise number (10 digits, e.g. 0403.170.701).",
    },
    "invalid_vat_number": {
        "fr": "Numéro de TVA belge invalide (ex. BE0403170701).",
        "nl": "Ongeldig Belgisch btw-nummer (bv. BE0403170701).",
        "en": "Invalid Belgian VAT number (e.g. BE0403170701).",
    },
    "invalid_national_number": {
        "fr": "Numéro de registre national invalide (11 chiffres, clé de contrôle).",
        "nl": "Ongeldig rijksregisternummer (11 cijfers, controlegetal).",
        "en": "Invalid Belgian national register number (11 digits, check digits).",
    },
    "invalid_iban": {
        "fr": "IBAN invalide.",
        "nl": "Ongeldig IBAN.",
        "en": "Invalid IBAN.",
    },
    "invalid_bic": {"fr": "BIC invalide.", "nl": "Ongeldige BIC.", "en": "Invalid BIC."},
    "invalid_peppol_id": {
        "fr": "Identifiant Peppol invalide (schéma:identifiant, ex. 0208:0403170701).",
        "nl": "Ongeldige Peppol-id (schema:id, bv. 0208:0403170701).",
        "en": "Invalid Peppol id (scheme:identifier, e.g. 0208:0403170701).",
    },
    "ends_before_start": {
        "fr": "La date de fin précède la date de début.",
        "nl": "De einddatum ligt vóór de begindatum.",
        "en": "The end date is before the start date.",
    },
    "slot_ends_before_start": {
        "fr": "Une plage horaire doit finir après son début ({start}–{end}).",
        "nl": "Een tijdsblok moet eindigen na het begin ({start}–{end}).",
        "en": "A slot must end after it starts ({start}–{end}).",
    },
    "slots_overlap": {
        "fr": "Deux plages du même jour se chevauchent ({first} et {second}).",
        "nl": "Twee tijdsblokken op dezelfde dag overlappen ({first} en {second}).",
        "en": "Two slots on the same day overlap ({first} and {second}).",
    },
    "unknown_reference": {
        "fr": "Introuvable dans ce groupement.",
        "nl": "Niet gevonden in deze groepering.",
        "en": "Not found in this groupement.",
    },
    "not_a_public_holiday": {
        "fr": "Le {day} n'est pas un jour férié légal en Belgique.",
        "nl": "{day} is geen wettelijke feestdag in België.",
        "en": "{day} is not a Belgian public holiday.",
    },
    "replacement_is_holiday": {
        "fr": "Le jour de remplacement ne peut pas être lui-même un jour férié.",
        "nl": "De vervangingsdag mag zelf geen feestdag zijn.",
        "en": "The replacement day cannot itself be a public holiday.",
    },
    "replacement_other_year": {
        "fr": "Le jour de remplacement doit tomber la même année que le jour férié.",
        "nl": "De vervangingsdag moet in hetzelfde jaar vallen als de feestdag.",
        "en": "The replacement day must fall in the same year as the holiday.",
    },
    "member_needs_member": {
        "fr": "Un utilisateur « membre » doit être rattaché à un membre.",
        "nl": "Een gebruiker met rol 'lid' moet aan een lid gekoppeld zijn.",
        "en": "A member user must belong to a member.",
    },
    "refused_by_rules": {
        "fr": "Refusé : cette modification enfreindrait la législation sur les groupements d'employeurs (voir errors.findings). Rien n'a été enregistré.",
        "nl": "Geweigerd: deze wijziging zou de wetgeving op werkgeversgroeperingen overtreden (zie errors.findings). Er is niets opgeslagen.",
        "en": "Refused: this change would break the law on groupements d'employeurs (see errors.findings). Nothing was saved.",
    },
    "reference_required": {
        "fr": "Changer ce paramètre légal demande une référence (arrêté royal, décision…) dans « {field} ».",
        "nl": "Voor het wijzigen van deze wettelijke parameter is een referentie vereist (koninklijk besluit, beslissing…) in '{field}'.",
        "en": "Changing this legal parameter needs a reference (royal decree, decision…) in '{field}'.",
    },
    "rule_not_derogable": {
        "fr": "Cette règle ne peut pas faire l'objet d'une dérogation (règles dérogeables : {rules}).",
        "nl": "Van deze regel kan niet worden afgeweken (regels met afwijking: {rules}).",
        "en": "This rule cannot be derogated (rules that can: {rules}).",
    },
    "invoice_locked": {
        "fr": "Facture déjà émise (INV-LOCK) : toute correction doit passer par une note de crédit.",
        "nl": "Factuur al uitgereikt (INV-LOCK): elke correctie moet via een creditnota gebeuren.",
        "en": "Invoice already issued (INV-LOCK): any correction goes through a credit note.",
    },
    "month_locked": {
        "fr": "Refusé (INV-LOCK) : cette modification changerait les factures déjà émises de {months}. Corrigez-les par une note de crédit, puis un complément.",
        "nl": "Geweigerd (INV-LOCK): deze wijziging zou de al uitgereikte facturen van {months} veranderen. Corrigeer ze met een creditnota en daarna een aanvulling.",
        "en": "Refused (INV-LOCK): this change would alter the invoices already issued for {months}. Correct them with a credit note, then a complement.",
    },
    "invalid_period": {
        "fr": "Période invalide : format attendu AAAA-MM, de 1900-01 à 2199-12.",
        "nl": "Ongeldige periode: verwacht formaat JJJJ-MM, van 1900-01 tot 2199-12.",
        "en": "Invalid period: expected YYYY-MM, from 1900-01 to 2199-12.",
    },
    "not_an_issued_invoice": {
        "fr": "Seule une facture émise peut être créditée.",
        "nl": "Alleen een uitgereikte factuur kan gecrediteerd worden.",
        "en": "Only an issued invoice can be credited.",
    },
    "credit_beyond_invoice": {
        "fr": "Le montant à créditer doit être positif et ne pas dépasser ce qui reste facturé sur la ligne.",
        "nl": "Het te crediteren bedrag moet positief zijn en mag niet hoger zijn dan wat nog op de lijn gefactureerd staat.",
        "en": "The amount to credit must be positive and at most what the line still bills.",
    },
    "nothing_to_credit": {
        "fr": "Rien à créditer : la facture l'est déjà entièrement.",
        "nl": "Niets te crediteren: de factuur is al volledig gecrediteerd.",
        "en": "Nothing to credit: the invoice is already fully credited.",
    },
    "upload_refused": {
        "fr": "Fichier refusé : rien n'a été enregistré. Corrigez les cellules indiquées (feuille, ligne, colonne) et renvoyez-le.",
        "nl": "Bestand geweigerd: er is niets opgeslagen. Verbeter de aangeduide cellen (blad, rij, kolom) en stuur het opnieuw.",
        "en": "File refused: nothing was saved. Correct the cells listed (sheet, row, column) and send it again.",
    },
    "upload_not_xlsx": {
        "fr": "Le fichier doit être un classeur Excel (.xlsx).",
        "nl": "Het bestand moet een Excel-werkmap (.xlsx) zijn.",
        "en": "The file must be an Excel workbook (.xlsx).",
    },
    "upload_too_large": {
        "fr": "Fichier trop volumineux : {limit} Mo au plus. Rien n'a été enregistré.",
        "nl": "Bestand te groot: hoogstens {limit} MB. Er is niets opgeslagen.",
        "en": "File too large: {limit} MB at most. Nothing was saved.",
    },
    "upload_sheet_too_big": {
        "fr": "La feuille « {sheet} » déclare la plage {dimension}, jusqu'à la ligne {row} et la colonne {column} : un import compte au plus {max_rows} lignes de données (jusqu'à la ligne {last_row}) et {max_columns} colonnes (jusqu'à {last_column}). Rien n'a été lu ni enregistré ; scindez le fichier ou supprimez les lignes et colonnes en trop.",
        "nl": "Het blad '{sheet}' vermeldt het bereik {dimension}, tot rij {row} en kolom {column}: een import telt hoogstens {max_rows} gegevensrijen (tot rij {last_row}) en {max_columns} kolommen (tot {last_column}). Er is niets gelezen of opgeslagen; splits het bestand of verwijder de overtollige rijen en kolommen.",
        "en": "Sheet '{sheet}' declares the range {dimension}, down to row {row} and column {column}: an import holds at most {max_rows} data rows (down to row {last_row}) and {max_columns} columns (up to {last_column}). Nothing was read or saved; split the file or delete the extra rows and columns.",
    },
    "upload_too_many_rows": {
        "fr": "La feuille « {sheet} » continue au-delà de {limit} lignes de données (ligne {row} atteinte) : un import en compte au plus {limit}. Rien n'a été enregistré ; scindez le fichier ou supprimez les lignes vides du bas.",
        "nl": "Het blad '{sheet}' loopt verder dan {limit} gegevensrijen (rij {row} bereikt): een import telt er hoogstens {limit}. Er is niets opgeslagen; splits het bestand of verwijder de lege rijen onderaan.",
        "en": "Sheet '{sheet}' goes on past {limit} data rows (row {row} reached): an import holds at most {limit}. Nothing was saved; split the file or delete the empty rows at the bottom.",
    },
    "upload_too_many_columns": {
        "fr": "La feuille « {sheet} » a une cellule en {cell} (une cellule vide mais mise en forme compte aussi) : un import compte au plus {limit} colonnes, de A à {last}. Rien n'a été enregistré ; supprimez les colonnes au-delà.",
        "nl": "Het blad '{sheet}' heeft een cel in {cell} (ook een lege maar opgemaakte cel telt): een import telt hoogstens {limit} kolommen, van A tot {last}. Er is niets opgeslagen; verwijder de kolommen daarna.",
        "en": "Sheet '{sheet}' has a cell in {cell} (an empty but formatted cell counts too): an import holds at most {limit} columns, A to {last}. Nothing was saved; delete the columns beyond.",
    },
    "upload_formula": {
        "fr": "Formule refusée en {cell} ({formula}) : saisissez la valeur elle-même (copier, puis collage spécial « valeurs »).",
        "nl": "Formule geweigerd in {cell} ({formula}): vul de waarde zelf in (kopiëren, dan plakken speciaal 'waarden').",
        "en": "Formula refused in {cell} ({formula}): enter the value itself (copy, then paste special 'values').",
    },
    "upload_too_slow": {
        "fr": "Import interrompu : la lecture et la vérification ont dépassé {seconds} s (ligne {row}). Rien n'a été enregistré ; scindez le fichier.",
        "nl": "Import onderbroken: lezen en controleren duurden langer dan {seconds} s (rij {row}). Er is niets opgeslagen; splits het bestand.",
        "en": "Import stopped: reading and checking took over {seconds} s (row {row}). Nothing was saved; split the file.",
    },
    "upload_slots_overlap": {
        "fr": "Cette plage ({second}) et celle de la ligne {other} ({first}) se chevauchent le même jour.",
        "nl": "Dit tijdsblok ({second}) en dat van rij {other} ({first}) overlappen op dezelfde dag.",
        "en": "This slot ({second}) and the one on row {other} ({first}) overlap on the same day.",
    },
    "upload_more_problems": {
        "fr": "… et {count} autres erreurs.",
        "nl": "… en {count} andere fouten.",
        "en": "… and {count} more errors.",
    },
    "upload_zip_bomb": {
        "fr": "Fichier refusé : son contenu décompressé est anormalement volumineux.",
        "nl": "Bestand geweigerd: de uitgepakte inhoud is abnormaal groot.",
        "en": "File refused: its unpacked content is abnormally large.",
    },
    "upload_bad_header": {
        "fr": "Première ligne inattendue : colonnes attendues {expected} (utilisez le modèle).",
        "nl": "Onverwachte eerste rij: verwachte kolommen {expected} (gebruik het sjabloon).",
        "en": "Unexpected first row: expected columns {expected} (use the template).",
    },
    "upload_empty": {
        "fr": "Le classeur ne contient aucune ligne à importer.",
        "nl": "De werkmap bevat geen rijen om te importeren.",
        "en": "The workbook holds no row to import.",
    },
    "upload_unknown_worker": {
        "fr": "Travailleur inconnu : « {value} » (Nom Prénom).",
        "nl": "Onbekende werknemer: '{value}' (Naam Voornaam).",
        "en": "Unknown worker: '{value}' (Last First).",
    },
    "upload_ambiguous_worker": {
        "fr": "Plusieurs travailleurs s'appellent « {value} » : impossible de choisir.",
        "nl": "Meerdere werknemers heten '{value}': onmogelijk te kiezen.",
        "en": "Several workers are called '{value}': cannot choose.",
    },
    "upload_unknown_member": {
        "fr": "Membre inconnu : « {value} » (nom ou numéro d'entreprise).",
        "nl": "Onbekend lid: '{value}' (naam of ondernemingsnummer).",
        "en": "Unknown member: '{value}' (name or enterprise number).",
    },
    "upload_bad_weekday": {
        "fr": "Jour invalide : « {value} » (lundi … dimanche).",
        "nl": "Ongeldige dag: '{value}' (lundi … dimanche).",
        "en": "Invalid day: '{value}' (lundi … dimanche).",
    },
    "upload_bad_time": {
        "fr": "Heure invalide : « {value} » (HH:MM, de 00:00 à 23:59).",
        "nl": "Ongeldig tijdstip: '{value}' (UU:MM, van 00:00 tot 23:59).",
        "en": "Invalid time: '{value}' (HH:MM, 00:00 to 23:59).",
    },
    "upload_bad_amount": {
        "fr": "Montant invalide : « {value} » (euros, deux décimales au plus).",
        "nl": "Ongeldig bedrag: '{value}' (euro, hoogstens twee decimalen).",
        "en": "Invalid amount: '{value}' (euros, at most two decimals).",
    },
    "upload_no_contract": {
        "fr": "Aucun contrat de ce travailleur ne court le {day}.",
        "nl": "Geen enkele overeenkomst van deze werknemer loopt op {day}.",
        "en": "No contract of this worker runs on {day}.",
    },
    "upload_duplicate_row": {
        "fr": "Ce travailleur et ce mois figurent déjà à la ligne {other}.",
        "nl": "Deze werknemer en deze maand staan al op rij {other}.",
        "en": "This worker and month already appear on row {other}.",
    },
    "ge_vat_required": {
        "fr": "Le groupement facture à 21 % : enregistrez d'abord son numéro de TVA (paramètres).",
        "nl": "De groepering factureert aan 21 %: registreer eerst haar btw-nummer (instellingen).",
        "en": "The groupement bills at 21 %: record its VAT number first (settings).",
    },
    "draft_outdated": {
        "fr": "Les données du mois ont changé depuis ce brouillon : préparez un nouveau brouillon et vérifiez-le avant d'émettre.",
        "nl": "De gegevens van de maand zijn gewijzigd sinds dit ontwerp: maak een nieuw ontwerp en controleer het voor de uitgifte.",
        "en": "The month's data changed since this draft: draft again and review it before issuing.",
    },
    "issue_date_before_last": {
        "fr": "Date d'émission antérieure à la dernière de la série ({day}) : la numérotation doit suivre l'ordre des dates.",
        "nl": "Uitgiftedatum vóór de laatste van de reeks ({day}): de nummering moet de datumvolgorde volgen.",
        "en": "Issue date before the series' last one ({day}): numbers must follow the dates.",
    },
    "issue_date_too_far": {
        "fr": "La date d'émission ne peut dépasser le {day} : aujourd'hui plus {days} jours (paramètre du groupement).",
        "nl": "De uitreikingsdatum mag niet later zijn dan {day}: vandaag plus {days} dagen (instelling van de groepering).",
        "en": "The issue date cannot be later than {day}: today plus {days} days (a setting of the groupement).",
    },
    "issue_date_before_period_end": {
        "fr": "Une facture ne s'émet qu'après la fin du mois facturé.",
        "nl": "Een factuur wordt pas na het einde van de gefactureerde maand uitgereikt.",
        "en": "An invoice is issued only after the month it bills has ended.",
    },
    "credit_before_invoice": {
        "fr": "Une note de crédit ne peut pas précéder la facture qu'elle corrige.",
        "nl": "Een creditnota kan niet voorafgaan aan de factuur die ze corrigeert.",
        "en": "A credit note cannot precede the invoice it corrects.",
    },
    "conflict_busy": {
        "fr": "Une autre opération écrit en même temps : réessayez dans un instant.",
        "nl": "Een andere bewerking schrijft tegelijk: probeer zo dadelijk opnieuw.",
        "en": "Another operation is writing at the same time: try again in a moment.",
    },
    "control_characters": {
        "fr": "Caractères de contrôle interdits.",
        "nl": "Controletekens zijn niet toegestaan.",
        "en": "Control characters are not allowed.",
    },
    # HTTP-level messages.
    "unauthorized": {
        "fr": "Authentification requise : en-tête « Authorization: Bearer <jeton> ».",
        "nl": "Authenticatie vereist: header 'Authorization: Bearer <token>'.",
        "en": "Authentication required: header 'Authorization: Bearer <token>'.",
    },
    "forbidden_read_only": {
        "fr": "Votre rôle donne un accès en lecture seule.",
        "nl": "Uw rol geeft alleen leestoegang.",
        "en": "Your role has read-only access.",
    },
    "not_found": {
        "fr": "Ressource introuvable.",
        "nl": "Bron niet gevonden.",
        "en": "Resource not found.",
    },
    "invalid_input": {
        "fr": "Données invalides : voir le détail par champ.",
        "nl": "Ongeldige gegevens: zie de details per veld.",
        "en": "Invalid input: see the details per field.",
    },
    "too_large": {
        "fr": "Requête trop volumineuse : rien n'a été enregistré.",
        "nl": "Verzoek te groot: er is niets opgeslagen.",
        "en": "Request too large: nothing was saved.",
    },
    "conflict_in_use": {
        "fr": "Suppression impossible : d'autres données y font référence. Archivez-le plutôt "
        "(date de sortie ou de fin).",
        "nl": "Verwijderen onmogelijk: andere gegevens verwijzen ernaar. Archiveer het liever "
        "(uittredings- of einddatum).",
        "en": "Cannot delete: other records refer to it. Archive it instead (exit or end date).",
    },
    "conflict_duplicate": {
        "fr": "Cet enregistrement existe déjà (valeur en double).",
        "nl": "Dit record bestaat al (dubbele waarde).",
        "en": "This record already exists (duplicate value).",
    },
    "password_too_short": {
        "fr": "Le mot de passe doit compter 12 caractères au moins.",
        "nl": "Het wachtwoord moet minstens 12 tekens tellen.",
        "en": "The password needs 12 characters at least.",
    },
    "password_too_weak": {
        "fr": "Ce mot de passe est trop courant ou trop facile à deviner : "
        "prenez-en un plus long, fait de plusieurs mots peu courants.",
        "nl": "Dit wachtwoord is te gangbaar of te makkelijk te raden: "
        "kies een langer wachtwoord van meerdere ongewone woorden.",
        "en": "This password is too common or too easy to guess: "
        "choose a longer one, made of several uncommon words.",
    },
    "server_error": {
        "fr": "Erreur interne : rien n'a été enregistré.",
        "nl": "Interne fout: er is niets opgeslagen.",
        "en": "Internal error: nothing was saved.",
    },
}


def language() -> str:
    """The caller's language: the one chosen on the web pages (session), else
    Accept-Language; French when nothing better matches."""
    default = current_app.config.get("DEFAULT_LANGUAGE", "fr") if current_app else "fr"
    if not has_request_context():
        return default
    chosen = session.get("language")
    if chosen in LANGUAGES:
        return str(chosen)
    return request.accept_languages.best_match(LANGUAGES, default=default) or default


def t(key: str, lang: str | None = None, **values: Any) -> str:
    entry = MESSAGES.get(key)
    if entry is None:
        return key.format(**values) if values else key
    return entry[lang or language()].format(**values)


def translate_tree(messages: Any, lang: str | None = None) -> Any:
    """Translate every known message in a marshmallow error tree (dicts and lists)."""
    lang = lang or language()
    if isinstance(messages, dict):
        return {key: translate_tree(value, lang) for key, value in messages.items()}
    if isinstance(messages, list):
        return [translate_tree(value, lang) for value in messages]
    if isinstance(messages, str) and messages in MESSAGES:
        return MESSAGES[messages][lang]
    return messages
