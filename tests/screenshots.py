"""Screenshots of the main screens, for the README (``make screenshots``).

    python -m tests.screenshots OUTDIR [--lang it|en]

Runs the real windows on a real encrypted store in a temporary folder, filled with
synthetic people (invented names, no real personal data), and saves one PNG per screen:
the set-up wizard (desk, administrator, recovery key), the unlock screen, then every
section of the main window that exists (People with a search for "Muhammad", the person
file, Reports over a year of invented visits, and whatever else the window offers), as the
administrator and as the legal advisor.

When ``DISPLAY`` is unset it starts ``Xvfb :99`` itself (``apt-get install xvfb``); with
``QT_QPA_PLATFORM=offscreen`` it needs no X server at all (``widget.grab()`` works there
too, with the same pictures minus the X11 font rendering).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from models.consent import ConsentForm
from models.crypto import KdfParams
from models.intake import IntakeForm, NeedForm, register
from models.people import DocumentForm, HouseholdForm, PersonForm
from models.store import DeskStore, OpenStore

# Test-strength key derivation: the pictures do not depend on it.
FAST_KDF = KdfParams(memory_kib=1024, iterations=1, lanes=1)
DESK = "san-martino"
ADMIN, ADMIN_PASSWORD = "anna", "una frase lunga e segreta"
ADVISOR, OPERATOR, PASSWORD = "lucia", "omar", "un'altra frase lunga"
SIZE = (1100, 680)
DISPLAY_NUMBER = ":99"
TIMEOUT = 15.0

# Invented people. Several spellings of Muhammad, one in Arabic script, so the search
# screenshot shows the transliteration-aware matching.
PEOPLE: list[dict[str, object]] = [
    dict(given_name="Mohamed", family_name="Ben Salah", sex="M", birth_year=1987,
         birth_country="TN", citizenships=["TN"], languages=["ar", "fr"],
         preferred_language="ar", legal_status="work_employed",
         permit_expiry=date.today() + timedelta(days=40)),
    dict(given_name="Mohammed", family_name="El Amrani", sex="M", birth_year=1979,
         birth_country="MA", citizenships=["MA"], languages=["ar", "fr"],
         preferred_language="fr", legal_status="family"),
    dict(given_name="Muhammad", family_name="Iqbal Hussain", sex="M", birth_year=1995,
         birth_country="PK", citizenships=["PK"], languages=["ur", "en"],
         preferred_language="ur", legal_status="asylum_applicant"),
    dict(given_name="محمد", family_name="الحسن", given_name_latin="Mohammad",
         family_name_latin="Al Hassan", sex="M", birth_year=2001, birth_country="SY",
         citizenships=["SY"], languages=["ar"], preferred_language="ar",
         legal_status="subsidiary_protection"),
    dict(given_name="Mahmoud", family_name="Farouk", sex="M", birth_year=1969,
         birth_country="EG", citizenships=["EG"], languages=["ar"], legal_status="eu_long_term"),
    dict(given_name="Amina", family_name="Diallo", sex="F", birth_year=1992,
         birth_country="SN", citizenships=["SN"], languages=["fr", "wo"],
         preferred_language="fr", legal_status="renewal_pending"),
    dict(given_name="Olena", family_name="Kovalenko", sex="F", birth_year=1984,
         birth_country="UA", citizenships=["UA"], languages=["uk", "ru"],
         preferred_language="uk", legal_status="special_cases"),
    dict(given_name="Juan Carlos", family_name="Quispe Mamani", sex="M", birth_year=1990,
         birth_country="PE", citizenships=["PE"], languages=["es"], preferred_language="es",
         legal_status="work_self_employed"),
    dict(given_name="Fatima Zahra", family_name="Benali", sex="F", birth_year=1998,
         birth_country="MA", citizenships=["MA"], languages=["ar", "fr"], legal_status="study"),
    dict(given_name="Samuel", family_name="Tesfaye", sex="M", birth_year=2003,
         birth_country="ER", citizenships=["ER"], languages=["ti", "en"], legal_status="refugee"),
    dict(given_name="Ana Lucía", family_name="Mendoza", sex="F", birth_year=1976,
         birth_country="EC", citizenships=["EC"], languages=["es"], legal_status="no_permit"),
]  # fmt: skip


# ===================================================================== display
@contextmanager
def display() -> Iterator[None]:
    """Make sure Qt has somewhere to draw: the current X server, offscreen, or our Xvfb."""
    if os.environ.get("DISPLAY") or os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        yield
        return
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        sys.exit(
            "No DISPLAY and no Xvfb: install it (apt-get install xvfb) or run with "
            "QT_QPA_PLATFORM=offscreen"
        )
    socket = Path("/tmp/.X11-unix") / f"X{DISPLAY_NUMBER[1:]}"
    process = subprocess.Popen(
        [xvfb, DISPLAY_NUMBER, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not socket.exists():
            if process.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"Xvfb {DISPLAY_NUMBER} did not start (is another one running?)")
            time.sleep(0.05)
        os.environ["DISPLAY"] = DISPLAY_NUMBER
        os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
        yield
    finally:
        process.terminate()
        with suppress(subprocess.TimeoutExpired):
            process.wait(5)


# ===================================================================== demo data
def fill_demo_store(store: OpenStore) -> None:
    """Synthetic people with visits, needs, a family, documents and a referral."""
    from models import referrals

    actor = store.actor
    ids: list[str] = []
    for number, person in enumerate(PEOPLE):
        form = IntakeForm(
            person=PersonForm(**person),  # type: ignore[arg-type]
            channel=("walk_in", "appointment", "phone")[number % 3],
            language=str(person.get("preferred_language") or "it"),
            mediator_called=number % 2 == 0,
            needs=[NeedForm("italian_language", "Corso serale", "normal")],
            consents=[ConsentForm("processing"), ConsentForm("sharing")],
        )
        if number == 0:
            form.needs = [
                NeedForm("mwc_family_reunification", "Moglie e due figli a Tunisi", "high"),
                NeedForm("job_training_celav", "Cerca lavoro come elettricista", "normal"),
            ]
            form.household = [
                HouseholdForm("spouse", "Salma", "Ben Salah", 1990, "abroad", "TN"),
                HouseholdForm("child", "Youssef", "Ben Salah", 2015, "abroad", "TN", True),
                HouseholdForm("child", "Nour", "Ben Salah", 2018, "abroad", "TN", True),
            ]
            form.documents = [
                DocumentForm("passport", "X0000000", "Repubblica Tunisina"),
                DocumentForm(
                    "permit_of_stay",
                    "I00000000",
                    "Questura di Milano",
                    expiry_date=date.today() + timedelta(days=40),
                ),
            ]
        with store.session() as session:
            result = register(session, actor, form)
            ids.append(result.person_id)
            if number == 0:
                referral = referrals.create_referral(
                    session,
                    actor,
                    result.person_id,
                    "mwc_family_reunification",
                    "Ricongiungimento di moglie e figli: verifica dei requisiti",
                    need_id=result.need_ids[0],
                )
                session.flush()
                with suppress(Exception):  # the demo goes on if the transitions change
                    referrals.change_status(session, actor, referral.id, "sent")
    store.add_operator(ADVISOR, "legal_advisor", PASSWORD, "Lucia Verdi")
    store.adopt_legal_key(ADVISOR, PASSWORD)  # she signs in here: the legal key is at hand
    store.add_operator(OPERATOR, "desk_operator", PASSWORD, "Omar Rossi")
    advisor = store.actor.__class__(login=ADVISOR, role="legal_advisor", desk=store.desk)
    with suppress(Exception), store.session(advisor) as session:
        from models.consultations import record_consultation

        record_consultation(
            session,
            advisor,
            ids[0],
            "family_reunification",
            "Quali redditi servono per il ricongiungimento di moglie e due figli?",
            "Spiegati i requisiti di reddito e di alloggio; da portare la busta paga.",
            "advice_given",
        )


def fill_demo_history(store: OpenStore, months: int = 14, seed: int = 12) -> None:
    """A year of invented visits for the Reports screenshot: people with no names, in MWC's
    main origins, written as replicated rows (as a sync pull writes them) month by month."""
    import random

    from models.hlc import HybridClock
    from models.ids import uuid7
    from models.indicator_facts import MILAN
    from models.schema import Consultation, Need, Person, Visit

    rng = random.Random(seed)
    clock = HybridClock()
    origins = ["EG"] * 6 + ["PE"] * 4 + ["BD"] * 4 + ["CN"] * 3 + ["NG", "PK", "MA", "UA", "SN"]
    origins += ["RO", "IT"]
    channels = ["walk_in"] * 7 + ["appointment"] * 3 + ["phone"] * 2 + ["email"]
    services = ["mwc_family_reunification"] * 4 + ["italian_language"] * 4
    services += ["mwc_legal_second_level", "job_training_celav", "health_services"]
    topics = ["permit_of_stay", "family_reunification", "asylum", "citizenship", "work"]
    today = date.today()
    with store.session() as session:
        session.info["replicating"] = True
        for back in range(months, 0, -1):
            first = (today.replace(day=1) - timedelta(days=back * 30)).replace(day=1)
            for _ in range(rng.randint(12, 26)):
                day = first + timedelta(days=rng.randint(0, 27))
                at = datetime(day.year, day.month, day.day, rng.randint(9, 16), tzinfo=MILAN)
                at = at.astimezone(UTC).replace(tzinfo=None)
                stamp = dict(hlc=clock.now(), origin_desk=DESK, created_at=at, updated_at=at)
                person = Person(
                    id=uuid7(),
                    sex=rng.choice("MMMF"),
                    birth_year=today.year - rng.choice([16, 21, 28, 33, 38, 42, 51, 67]),
                    citizenships=[rng.choice(origins)],
                    **stamp,
                )
                session.add(person)
                session.flush()
                visits = [at]
                if rng.random() < 0.35:  # some come back a few weeks later
                    visits.append(at + timedelta(days=rng.choice([12, 20, 35, 90, 150])))
                visits = [v for v in visits if v.date() < today]
                for visit_at in visits:
                    session.add(
                        Visit(
                            id=uuid7(),
                            person_id=person.id,
                            desk_code=DESK,
                            at=visit_at,
                            channel=rng.choice(channels),
                            operator=ADMIN,
                            **{**stamp, "created_at": visit_at, "updated_at": visit_at},
                        )
                    )
                session.add(
                    Need(
                        id=uuid7(), person_id=person.id, service_code=rng.choice(services), **stamp
                    )
                )
                if rng.random() < 0.3:
                    session.add(
                        Consultation(
                            id=uuid7(),
                            person_id=person.id,
                            advisor=ADVISOR,
                            at=at,
                            topic=rng.choice(topics),
                            **stamp,
                        )
                    )
                session.flush()


# ===================================================================== capture
class Shooter:
    def __init__(self, app: object, outdir: Path) -> None:
        from PySide6.QtWidgets import QApplication

        assert isinstance(app, QApplication)
        self.app = app
        self.outdir = outdir
        self.saved: list[Path] = []

    def wait(self, condition: Callable[[], bool] = lambda: False, seconds: float = 0.3) -> bool:
        """Run the event loop until ``condition`` holds (or for ``seconds`` if it never does)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.app.processEvents()
            if condition():
                return True
            time.sleep(0.02)
        self.app.processEvents()
        return condition()

    def until(self, condition: Callable[[], bool], what: str) -> None:
        if not self.wait(condition, TIMEOUT):
            raise RuntimeError(f"timed out waiting for {what}")

    def shoot(self, widget: object, name: str) -> None:
        from PySide6.QtWidgets import QWidget

        assert isinstance(widget, QWidget)
        self.wait(seconds=0.4)  # layouts, debounced searches, background results
        path = self.outdir / f"{len(self.saved) + 1:02d}-{name}.png"
        if not widget.grab().save(str(path), "PNG", 9):
            raise RuntimeError(f"could not write {path}")
        self.saved.append(path)
        print(f"{path}  {path.stat().st_size // 1024} KB")


