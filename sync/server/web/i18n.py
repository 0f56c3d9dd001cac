"""The workspace's words: English source strings, Italian translations (the default).

A small catalog in Python rather than gettext files: the workspace has about a hundred and
fifty strings, and ``tests/web/test_i18n.py`` checks that every string the templates and
this package use has its Italian translation with the same ``{placeholders}``, and that
the catalog holds nothing unused. Values are inserted after translation with
``str.format`` and escaped by the templates like any other value.
"""

from __future__ import annotations

from collections.abc import Callable

LANGS = ("it", "en")
DEFAULT = "it"

# Referral statuses, as MWC staff read them.
STATUS = {
    "draft": "draft",
    "sent": "new",
    "accepted": "accepted",
    "appointment_set": "appointment set",
    "completed": "completed",
    "declined": "declined",
    "no_show": "did not come",
    "cancelled": "cancelled by the desk",
}
# The buttons and legends of each move.
MOVES = {
    "accepted": "Accept",
    "appointment_set": "Set the appointment",
    "completed": "Completed",
    "no_show": "Did not come to the appointment",
    "declined": "Decline",
}
URGENCY = {"low": "low", "normal": "normal", "high": "high"}
ROLES = {"mwc_staff": "MWC staff", "coordinator": "central coordinator"}
VIEWS = {"new": "New", "open": "Open", "closed": "Closed"}
VIEW_CAPTIONS = {
    "new": "New referrals, overdue first, then the oldest",
    "open": "Open referrals, overdue first, then the oldest",
    "closed": "Closed referrals, latest change first",
}
# What was done, shown after the redirect.
DONE = {
    "accepted": "The referral is accepted. The desk sees it at its next sync.",
    "appointment_set": "The appointment is set. The desk sees it at its next sync.",
    "completed": "The referral is completed. The desk sees it at its next sync.",
    "no_show": "The missed appointment is recorded. The desk sees it at its next sync.",
    "declined": "The referral is declined. The desk sees it, with the reason, at its next sync.",
    "note": "The note is sent. The desk sees it at its next sync.",
    "approved": "Your approval is recorded; the merge runs once every approval it needs is in.",
    "enabled": "The account is enabled.",
    "disabled": "The account is disabled and its sessions have ended.",
}
# Refusals of a form, by error code (the codes of ``sync.server`` and of the forms).
ERRORS = {
    "refused": "This change was refused.",
    "illegal_transition": "This change is not possible from the referral's current status "
    "(it may have changed meanwhile: the page shows it now).",
    "appointment_missing": "An appointment needs a date and a time.",
    "place_missing": "An appointment needs a place.",
    "reason_missing": "A refusal needs a reason for the desk.",
    "note_missing": "The note is empty.",
    "note_too_long": "The note is too long (at most 2,000 characters).",
    "invalid_form": "Some fields are not valid (a note has at most 2,000 characters, a place 300).",
    "already_decided": "This duplicate has been decided already.",
    "survivor_not_in_pair": "Choose which of the two records to keep.",
    "consent_required": "Both people must have consented to sharing before a merge.",
}
# Whole pages refused: (heading, text) by code or HTTP status.
PAGE_ERRORS = {
    "csrf": (
        "Form expired",
        "The form was not sent from this page, or the page is too old. Go back, reload the "
        "page and try again.",
    ),
    "403": ("Not allowed", "Your account may not open this page."),
    "404": ("Not found", "There is no such page, or no referral with this number among yours."),
    "405": ("Not allowed", "This address does not accept this kind of request."),
    "400": ("Not valid", "The request was not valid."),
    "422": ("Not valid", "The form was not complete or not valid."),
    "413": ("Too large", "The request was too large."),
    "500": ("Error", "Something went wrong."),
}
# The city-wide indicators page (``figures.py``, ``indicators.html``).
PERIODS = {
    "this_month": "This month",
    "last_month": "Last month",
    "this_year": "This year",
    "last_12_months": "The last 12 months",
    "custom": "Custom dates",
}
PERIOD_ERRORS = {
    "end_before_start": "The period ends before it starts.",
    "too_long": "The period is too long (at most ten years).",
    "invalid_format": "Give both dates of the period.",
}
INDICATOR_TABLES = {
    "summary": "Summary",
    "progress": "Progress towards the ARCO target (all desks)",
    "months": "Accesses by month",
    "channels": "Accesses by channel",
    "people": "Third-country nationals reached by sex and age band",
    "citizenship": "People reached by citizenship (everyone)",
    "services": "Needs and referrals by service",
    "outcomes": "Outcomes of the referrals sent in the period (status today)",
    "topics": "Legal consultations by topic (counts only)",
}
SUMMARY = {
    "reached": "Third-country nationals reached",
    "new": "of whom at their first access",
    "returning": "of whom came before",
    "accesses": "Accesses",
    "needs": "Needs recorded",
    "referrals": "Referrals sent to services",
    "closed": "Referrals closed by the service",
    "consultations": "Legal consultations",
    "median": "Days to close a referral (median)",
}
PROGRESS = {
    "reached": "Reached since the project started",
    "target": "Target",
    "due": "Due by this month according to plan",
    "share": "Share of the target reached",
    "start": "Project start",
    "end": "Project end",
}
INDICATOR_COLUMNS = {
    "indicator": "Indicator",
    "value": "Value",
    "month": "Month",
    "accesses": "Accesses",
    "people": "People",
    "first": "At their first access",
    "channel": "Channel",
    "count": "Count",
    "band": "Age band",
    "total": "Total",
    "citizenship": "Citizenship",
    "service": "Service",
    "needs": "Needs",
    "referrals": "Referrals",
    "closed": "Closed",
    "status": "Status",
    "topic": "Topic",
}
INDICATOR_SEXES = {"F": "Women", "M": "Men", "X": "Other", "": "Sex not stated"}
CLASSES = {
    "tcn": "Third countries",
    "eu": "Other EU countries",
    "it": "Italy",
    "unknown": "Citizenship not stated",
}
MONTHS = {
    1: "January",
    2: "February",
    3: "March",
    4: "April",
    5: "May",
    6: "June",
    7: "July",
    8: "August",
    9: "September",
    10: "October",
    11: "November",
    12: "December",
}
INDICATOR_NOTES = (
    "Small counts are hidden: a count from 1 to 4 is shown as <5, and where a total would "
    "give it back, another count of the same line is hidden too (×). The median days to "
    "close is shown over at least 5 referrals.",
    "Third-country nationals: people who are not citizens of a member state of the European "
    "Union (Regulation (EU) 2021/1147, art. 2). Every figure is about them, except the table "
    "by citizenship.",
    "With all desks, each person counts once, whichever desks they went to, when the desks "
    "know them as one person: people merged across desks count once, but someone registered "
    "at two desks and never merged counts twice.",
    "New: first access ever recorded falls in the period. Age at first registration. "
    "Referrals: sent in the period, with the status they have today.",
    "People erased on request (GDPR art. 17) stay counted, anonymously. Those erased before "
    "this version of the server kept one citizenship only: a person with two citizenships "
    "erased then may be counted under the one kept.",
)
NOT_STATED = "not stated"
NOT_AVAILABLE = "not available"
# Names of the languages people speak most at the desks (others are shown as their code).
LANGUAGE_NAMES = {
    "it": "Italian",
    "en": "English",
    "fr": "French",
    "es": "Spanish",
    "ar": "Arabic",
    "bn": "Bengali",
    "zh": "Chinese",
    "ur": "Urdu",
    "pa": "Punjabi",
    "ti": "Tigrinya",
    "so": "Somali",
    "wo": "Wolof",
    "uk": "Ukrainian",
    "ru": "Russian",
    "pt": "Portuguese",
    "tl": "Tagalog",
}

