"""Synthetic people for benchmarks: names as they reach Milan's desks, with the usual
transliteration variants, birth years and citizenships in MWC's proportions."""

from __future__ import annotations

import random
from collections.abc import Iterator

from sqlalchemy.orm import Session

from models.consent import ConsentForm
from models.intake import IntakeForm, NeedForm, register
from models.people import PersonForm
from models.referrals import create_referral
from models.roles import Actor

GIVEN = {
    "EG": [
        "Mohamed",
        "Mohammed",
        "Ahmed",
        "Mahmoud",
        "Mostafa",
        "Amr",
        "Gamal",
        "Fatma",
        "Mona",
        "Aya",
    ],
    "PE": ["José", "Luis", "Carlos", "Jorge", "María", "Rosa", "Ana", "Lucía", "Juan", "Carmen"],
    "BD": [
        "Mohammad",
        "Abdul",
        "Rahim",
        "Karim",
        "Shahidul",
        "Nasrin",
        "Fatema",
        "Sultana",
        "Rafiq",
        "Hasina",
    ],
    "CN": ["Wei", "Fang", "Li", "Jun", "Xiaoming", "Hui", "Ying", "Lei", "Jing", "Tao"],
    "NG": [
        "Chinedu",
        "Emeka",
        "Blessing",
        "Joy",
        "Oluwaseun",
        "Ifeoma",
        "Musa",
        "Ngozi",
        "Tunde",
        "Grace",
    ],
    "PK": [
        "Muhammad",
        "Ali",
        "Hassan",
        "Hussain",
        "Bilal",
        "Ayesha",
        "Sana",
        "Imran",
        "Usman",
        "Zainab",
    ],
    "ML": [
        "Moussa",
        "Mamadou",
        "Oumar",
        "Ibrahim",
        "Aminata",
        "Fatoumata",
        "Seydou",
        "Bakary",
        "Awa",
        "Drissa",
    ],
}
FAMILY = {
    "EG": [
        "Hassan",
        "Ibrahim",
        "Abdelrahman",
        "El Sayed",
        "Mahmoud",
        "Farouk",
        "Khalil",
        "Mansour",
    ],
    "PE": ["Quispe", "Flores", "Rodríguez", "García", "Huamán", "Mamani", "Chávez", "Torres"],
    "BD": ["Rahman", "Hossain", "Islam", "Uddin", "Ahmed", "Akter", "Begum", "Chowdhury"],
    "CN": ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhou"],
    "NG": ["Okafor", "Adeyemi", "Eze", "Okonkwo", "Bello", "Nwosu", "Ogunleye", "Abubakar"],
    "PK": ["Khan", "Hussain", "Butt", "Malik", "Qureshi", "Sheikh", "Chaudhry", "Raza"],
    "ML": ["Traoré", "Keita", "Coulibaly", "Diarra", "Touré", "Sidibé", "Konaté", "Camara"],
}
WEIGHTS = {"EG": 25, "PE": 15, "BD": 15, "CN": 12, "NG": 12, "PK": 11, "ML": 10}


def people(count: int, seed: int = 7) -> Iterator[PersonForm]:
    rng = random.Random(seed)
    countries = list(WEIGHTS)
    weights = [WEIGHTS[c] for c in countries]
    for _ in range(count):
        country = rng.choices(countries, weights)[0]
        given = rng.choice(GIVEN[country])
        family = rng.choice(FAMILY[country])
        yield PersonForm(
            given_name=given,
            family_name=family,
            sex=rng.choice("MMMMMMFFFF"[:10]),
            birth_year=rng.randint(1955, 2007),
            citizenships=[country],
            languages=["it"],
            preferred_language="it",
            phone=f"+39 3{rng.randint(10, 99)} {rng.randint(1000000, 9999999)}",
        )


QUERIES = [
    "Muhammad Hasan",
    "Mohamed",
    "Ahmad Rahman",
    "Jose Quispe",
    "Husain Khan",
    "Moussa Traore",
    "Wang Wei",
    "Chinedu Okafor",
    "Fatima Begum",
    "Jamal Mansour",
]


def intake(form: PersonForm) -> IntakeForm:
    """The benchmarks' typical intake: a walk-in with two needs and two consents."""
    return IntakeForm(
        person=form,
        channel="walk_in",
        language="it",
        needs=[
            NeedForm("mwc_family_reunification", "Ricongiungimento moglie e figli"),
            NeedForm("italian_language", "Corso A2"),
        ],
        consents=[ConsentForm("processing"), ConsentForm("sharing")],
    )


def record_intake(session: Session, actor: Actor, form: PersonForm) -> None:
    """:func:`intake` registered, then its first need referred to MWC (one transaction)."""
    result = register(session, actor, intake(form))
    create_referral(
        session,
        actor,
        result.person_id,
        "mwc_family_reunification",
        "Documenti per il nulla osta",
        need_id=result.need_ids[0],
    )