def run(outdir: Path, language: str) -> list[Path]:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication, QWizard

    from models.user_folders import APPLICATION, ORGANIZATION
    from ui.i18n import install_translator
    from ui.main_window import MainWindow
    from ui.ops import Ops
    from ui.setup_wizard import RECOVERY_PAGE, SetupWizard
    from ui.unlock import UnlockWindow

    outdir.mkdir(parents=True, exist_ok=True)
    for old in outdir.glob("[0-9][0-9]-*.png"):
        old.unlink()
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(f"{APPLICATION} screenshots")
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")  # the same pictures whatever the desktop theme
    install_translator(app, language)
    shooter = Shooter(app, outdir)
    ops = Ops()

    with tempfile.TemporaryDirectory(prefix="arco-screenshots-") as tmp:
        files = DeskStore(Path(tmp) / "desk", kdf=FAST_KDF)

        # ---- first run: the set-up wizard
        wizard = SetupWizard(files, ops)
        wizard.resize(760, 560)
        wizard.show()
        wizard.desk_page.select(DESK)
        shooter.shoot(wizard, "wizard-desk")
        wizard.next()
        page = wizard.admin_page
        page.login.setText(ADMIN)
        page.display_name.setText("Anna Bianchi")
        page.password.setText(ADMIN_PASSWORD)
        page.confirm.setText(ADMIN_PASSWORD)
        shooter.shoot(wizard, "wizard-administrator")
        wizard.button(QWizard.WizardButton.CommitButton).click()
        shooter.until(lambda: wizard.currentId() == RECOVERY_PAGE, "the recovery key page")
        shooter.shoot(wizard, "wizard-recovery-key")
        created: list[OpenStore] = []
        wizard.desk_created.connect(created.append)
        wizard.recovery_page.written_down.setChecked(True)
        wizard.next()
        wizard.connect_page.form.url_field.setText("https://welcome-center.comune.milano.it")
        shooter.shoot(wizard, "wizard-connect")
        wizard.button(QWizard.WizardButton.FinishButton).click()
        shooter.until(lambda: bool(created), "the wizard to finish")
        wizard.hide()
        store = created[0]
        fill_demo_store(store)
        fill_demo_history(store)
        store.lock()

        # ---- the unlock screen, then each operator's main window
        for login, password in ((ADMIN, ADMIN_PASSWORD), (ADVISOR, PASSWORD)):
            unlock = UnlockWindow(files, ops)
            unlock.resize(560, 420)
            unlock.show()
            unlock.reload()
            unlock.operator.setCurrentText(login)
            unlock.password.setText(password)
            if login == ADMIN:
                shooter.shoot(unlock, "unlock")
            opened: list[OpenStore] = []
            unlock.unlocked.connect(opened.append)
            unlock.unlock_button.click()
            shooter.until(lambda opened=opened: bool(opened), f"{login} to unlock")
            unlock.hide()
            window = MainWindow(opened[0], ops, app)
            window.resize(*SIZE)
            window.show()
            if login == ADMIN:
                shoot_sections(shooter, window)
            else:
                shoot_advisor(shooter, window)
            done: list[bool] = []
            window.locked.connect(done.append)
            window.lock_now()
            shooter.until(lambda done=done: bool(done), "the lock")
            window.hide()
            window.deleteLater()
            unlock.deleteLater()
            shooter.wait()
        ops.wait_for_done()
    return shooter.saved