IT: dict[str, str] = {
    # base.html
    "ARCO — Welcome Center": "ARCO — Welcome Center",
    "Skip to content": "Vai al contenuto",
    "Sections": "Sezioni",
    "Referrals": "Invii",
    "Coordination": "Coordinamento",
    "Staff accounts": "Account del personale",
    "Signed in as {login}": "Accesso come {login}",
    "Sign out": "Esci",
    "For the privacy of the people served, you are signed out after {minutes} minutes "
    "without activity.": "Per la riservatezza delle persone seguite, l'accesso termina dopo "
    "{minutes} minuti di inattività.",
    # signin.html
    "Sign in": "Accedi",
    "The workspace of the Milano Welcome Center services for the referrals of the ARCO "
    "proximity desks.": "Lo spazio di lavoro dei servizi del Milano Welcome Center per gli "
    "invii degli sportelli di prossimità ARCO.",
    "Login": "Nome utente",
    "Password": "Password",
    "You have signed out.": "Sei uscito.",
    "Your session has ended. Sign in again.": "La sessione è terminata. Accedi di nuovo.",
    "The form had expired. Sign in again.": "Il modulo era scaduto. Accedi di nuovo.",
    "Too many failed attempts: try again in {seconds} seconds.": "Troppi tentativi falliti: "
    "riprova tra {seconds} secondi.",
    "Login or password not valid.": "Nome utente o password non validi.",
    # inbox.html
    "Referrals sent by the desks to every service.": "Invii degli sportelli a tutti i servizi.",
    "Referrals sent by the desks to your services: {services}.": "Invii degli sportelli ai "
    "tuoi servizi: {services}.",
    "Views": "Viste",
    "Service": "Servizio",
    "All services": "Tutti i servizi",
    "Show": "Mostra",
    "Number": "Numero",
    "Person": "Persona",
    "Languages": "Lingue",
    "From desk": "Sportello",
    "Status": "Stato",
    "Sent": "Inviato",
    "Appointment": "Appuntamento",
    "overdue": "in ritardo",
    "withheld": "riservato",
    "No referrals here.": "Nessun invio qui.",
    "New": "Nuovi",
    "Open": "Aperti",
    "Closed": "Chiusi",
    "New referrals, overdue first, then the oldest": "Nuovi invii, prima quelli in ritardo, "
    "poi i più vecchi",
    "Open referrals, overdue first, then the oldest": "Invii aperti, prima quelli in ritardo, "
    "poi i più vecchi",
    "Closed referrals, latest change first": "Invii chiusi, dall'ultima modifica",
    # referral.html
    "Referral {number}": "Invio {number}",
    "Back to the referrals": "Torna agli invii",
    "Outcome": "Esito",
    "The person's data is withheld: their processing is restricted, or they were erased or "
    "merged. Ask the desk.": "I dati della persona non sono mostrati: il trattamento è "
    "limitato, oppure sono stati cancellati o uniti a un altro fascicolo. Chiedere allo "
    "sportello.",
    "Name": "Nome",
    "not recorded": "non indicate",
    "Phone": "Telefono",
    "no consent to be contacted by phone: contact the desk": "nessun consenso a essere "
    "contattata per telefono: contattare lo sportello",
    "Reason and need": "Motivo e bisogno",
    "Reason for the referral": "Motivo dell'invio",
    "Need": "Bisogno",
    "urgency: {level}": "urgenza: {level}",
    "Need description": "Descrizione del bisogno",
    "Actions": "Azioni",
    "Date": "Data",
    "Time": "Ora",
    "Place": "Luogo",
    "Reason (the desk reads it)": "Motivo (lo legge lo sportello)",
    "Note to the desk (optional)": "Nota per lo sportello (facoltativa)",
    "Note to the desk": "Nota per lo sportello",
    "Note (the desk sees it with the referral at its next sync)": "Nota (lo sportello la vede "
    "con l'invio alla prossima sincronizzazione)",
    "Send the note": "Invia la nota",
    "History": "Cronologia",
    "Changes of this referral, oldest first": "Modifiche di questo invio, dalla prima",
    "When": "Quando",
    "By": "Da",
    "Note": "Nota",
    "note": "nota",
    "Welcome Center": "Welcome Center",
    "desk": "sportello",
    # coordination.html
    "Open referrals by service and age": "Invii aperti per servizio e anzianità",
    "{band} days": "{band} giorni",
    "Total": "Totale",
    "No open referrals.": "Nessun invio aperto.",
    "Open referrals by desk and status": "Invii aperti per sportello e stato",
    "Desk": "Sportello",
    "Overdue referrals": "Invii in ritardo",
    "Sent or accepted with no progress for {days} days, or an appointment that has passed.": (
        "Inviati o accettati senza progressi da {days} giorni, o con un appuntamento passato."
    ),
    "Last change": "Ultima modifica",
    "Days since sent": "Giorni dall'invio",
    "No overdue referrals.": "Nessun invio in ritardo.",
    "Possible duplicates awaiting approval": "Possibili doppioni in attesa di approvazione",
    "The same person registered at two desks. A merge needs both desks, or one desk and a "
    "central coordinator, and both people's consent to sharing.": "La stessa persona "
    "registrata in due sportelli. L'unione richiede l'approvazione di entrambi gli sportelli, "
    "o di uno sportello e di un coordinatore centrale, e il consenso alla condivisione di "
    "entrambe le persone.",
    "{a} and {b}": "{a} e {b}",
    "Similarity {score}%": "Somiglianza {score}%",
    "approved so far by: {parties}": "approvato finora da: {parties}",
    "Keep as the surviving record:": "Fascicolo da mantenere:",
    "Approve the merge": "Approva l'unione",
    "No duplicates awaiting approval.": "Nessun doppione in attesa di approvazione.",
    # staff.html
    "Coordinators disable and enable the accounts of MWC staff: a disabled account is signed "
    "out at once. Accounts are created, and coordinators managed, with the arco-central "
    "command line.": "I coordinatori disattivano e riattivano gli account del personale MWC: "
    "un account disattivato esce subito. Gli account si creano, e i coordinatori si "
    "gestiscono, con il comando arco-central.",
    "Central users": "Utenti centrali",
    "Role": "Ruolo",
    "Services": "Servizi",
    "State": "Stato",
    "Action": "Azione",
    "active": "attivo",
    "disabled": "disattivato",
    "Disable {login}": "Disattiva {login}",
    "Enable {login}": "Riattiva {login}",
    # routes.py
    "Page closed": "Pagina chiusa",
    "This page was closed after 15 minutes without activity, so that no personal data stays "
    "on an unattended screen.": "La pagina è stata chiusa dopo 15 minuti di inattività, "
    "perché nessun dato personale resti su uno schermo incustodito.",
    "Go to the referrals": "Vai agli invii",
    # indicators.html, figures.py
    "Indicators": "Indicatori",
    "City-wide indicators": "Indicatori cittadini",
    "The FAMI indicators of the four ARCO desks, counted from what each desk has synced with "
    "the Welcome Center: counts only, no personal data.": "Gli indicatori FAMI dei quattro "
    "sportelli ARCO, contati da quanto ogni sportello ha sincronizzato con il Welcome "
    "Center: solo conteggi, nessun dato personale.",
    "Choose the figures": "Scegli i dati",
    "Period": "Periodo",
    "From": "Dal",
    "To": "Al",
    "Change the dates for a period of your own.": "Cambia le date per un periodo a scelta.",
    "All desks": "Tutti gli sportelli",
    "Period: {start} to {end}": "Periodo: dal {start} al {end}",
    "Desk: {desk}": "Sportello: {desk}",
    "Desks: all": "Sportelli: tutti",
    "Made on {date}": "Prodotto il {date}",
    "{reached} of {target} people reached ({share}); {due} due by this month.": "{reached} "
    "persone raggiunte su {target} ({share}); {due} attese entro questo mese.",
    "Download as a spreadsheet (XLSX)": "Scarica come foglio di calcolo (XLSX)",
    "Nothing in this period.": "Nessun dato nel periodo.",
    "Last sync of each desk": "Ultima sincronizzazione di ogni sportello",
    "Only what the desks have synced is counted: a desk that has not synced for a while is "
    "behind.": "Si conta solo quanto gli sportelli hanno sincronizzato: uno sportello che non "
    "si sincronizza da tempo è indietro.",
    "never": "mai",
    "How to read these figures": "Come leggere questi dati",
    "Small counts are hidden: a count from 1 to 4 is shown as <5, and where a total would "
    "give it back, another count of the same line is hidden too (×). The median days to "
    "close is shown over at least 5 referrals.": "I conteggi piccoli sono nascosti: un "
    "conteggio da 1 a 4 appare come <5 e, dove un totale permetterebbe di ricavarlo, è "
    "nascosto anche un altro conteggio della stessa riga (×). La mediana dei giorni per la "
    "chiusura appare solo su almeno 5 invii.",
    "Third-country nationals: people who are not citizens of a member state of the European "
    "Union (Regulation (EU) 2021/1147, art. 2). Every figure is about them, except the table "
    "by citizenship.": "Cittadini di Paesi terzi: chi non ha la cittadinanza di uno Stato "
    "membro dell'Unione europea (Regolamento (UE) 2021/1147, art. 2). Tutte le cifre "
    "riguardano solo loro, tranne la tabella per cittadinanza.",
    "With all desks, each person counts once, whichever desks they went to, when the desks "
    "know them as one person: people merged across desks count once, but someone registered "
    "at two desks and never merged counts twice.": "Con tutti gli sportelli ogni persona "
    "conta una volta, a qualunque sportello sia andata, se gli sportelli la conoscono come "
    "una sola persona: le persone unite tra sportelli contano una volta, ma chi è registrato "
    "in due sportelli e non è mai stato unito conta due volte.",
    "New: first access ever recorded falls in the period. Age at first registration. "
    "Referrals: sent in the period, with the status they have today.": "Nuove: il primo "
    "accesso mai registrato cade nel periodo. Età alla prima registrazione. Invii: inviati "
    "nel periodo, con lo stato che hanno oggi.",
    "People erased on request (GDPR art. 17) stay counted, anonymously. Those erased before "
    "this version of the server kept one citizenship only: a person with two citizenships "
    "erased then may be counted under the one kept.": "Le persone cancellate su richiesta "
    "(GDPR art. 17) restano contate in forma anonima. Quelle cancellate prima di questa "
    "versione del server hanno conservato una sola cittadinanza: una persona con due "
    "cittadinanze cancellata allora può essere contata secondo quella conservata.",
    # PERIODS, PERIOD_ERRORS
    "This month": "Questo mese",
    "Last month": "Il mese scorso",
    "This year": "Quest'anno",
    "The last 12 months": "Gli ultimi 12 mesi",
    "Custom dates": "Date a scelta",
    "The period ends before it starts.": "Il periodo finisce prima di cominciare.",
    "The period is too long (at most ten years).": "Il periodo è troppo lungo (al massimo "
    "dieci anni).",
    "Give both dates of the period.": "Indica entrambe le date del periodo.",
    # INDICATOR_TABLES, SUMMARY, PROGRESS
    "Summary": "Sintesi",
    "Progress towards the ARCO target (all desks)": "Avanzamento verso l'obiettivo ARCO "
    "(tutti gli sportelli)",
    "Accesses by month": "Accessi per mese",
    "Accesses by channel": "Accessi per canale",
    "Third-country nationals reached by sex and age band": "Cittadini di Paesi terzi "
    "raggiunti per sesso e fascia d'età",
    "People reached by citizenship (everyone)": "Persone raggiunte per cittadinanza (tutte)",
    "Needs and referrals by service": "Bisogni e invii per servizio",
    "Outcomes of the referrals sent in the period (status today)": "Esito degli invii del "
    "periodo (stato attuale)",
    "Legal consultations by topic (counts only)": "Consulenze legali per tema (solo conteggi)",
    "Third-country nationals reached": "Cittadini di Paesi terzi raggiunti",
    "of whom at their first access": "di cui al primo accesso",
    "of whom came before": "di cui già venuti prima",
    "Accesses": "Accessi",
    "Needs recorded": "Bisogni registrati",
    "Referrals sent to services": "Invii ai servizi",
    "Referrals closed by the service": "Invii chiusi dal servizio",
    "Legal consultations": "Consulenze legali",
    "Days to close a referral (median)": "Giorni per la chiusura di un invio (mediana)",
    "Reached since the project started": "Raggiunti dall'inizio del progetto",
    "Target": "Obiettivo",
    "Due by this month according to plan": "Attesi entro questo mese secondo il piano",
    "Share of the target reached": "Quota dell'obiettivo raggiunta",
    "Project start": "Inizio del progetto",
    "Project end": "Fine del progetto",
    # INDICATOR_COLUMNS, INDICATOR_SEXES, CLASSES, MONTHS
    "Indicator": "Indicatore",
    "Value": "Valore",
    "Month": "Mese",
    "People": "Persone",
    "At their first access": "Al primo accesso",
    "Channel": "Canale",
    "Count": "Numero",
    "Age band": "Fascia d'età",
    "Citizenship": "Cittadinanza",
    "Needs": "Bisogni",
    "Topic": "Tema",
    "Women": "Donne",
    "Men": "Uomini",
    "Other": "Altro",
    "Sex not stated": "Sesso non indicato",
    "Third countries": "Paesi terzi",
    "Other EU countries": "Altri Paesi dell'UE",
    "Italy": "Italia",
    "Citizenship not stated": "Cittadinanza non indicata",
    "January": "gennaio",
    "February": "febbraio",
    "March": "marzo",
    "April": "aprile",
    "May": "maggio",
    "June": "giugno",
    "July": "luglio",
    "August": "agosto",
    "September": "settembre",
    "October": "ottobre",
    "November": "novembre",
    "December": "dicembre",
    "not stated": "non indicata",
    "not available": "non disponibile",
    # STATUS
    "draft": "bozza",
    "new": "nuovo",
    "accepted": "accettato",
    "appointment set": "appuntamento fissato",
    "completed": "concluso",
    "declined": "rifiutato",
    "did not come": "non si è presentata",
    "cancelled by the desk": "annullato dallo sportello",
    # MOVES
    "Accept": "Accetta",
    "Set the appointment": "Fissa l'appuntamento",
    "Completed": "Concluso",
    "Did not come to the appointment": "Non si è presentata all'appuntamento",
    "Decline": "Rifiuta",
    # URGENCY, ROLES
    "low": "bassa",
    "normal": "normale",
    "high": "alta",
    "MWC staff": "personale MWC",
    "central coordinator": "coordinatore centrale",
    # DONE
    "The referral is accepted. The desk sees it at its next sync.": "L'invio è accettato. Lo "
    "sportello lo vede alla prossima sincronizzazione.",
    "The appointment is set. The desk sees it at its next sync.": "L'appuntamento è fissato. "
    "Lo sportello lo vede alla prossima sincronizzazione.",
    "The referral is completed. The desk sees it at its next sync.": "L'invio è concluso. Lo "
    "sportello lo vede alla prossima sincronizzazione.",
    "The missed appointment is recorded. The desk sees it at its next sync.": "L'appuntamento "
    "mancato è registrato. Lo sportello lo vede alla prossima sincronizzazione.",
    "The referral is declined. The desk sees it, with the reason, at its next sync.": "L'invio "
    "è rifiutato. Lo sportello lo vede, con il motivo, alla prossima sincronizzazione.",
    "The note is sent. The desk sees it at its next sync.": "La nota è inviata. Lo sportello "
    "la vede alla prossima sincronizzazione.",
    "Your approval is recorded; the merge runs once every approval it needs is in.": "La tua "
    "approvazione è registrata; l'unione avviene quando ci sono tutte le approvazioni "
    "necessarie.",
    "The account is enabled.": "L'account è riattivato.",
    "The account is disabled and its sessions have ended.": "L'account è disattivato e le sue "
    "sessioni sono terminate.",
    # ERRORS
    "This change was refused.": "La modifica è stata rifiutata.",
    "This change is not possible from the referral's current status (it may have changed "
    "meanwhile: the page shows it now).": "Questa modifica non è possibile dallo stato attuale "
    "dell'invio (può essere cambiato nel frattempo: la pagina lo mostra ora).",
    "An appointment needs a date and a time.": "Un appuntamento richiede data e ora.",
    "An appointment needs a place.": "Un appuntamento richiede un luogo.",
    "A refusal needs a reason for the desk.": "Un rifiuto richiede un motivo per lo sportello.",
    "The note is empty.": "La nota è vuota.",
    "The note is too long (at most 2,000 characters).": "La nota è troppo lunga (al massimo "
    "2.000 caratteri).",
    "Some fields are not valid (a note has at most 2,000 characters, a place 300).": "Alcuni "
    "campi non sono validi (una nota ha al massimo 2.000 caratteri, un luogo 300).",
    "This duplicate has been decided already.": "Su questo doppione si è già deciso.",
    "Choose which of the two records to keep.": "Scegli quale dei due fascicoli mantenere.",
    "Both people must have consented to sharing before a merge.": "Entrambe le persone devono "
    "aver dato il consenso alla condivisione prima dell'unione.",
    # PAGE_ERRORS
    "Form expired": "Modulo scaduto",
    "The form was not sent from this page, or the page is too old. Go back, reload the page "
    "and try again.": "Il modulo non è stato inviato da questa pagina, o la pagina è troppo "
    "vecchia. Torna indietro, ricarica la pagina e riprova.",
    "Not allowed": "Non consentito",
    "Your account may not open this page.": "Il tuo account non può aprire questa pagina.",
    "Not found": "Non trovato",
    "There is no such page, or no referral with this number among yours.": "Questa pagina non "
    "esiste, o tra i tuoi non c'è un invio con questo numero.",
    "This address does not accept this kind of request.": "Questo indirizzo non accetta questo "
    "tipo di richiesta.",
    "Not valid": "Non valido",
    "The request was not valid.": "La richiesta non era valida.",
    "The form was not complete or not valid.": "Il modulo non era completo o non era valido.",
    "Too large": "Troppo grande",
    "The request was too large.": "La richiesta era troppo grande.",
    "Error": "Errore",
    "Something went wrong.": "Qualcosa è andato storto.",
    # LANGUAGE_NAMES
    "Italian": "italiano",
    "English": "inglese",
    "French": "francese",
    "Spanish": "spagnolo",
    "Arabic": "arabo",
    "Bengali": "bengalese",
    "Chinese": "cinese",
    "Urdu": "urdu",
    "Punjabi": "punjabi",
    "Tigrinya": "tigrino",
    "Somali": "somalo",
    "Wolof": "wolof",
    "Ukrainian": "ucraino",
    "Russian": "russo",
    "Portuguese": "portoghese",
    "Tagalog": "tagalog",
}
CATALOGS: dict[str, dict[str, str]] = {"it": IT, "en": {}}


def gettext(lang: str, message: str, **values: object) -> str:
    """``message`` in ``lang`` (the English source when there is no translation), with
    ``values`` put into its ``{placeholders}``."""
    text = CATALOGS.get(lang, {}).get(message, message)
    return text.format(**values) if values else text


def translator(lang: str) -> Callable[..., str]:
    """``gettext`` bound to ``lang``: the ``_`` of the templates."""
    return lambda message, **values: gettext(lang, message, **values)


def language_name(lang: str, code: str) -> str:
    """A language's name in ``lang``, or its code in capitals when the catalog lacks it."""
    name = LANGUAGE_NAMES.get(code)
    return gettext(lang, name) if name else code.upper()