def shoot_sections(shooter: Shooter, window: object) -> None:
    """Every section the window has; People with a search and the person file."""
    from ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    for key in window.section_keys():
        window.show_section(key)
        view = window.stack.currentWidget()
        if key == "people":
            type_search(shooter, window.people_view, "Muhammad")
            shooter.shoot(window, "people-search-muhammad")
            open_person(shooter, window, "Ben Salah", "person-file")
        elif key == "intake" and type_search(shooter, view, "Mohamed"):
            shooter.shoot(window, "intake-candidates")
        else:
            shooter.shoot(window, key.replace("_", "-"))


def type_search(shooter: Shooter, view: object, text: str) -> bool:
    """Type into the view's person search (if it has one) and wait for the results."""
    search = getattr(view, "search", None)
    field = getattr(search, "search_field", None)
    finished = getattr(search, "search_finished", None)
    if field is None or finished is None:
        return False
    counts: list[int] = []
    finished.connect(counts.append)
    field.setFocus()
    field.setText(text)
    shooter.until(lambda: bool(counts), f"the results for {text!r}")
    return True


def open_person(shooter: Shooter, window: object, family_name: str, name: str) -> None:
    """The file of the person named ``family_name`` (searched in People)."""
    from ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    window.show_section("people")
    people = window.people_view
    type_search(shooter, people, family_name)
    model = people.model
    for row in range(model.rowCount()):
        match = model.match_at(row)
        if family_name in match.display_name:
            people.open_person(match.person_id)
            shooter.shoot(window, name)
            people.close_person()
            return


def shoot_advisor(shooter: Shooter, window: object) -> None:
    """The legal advisor's view: the consultations section and the person file."""
    from ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    if "consultations" in window.section_keys():
        window.show_section("consultations")
        view = window.stack.currentWidget()
        if type_search(shooter, view, "Ben Salah") and view.search.model.rowCount():  # type: ignore[attr-defined]
            # Pick the person (what Enter on the result does) and wait for their list.
            choose = getattr(view, "choose", None)
            listed = getattr(view, "listed", None)
            if choose is not None:
                counts: list[int] = []
                if listed is not None:
                    listed.connect(counts.append)
                choose(view.search.model.match_at(0))  # type: ignore[attr-defined]
                shooter.wait(lambda: bool(counts), 5.0)
        shooter.shoot(window, "consultations-legal-advisor")
    open_person(shooter, window, "Ben Salah", "person-file-legal-advisor")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.screenshots", description=__doc__)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--lang", choices=("it", "en"), default="it")
    args = parser.parse_args(argv)
    with display():
        saved = run(args.outdir, args.lang)
    print(f"{len(saved)} screenshots in {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
