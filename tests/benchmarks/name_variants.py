"""The name-search evaluation set: registered people, the ways operators type their names,
and a background population that shares their name parts.

Written before the search it measures, and not to be edited to suit it: each variant is what
an operator types after hearing the name, reading it off a document in another
transliteration, or in the person's own script. Names come from public lists of common given
and family names of MWC's main origins (Egypt, Morocco, Tunisia, Bangladesh, China, Peru,
Nigeria, Pakistan, Mali, Ukraine); none is one of the examples of the issue that asked for
this set.

A *target* is a person as registered (own script and Latin transliteration, or one of them)
with typed *variants*, each labelled with the kind of variation it shows:

``split_join``       words run together or split (Abdelaziz / Abdel Aziz, Xiao Ming)
``particle``         a particle or title added, dropped or attached (El, Al, Ben, Ait, Syed)
``romanisation``     another transliteration system or national spelling
                     (Hsieh / Xie, Schewtschenko / Shevchenko, Kulibali / Coulibaly)
``typo``             a letter missing, swapped or wrong
``typo_longer``      the typed word longer than the registered one (Bennanni, Akterr)
``short_form``       an abbreviation, initial or short form (F. Zahra, Seun, Sasha, Gh.)
``script``           typed in the person's own script, registered in Latin
``latin_to_script``  typed in Latin, registered only in the person's own script
``order``            family name typed first
``year``             the birth year typed in the same box

A query names the person well enough to tell them from the background (as an operator
would: the name as told, plus the year when only part of a long name is typed); the
background never holds someone with exactly the target's name, nor exactly a typed variant.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from models.people import PersonForm

KINDS = (
    "split_join",
    "particle",
    "romanisation",
    "typo",
    "typo_longer",
    "short_form",
    "script",
    "latin_to_script",
    "order",
    "year",
)


@dataclass(frozen=True)
class Target:
    """A registered person and what operators type to find them."""

    key: str
    given: str  # as registered: own script, or Latin when that is all there is
    family: str
    given_latin: str
    family_latin: str
    birth_year: int
    country: str
    sex: str
    canon: tuple[str, ...]  # the pool entries the name is made of (background exclusion)
    variants: tuple[tuple[str, str], ...]  # (typed query, kind)

    def form(self) -> PersonForm:
        return PersonForm(
            given_name=self.given,
            family_name=self.family,
            given_name_latin=self.given_latin,
            family_name_latin=self.family_latin,
            sex=self.sex,
            birth_year=self.birth_year,
            citizenships=[self.country],
        )


def _t(
    key: str,
    given: str,
    family: str,
    year: int,
    country: str,
    sex: str,
    variants: list[tuple[str, str]],
    *,
    latin: tuple[str, str] = ("", ""),
    canon: tuple[str, ...] = (),
) -> Target:
    names = canon or (latin[0] or given, latin[1] or family)
    given_latin, family_latin = latin
    return Target(
        key, given, family, given_latin, family_latin, year, country, sex, names, tuple(variants)
    )


TARGETS: tuple[Target, ...] = (
    # ------------------------------------------------------------------ Egypt
    _t("E1", "محمود", "عبد العزيز", 1984, "EG", "M", [
        ("Mahmud Abdelaziz", "split_join"),
        ("Mahmoud Abd El Aziz", "split_join"),
        ("Mahmood Abdulaziz", "romanisation"),
        ("Abdelaziz Mahmoud", "order"),
        ("mahmoud abdelaziz 1984", "year"),
    ], latin=("Mahmoud", "Abdel Aziz")),
    _t("E2", "Hossam", "El Shazly", 1979, "EG", "M", [
        ("Hussam Elshazly", "romanisation"),
        ("Hossam Shazly", "particle"),
        ("حسام الشاذلي", "script"),
        ("Hosam El-Shazli", "romanisation"),
        ("hossam al shazly", "particle"),
    ]),
    _t("E3", "Shaimaa", "Abou Elela", 1992, "EG", "F", [
        ("Shaima Abu El Ela", "romanisation"),
        ("Chaimaa Aboelela", "split_join"),
        ("Shaimaa Abouelela", "split_join"),
        ("Shaimaa Abo Elela", "romanisation"),
    ]),
    _t("E4", "طارق", "رجب", 1988, "EG", "M", [
        ("Tarek Ragab", "latin_to_script"),
        ("Tariq Rajab", "latin_to_script"),
        ("Tarik Ragab 1988", "latin_to_script"),
        ("Ragab Tarek", "latin_to_script"),
    ], canon=("Tarek", "Ragab")),
    _t("E5", "Amr", "Fathy", 1990, "EG", "M", [
        ("Amro Fathi", "romanisation"),
        ("Amr Fathey", "typo_longer"),
        ("عمرو فتحي", "script"),
        ("Amr Fthy", "typo"),
    ]),
    _t("E6", "نورهان", "حجازي", 1999, "EG", "F", [
        ("Norhan Hegazi", "romanisation"),
        ("Nourhan Hijazi", "romanisation"),
        ("Nour Han Hegazy", "split_join"),
        ("Nourhann Hegazy", "typo_longer"),
    ], latin=("Nourhan", "Hegazy")),
    # ------------------------------------------------------------------ Morocco
    _t("M1", "Fatima Zahra", "El Idrissi", 1995, "MA", "F", [
        ("Fatimazahra Idrissi", "split_join"),
        ("Fatima-Zahra Elidrissi", "split_join"),
        ("Fatima Ezzahra El Idrissi", "romanisation"),
        ("F. Zahra El Idrissi", "short_form"),
        ("fatima zahra idrisi", "typo"),
    ]),
    _t("M2", "Abderrahim", "Benali", 1976, "MA", "M", [
        ("Abdel Rahim Ben Ali", "split_join"),
        ("Abderrahim Ben Ali", "particle"),
        ("Abdurrahim Benaly", "romanisation"),
        ("عبد الرحيم بن علي", "script"),
    ]),
    _t("M3", "Khadija", "Ait Ouali", 1983, "MA", "F", [
        ("Khadija Aitouali", "split_join"),
        ("Khadidja Ait Wali", "romanisation"),
        ("Kadija Ouali", "particle"),
        ("Khadija Ait-Ouali 1983", "year"),
    ]),
    _t("M4", "Hicham", "Bennani", 1981, "MA", "M", [
        ("Hisham Benani", "romanisation"),
        ("Hichem Bennani", "romanisation"),
        ("هشام بناني", "script"),
        ("Hicham Bennanni", "typo_longer"),
    ]),
    _t("M5", "سعيد", "العمراني", 1969, "MA", "M", [
        ("Saeed Amrani", "particle"),
        ("Saïd Elamrani", "split_join"),
        ("Said Al Amrani 1969", "year"),
        ("Saiid El Amrany", "typo_longer"),
    ], latin=("Said", "El Amrani")),
    # ------------------------------------------------------------------ Tunisia
    _t("T1", "Hamza", "Ben Romdhane", 1993, "TN", "M", [
        ("Hamza Benromdhane", "split_join"),
        ("Hamza Ben Ramadan", "romanisation"),
        ("Hamza Romdhane", "particle"),
        ("Hamzah Ben Romdane", "typo_longer"),
    ]),
    _t("T2", "Nour El Houda", "Trabelsi", 1998, "TN", "F", [
        ("Nourelhouda Trabelsi", "split_join"),
        ("Nour Al Huda Trabelsi", "romanisation"),
        ("Nour Trabelsi 1998", "short_form"),
        ("Nour El Houda Trablsi", "typo"),
    ]),
    _t("T3", "Ghassen", "Jaziri", 1987, "TN", "M", [
        ("Ghassan Al Jaziri", "romanisation"),
        ("Gassen Jaziri", "typo"),
        ("غسان الجزيري", "script"),
        ("Ghassen Djaziri", "romanisation"),
    ]),
    _t("T4", "سليم", "الغربي", 1972, "TN", "M", [
        ("Slim Gharbi", "latin_to_script"),
        ("Selim El Gharbi", "latin_to_script"),
        ("Salim Gharby", "latin_to_script"),
    ], canon=("Slim", "Gharbi")),
    # ------------------------------------------------------------------ Bangladesh
    _t("B1", "Nurul", "Amin", 1986, "BD", "M", [
        ("Nur ul Amin", "split_join"),
        ("Nurulamin", "split_join"),
        ("Nurul Ameen", "romanisation"),
        ("Noorul Amin", "romanisation"),
    ]),
    _t("B2", "Habibur", "Rahman", 1974, "BD", "M", [
        ("Habib ur Rahman", "split_join"),
        ("Habibur Rahaman", "typo_longer"),
        ("হাবিবুর রহমান", "script"),
        ("Habibor Rahman", "romanisation"),
        ("Habibur Rahman 1974", "year"),
    ]),
    _t("B3", "রোকেয়া", "বেগম", 1990, "BD", "F", [
        ("Rokeya Begom", "romanisation"),
        ("Rukeya Begum", "romanisation"),
        ("Mst Rokeya Begum", "short_form"),
        ("Rokeia Begum", "typo"),
    ], latin=("Rokeya", "Begum")),
    _t("B4", "শহিদুল", "আলম", 1980, "BD", "M", [
        ("Shahidul Alam", "latin_to_script"),
        ("Sahidul Alam", "latin_to_script"),
        ("Shohidul Alom", "latin_to_script"),
    ], canon=("Shahidul", "Alam")),
    _t("B5", "Abul Kalam", "Azad", 1965, "BD", "M", [
        ("Abulkalam Azad", "split_join"),
        ("Abu al-Kalam Azad", "particle"),
        ("A. K. Azad", "short_form"),
        ("Abul Kalam Ajad", "romanisation"),
    ]),
    _t("B6", "Taslima", "Akter", 1995, "BD", "F", [
        ("Tasleema Akhter", "romanisation"),
        ("Toslima Aktar", "romanisation"),
        ("Taslima Akterr", "typo_longer"),
        ("তাসলিমা আক্তার", "script"),
    ]),
    # ------------------------------------------------------------------ China
    _t("C1", "晓明", "张", 1985, "CN", "M", [
        ("Zhang Xiaoming", "order"),
        ("Xiao Ming Zhang", "split_join"),
        ("Chang Hsiao-ming", "romanisation"),
        ("张晓明", "script"),
        ("Zhang Xiao-Ming", "split_join"),
    ], latin=("Xiaoming", "Zhang")),
    _t("C2", "Haiyan", "Zhou", 1991, "CN", "F", [
        ("Chou Hai-yen", "romanisation"),
        ("Zhou Hai Yan", "split_join"),
        ("周海燕", "script"),
        ("Haiyan Chow", "romanisation"),
    ]),
    _t("C3", "Jianguo", "Xie", 1968, "CN", "M", [
        ("Hsieh Chien-kuo", "romanisation"),
        ("Xie Jian Guo", "split_join"),
        ("Jiangguo Xie", "typo_longer"),
        ("谢建国", "script"),
    ]),
    _t("C4", "志强", "蔡", 1979, "CN", "M", [
        ("Cai Zhiqiang", "latin_to_script"),
        ("Tsai Chih-chiang", "latin_to_script"),
        ("Zhiqiang Cai", "latin_to_script"),
        ("Zhi Qiang Cai", "latin_to_script"),
    ], canon=("Zhiqiang", "Cai")),
    _t("C5", "Lihua", "Zheng", 1983, "CN", "F", [
        ("Cheng Li-hua", "romanisation"),
        ("Zheng Li Hua", "split_join"),
        ("Li Hua Zheng", "split_join"),
        ("郑丽华", "script"),
        ("Lihua Zeng", "typo"),
    ]),
    # ------------------------------------------------------------------ Peru
    _t("P1", "Rosa Elena", "Huamán Condori", 1977, "PE", "F", [
        ("Rosa Huaman 1977", "year"),
        ("Rosa Elena Guaman Condori", "romanisation"),
        ("Rosa Elena Waman Kondori", "romanisation"),
        ("Roza Elena Huaman Condory", "typo"),
        ("Rosa Condori 1977", "year"),
    ], canon=("Rosa Elena", "Huamán", "Condori")),
    _t("P2", "Juan Carlos", "De la Cruz Mamani", 1980, "PE", "M", [
        ("Juan Carlos Delacruz 1980", "split_join"),
        ("Juancarlos De La Cruz Mamani", "split_join"),
        ("J. Carlos Cruz Mamani", "short_form"),
        ("Juan Carlos Dela Cruz Mamany", "split_join"),
    ], canon=("Juan Carlos", "De la Cruz", "Mamani")),
    _t("P3", "María del Carmen", "Yupanqui Ticona", 1972, "PE", "F", [
        ("Maria Carmen Yupanki 1972", "particle"),
        ("Ma. del Carmen Yupanqui Ticona", "short_form"),
        ("Maricarmen Yupanqui Ticona", "short_form"),
        ("Maria del Carmen Yupanqi Tikona", "typo"),
    ], canon=("María del Carmen", "Yupanqui", "Ticona")),
    _t("P4", "Wilber", "Ccori Apaza", 1990, "PE", "M", [
        ("Wilber Qori Apaza", "romanisation"),
        ("Wilber Cori Apasa", "romanisation"),
        ("Wilbert Ccori 1990", "typo_longer"),
        ("Wilber Apaza Ccori", "order"),
    ], canon=("Wilber", "Ccori", "Apaza")),
    _t("P5", "Luis Alberto", "Choque Vásquez", 1966, "PE", "M", [
        ("Luis Alberto Chuqui Vasquez", "romanisation"),
        ("Luis Choque Vazquez 1966", "romanisation"),
        ("Luis A. Choque Vasquez", "short_form"),
        ("Luis Alberto Choque Vasques", "typo"),
    ], canon=("Luis Alberto", "Choque", "Vásquez")),
    # ------------------------------------------------------------------ Nigeria
    _t("N1", "Oluwaseun", "Ogunleye", 1989, "NG", "M", [
        ("Seun Ogunleye", "short_form"),
        ("Oluwaseun Ogunlaye", "typo"),
        ("Oluseun Ogunleye", "short_form"),
        ("Ogunleye Oluwaseun", "order"),
        ("Oluwa Seun Ogunleye", "split_join"),
    ]),
    _t("N2", "Chukwuemeka", "Nwachukwu", 1982, "NG", "M", [
        ("Emeka Nwachukwu", "short_form"),
        ("Chukwuemeka Nwachukwuu", "typo_longer"),
        ("Chukwu Emeka Nwachukwu", "split_join"),
        ("Chukwuemeka Nwachuku", "typo"),
    ]),
    _t("N3", "Funmilayo", "Adekunle", 1994, "NG", "F", [
        ("Funmi Adekunle", "short_form"),
        ("Olufunmilayo Adekunle", "short_form"),
        ("Funmilayo Adekunlee", "typo_longer"),
        ("Funmilayo Adekunle 1994", "year"),
    ]),
    _t("N4", "Ifeanyi", "Okonkwo", 1975, "NG", "M", [
        ("Ify Okonkwo", "short_form"),
        ("Ifeanyi Okonkow", "typo"),
        ("Ifeanyichukwu Okonkwo", "short_form"),
        ("Okonkwo Ifeanyi", "order"),
    ]),
    _t("N5", "Blessing", "Eze", 1996, "NG", "F", [
        ("Blessing Ezeh", "romanisation"),
        ("Blesing Eze", "typo"),
        ("Eze Blessing 1996", "order"),
    ]),
    # ------------------------------------------------------------------ Pakistan
    _t("K1", "Ghulam Mustafa", "Chaudhry", 1970, "PK", "M", [
        ("Ghulam Mustafa Chaudhary", "romanisation"),
        ("Gh. Mustafa Ch.", "short_form"),
        ("Ghulam Mustafa Choudhry", "romanisation"),
        ("Ghulammustafa Chaudhry", "split_join"),
        ("Golam Mostafa Chowdhury", "romanisation"),
    ]),
    _t("K2", "Syed Ali Raza", "Naqvi", 1985, "PK", "M", [
        ("Ali Raza Naqvi", "particle"),
        ("Sayed Ali Raza Naqvi", "romanisation"),
        ("Syed Ali Rza Naqvi", "typo"),
        ("Syed Ali Raza Nakvi", "romanisation"),
    ]),
    _t("K3", "Ayesha", "Siddiqui", 1993, "PK", "F", [
        ("Aisha Siddiqi", "romanisation"),
        ("Ayesha Sidiqui", "typo"),
        ("Ayeesha Siddiqui", "typo_longer"),
        ("عائشہ صدیقی", "script"),
    ]),
    _t("K4", "Zulfiqar", "Qureshi", 1978, "PK", "M", [
        ("Zulfikar Qureshi", "romanisation"),
        ("Zulfiqar Kureshi", "romanisation"),
        ("Zulfeqar Qurashi", "romanisation"),
        ("Zulfiqar Qureshy", "typo"),
    ]),
    _t("K5", "Rizwan", "Akhtar", 1988, "PK", "M", [
        ("Rizwan Akhter", "romanisation"),
        ("Ridwan Akhtar", "romanisation"),
        ("Rizwaan Akhtar", "typo_longer"),
        ("Akhtar Rizwan", "order"),
    ]),
    # ------------------------------------------------------------------ Mali
    _t("L1", "Seydou", "Coulibaly", 1987, "ML", "M", [
        ("Seidou Koulibaly", "romanisation"),
        ("Sidou Coulibali", "typo"),
        ("Seydou Kulibali", "romanisation"),
        ("Coulibaly Seydou", "order"),
    ]),
    _t("L2", "Aminata", "Diakité", 1991, "ML", "F", [
        ("Aminatou Diakhite", "romanisation"),
        ("Aminata Jakite", "romanisation"),
        ("Aminata Diakite 1991", "year"),
        ("Aminta Diakite", "typo"),
    ]),
    _t("L3", "Bakary", "Sissoko", 1984, "ML", "M", [
        ("Bakari Cissoko", "romanisation"),
        ("Bakary Sisoko", "typo"),
        ("Bakary Cissokho", "romanisation"),
        ("Sissoko Bakary 1984", "order"),
    ]),
    _t("L4", "Mamadou", "Dembélé", 1979, "ML", "M", [
        ("Mamadu Dembele", "romanisation"),
        ("Mamadou Dembelle", "typo_longer"),
        ("Madou Dembélé", "short_form"),
        ("Mahamadou Dembele", "romanisation"),
    ]),
    _t("L5", "Oumou", "Sangaré", 1997, "ML", "F", [
        ("Umu Sangare", "romanisation"),
        ("Oumou Sangarée", "typo_longer"),
        ("Oumou Sangare 1997", "year"),
        ("Sangare Oumou", "order"),
    ]),
    # ------------------------------------------------------------------ Ukraine
    _t("U1", "Олександр", "Шевченко", 1982, "UA", "M", [
        ("Aleksandr Shevchenko", "romanisation"),
        ("Olexandr Schewtschenko", "romanisation"),
        ("Alexandre Chevtchenko", "romanisation"),
        ("Sasha Shevchenko", "short_form"),
        ("Александр Шевченко", "script"),
    ], latin=("Oleksandr", "Shevchenko")),
    _t("U2", "Mykola", "Tkachenko", 1958, "UA", "M", [
        ("Nikolai Tkachenko", "romanisation"),
        ("Mykola Tkatchenko", "romanisation"),
        ("Микола Ткаченко", "script"),
        ("Mikola Tkachenko", "romanisation"),
    ]),
    _t("U3", "Юлія", "Ковальчук", 1990, "UA", "F", [
        ("Yulia Kovalchuk", "latin_to_script"),
        ("Iuliia Koval'chuk", "latin_to_script"),
        ("Julia Kowalczuk", "latin_to_script"),
        ("Yuliya Kovalchuk 1990", "latin_to_script"),
    ], canon=("Yuliia", "Kovalchuk")),
    _t("U4", "Volodymyr", "Kharchenko", 1975, "UA", "M", [
        ("Volodimir Harchenko", "romanisation"),
        ("Wolodymyr Kharchenko", "romanisation"),
        ("Vladimir Kharchenko", "romanisation"),
        ("Volodya Kharchenko", "short_form"),
        ("Volodymyr Kharchenk", "typo"),
    ]),
    _t("U5", "Tetiana", "Hryhorenko", 1986, "UA", "F", [
        ("Tatiana Grigorenko", "romanisation"),
        ("Tetyana Hryhorenko", "romanisation"),
        ("Tanya Hryhorenko", "short_form"),
        ("Тетяна Григоренко", "script"),
        ("Tetiana Hrihorenko", "typo"),
    ]),
)  # fmt: skip


# ===================================================================== background pools
@dataclass(frozen=True)
class Origin:
    """Name pools of one origin: entries are ``"Canonical|other spelling|…"``."""

    code: str
    weight: int
    male: tuple[str, ...]
    female: tuple[str, ...]
    family: tuple[str, ...]
    two_given: float = 0.0  # share of people with two given names
    two_family: float = 0.0  # share with two family names (or a father's name first)
    father_name: bool = False  # the second family word is the father's given name
    native: dict[str, str] = field(default_factory=dict)
    native_share: float = 0.0  # registered in their own script with the Latin form
    native_only: float = 0.0  # registered in their own script only


ORIGINS: tuple[Origin, ...] = (
    Origin(
        "EG", 18,
        male=("Mahmoud|Mahmud|Mahmood|Mahmod", "Mostafa|Mustafa|Moustafa|Mostapha",
              "Ahmed|Ahmad", "Hossam|Hosam|Hussam|Housam", "Amr|Amro|Amru",
              "Tarek|Tarik|Tariq|Tareq", "Karim|Kareem|Karem", "Sherif|Sharif|Cherif",
              "Hany|Hani", "Walid|Waleed|Oualid", "Reda|Rida|Ridha|Redha", "Ashraf|Achraf",
              "Ayman|Aymen|Aiman", "Islam|Eslam", "Khaled|Khalid", "Omar|Umar|Oumar",
              "Hassan|Hasan", "Ibrahim|Ebrahim", "Abdelrahman|Abdel Rahman|Abdulrahman",
              "Mohamed|Mohammed|Muhammad", "Youssef|Yousef|Yusuf"),
        female=("Shaimaa|Shaima|Chaimaa|Shaymaa", "Heba|Hiba", "Doaa|Doa|Duaa",
                "Mona|Muna|Mouna", "Marwa|Marwah", "Nourhan|Norhan|Nurhan",
                "Yasmin|Yasmine|Yassmin", "Rania|Raniya", "Fatma|Fatima|Fatmah", "Aya|Aia",
                "Asmaa|Asma", "Hala|Halah", "Nesma|Nesmah|Nisma", "Samar|Samar"),
        family=("Abdel Aziz|Abdelaziz|Abd El Aziz|Abdulaziz", "El Shazly|Elshazly|El Shazli",
                "Abou Elela|Abouelela|Abu El Ela", "Fathy|Fathi", "Saleh|Salih",
                "Mansour|Mansur|Mansoor", "Farouk|Farouq|Faruk", "Ragab|Rajab",
                "Shehata|Shahata", "Salama|Salamah", "Abdel Fattah|Abdelfattah|Abd El Fattah",
                "El Sayed|Elsayed|El Said", "Khalil|Khaleel", "Gaber|Jaber|Gabr",
                "Ramadan|Ramadhan", "Soliman|Suleiman|Sulaiman", "Zaki|Zaky",
                "Hegazy|Hegazi|Higazi|Hijazi", "Mostafa|Mustafa", "Mahmoud|Mahmud",
                "Ahmed|Ahmad", "Hassan|Hasan", "Ibrahim|Ebrahim"),
        two_family=0.35, father_name=True, native_share=0.3, native_only=0.04,
        native={"Mahmoud": "محمود", "Mostafa": "مصطفى", "Ahmed": "أحمد", "Hossam": "حسام",
                "Amr": "عمرو", "Tarek": "طارق", "Karim": "كريم", "Sherif": "شريف",
                "Hany": "هاني", "Walid": "وليد", "Reda": "رضا", "Ashraf": "أشرف",
                "Ayman": "أيمن", "Islam": "إسلام", "Khaled": "خالد", "Omar": "عمر",
                "Hassan": "حسن", "Ibrahim": "إبراهيم", "Abdelrahman": "عبد الرحمن",
                "Mohamed": "محمد", "Youssef": "يوسف", "Shaimaa": "شيماء", "Heba": "هبة",
                "Doaa": "دعاء", "Mona": "منى", "Marwa": "مروة", "Nourhan": "نورهان",
                "Yasmin": "ياسمين", "Rania": "رانيا", "Fatma": "فاطمة", "Aya": "آية",
                "Asmaa": "أسماء", "Hala": "هالة", "Nesma": "نسمة", "Samar": "سمر",
                "Abdel Aziz": "عبد العزيز", "El Shazly": "الشاذلي", "Abou Elela": "أبو العلا",
                "Fathy": "فتحي", "Saleh": "صالح", "Mansour": "منصور", "Farouk": "فاروق",
                "Ragab": "رجب", "Shehata": "شحاتة", "Salama": "سلامة",
                "Abdel Fattah": "عبد الفتاح", "El Sayed": "السيد", "Khalil": "خليل",
                "Gaber": "جابر", "Ramadan": "رمضان", "Soliman": "سليمان", "Zaki": "زكي",
                "Hegazy": "حجازي"},
    ),
    Origin(
        "MA", 10,
        male=("Hicham|Hisham|Hichem", "Rachid|Rashid", "Said|Saïd|Saeed",
              "Abderrahim|Abdel Rahim|Abderahim|Abdurrahim", "Noureddine|Nour Eddine|Nourdine",
              "Hamid|Hameed", "Mustapha|Mostafa|Mustafa", "Driss|Idriss",
              "Mohcine|Mohsine|Mohsin", "Soufiane|Sofiane|Sufyan", "Youness|Younes|Yunus",
              "Abdellah|Abdallah|Abdullah", "Mehdi|Mahdi", "Karim|Kareem", "Ayoub|Ayub"),
        female=("Fatima Zahra|Fatima-Zahra|Fatimazahra|Fatima Ezzahra", "Khadija|Khadidja|Kadija",
                "Zineb|Zainab|Zaynab", "Bouchra|Bushra", "Nadia|Nadya", "Samira|Sameera",
                "Latifa|Latifah", "Imane|Iman|Imen", "Hanane|Hanan", "Naima|Naïma",
                "Meryem|Maryam|Mariam", "Salma|Selma", "Siham|Sihame", "Ghizlane|Ghizlan"),
        family=("El Idrissi|Elidrissi|Idrissi", "Benali|Ben Ali|Benaly",
                "Ait Ouali|Aitouali|Ait-Ouali", "El Amrani|Elamrani|Amrani",
                "Bennani|Benani", "Alaoui|El Alaoui", "Tazi|Tazy", "Berrada|Barrada",
                "Ouazzani|El Ouazzani|Wazzani", "Chraibi|Chraïbi", "El Fassi|Elfassi|Al Fassi",
                "Bouzidi|Bouzidy", "Ait Benhaddou|Aitbenhaddou|Ait Ben Haddou",
                "Lahlou|Lahlu", "Haddad|Hadad", "Ziani|Zayani", "Tahiri|Taheri"),
        native_share=0.2, native_only=0.03,
        native={"Hicham": "هشام", "Rachid": "رشيد", "Said": "سعيد", "Abderrahim": "عبد الرحيم",
                "Noureddine": "نور الدين", "Hamid": "حميد", "Mustapha": "مصطفى",
                "Driss": "إدريس", "Mohcine": "محسن", "Soufiane": "سفيان", "Youness": "يونس",
                "Abdellah": "عبد الله", "Mehdi": "مهدي", "Karim": "كريم", "Ayoub": "أيوب",
                "Fatima Zahra": "فاطمة الزهراء", "Khadija": "خديجة", "Zineb": "زينب",
                "Bouchra": "بشرى", "Nadia": "نادية", "Samira": "سميرة", "Latifa": "لطيفة",
                "Imane": "إيمان", "Hanane": "حنان", "Naima": "نعيمة", "Meryem": "مريم",
                "Salma": "سلمى", "Siham": "سهام", "Ghizlane": "غزلان",
                "El Idrissi": "الإدريسي", "Benali": "بن علي", "Ait Ouali": "آيت والي",
                "El Amrani": "العمراني", "Bennani": "بناني", "Alaoui": "العلوي",
                "Tazi": "التازي", "Berrada": "برادة", "Ouazzani": "الوزاني",
                "Chraibi": "الشرايبي", "El Fassi": "الفاسي", "Bouzidi": "البوزيدي",
                "Ait Benhaddou": "آيت بن حدو", "Lahlou": "لحلو", "Haddad": "حداد",
                "Ziani": "الزياني", "Tahiri": "الطاهري"},
    ),
    Origin(
        "TN", 7,
        male=("Hamza|Hamzah", "Wassim|Wasim|Waseem", "Slim|Selim|Salim", "Mehdi|Mahdi",
              "Ghassen|Ghassan|Gassen", "Chedly|Chadli", "Skander|Iskander",
              "Anis|Anees", "Oussama|Ousama|Osama", "Aymen|Ayman", "Sami|Samy",
              "Bilel|Bilal", "Seifeddine|Seif Eddine|Saif Eddine", "Nabil|Nabeel",
              "Moez|Mouez", "Fares|Faris"),
        female=("Nour El Houda|Nourelhouda|Nour Elhouda", "Amira|Ameera", "Rym|Rim|Reem",
                "Hajer|Hajar", "Sonia|Sounia", "Ines|Inès", "Asma|Asmaa", "Yosra|Yusra|Yousra",
                "Olfa|Olpha", "Mariem|Maryem", "Emna|Amna", "Wafa|Wafaa", "Sana|Sanaa"),
        family=("Ben Salah|Bensalah", "Ben Romdhane|Benromdhane|Ben Romdane",
                "Trabelsi|Trabelssi", "Jaziri|Djaziri|El Jaziri", "Bouazizi|Bouazzizi",
                "Hammami|Hamami", "Gharbi|El Gharbi|Gharby", "Mejri|Majri", "Sassi|Sasi",
                "Chebbi|Chabbi", "Ben Amor|Benamor", "Dridi|Dridy", "Ayari|Ayyari",
                "Khemiri|Khmiri", "Jebali|Jbali|Djebali", "Zouari|Zwari",
                "Marzouki|Marzougui"),
        native_share=0.2, native_only=0.03,
        native={"Hamza": "حمزة", "Wassim": "وسيم", "Slim": "سليم", "Mehdi": "مهدي",
                "Ghassen": "غسان", "Chedly": "شاذلي", "Skander": "إسكندر", "Anis": "أنيس",
                "Oussama": "أسامة", "Aymen": "أيمن", "Sami": "سامي", "Bilel": "بلال",
                "Seifeddine": "سيف الدين", "Nabil": "نبيل", "Moez": "معز", "Fares": "فارس",
                "Nour El Houda": "نور الهدى", "Amira": "أميرة", "Rym": "ريم", "Hajer": "هاجر",
                "Ines": "إيناس", "Asma": "أسماء", "Yosra": "يسرى", "Olfa": "ألفة",
                "Mariem": "مريم", "Emna": "آمنة", "Wafa": "وفاء", "Sana": "سناء",
                "Ben Salah": "بن صالح", "Ben Romdhane": "بن رمضان", "Trabelsi": "الطرابلسي",
                "Jaziri": "الجزيري", "Bouazizi": "البوعزيزي", "Hammami": "الحمامي",
                "Gharbi": "الغربي", "Mejri": "الماجري", "Sassi": "الساسي", "Chebbi": "الشابي",
                "Ben Amor": "بن عمر", "Dridi": "الدريدي", "Ayari": "العياري",
                "Khemiri": "الخميري", "Jebali": "الجبالي", "Zouari": "الزواري",
                "Marzouki": "المرزوقي"},
    ),
    Origin(
        "BD", 14,
        male=("Nurul|Noorul|Nur ul", "Habibur|Habib ur|Habibor", "Rafiqul|Rafikul|Rofiqul",
              "Shahidul|Sahidul|Shohidul", "Abul Kalam|Abulkalam", "Kamrul|Komrul",
              "Mizanur|Mizan ur|Mizanor", "Jahangir|Jahangeer", "Anwar|Anowar",
              "Sumon|Shumon|Suman", "Rubel|Rubell", "Shamim|Shameem", "Mamun|Mamoon",
              "Sohel|Shohel", "Masud|Masood", "Alamgir|Alomgir", "Ziaur|Zia ur",
              "Mohammad|Md|Mohammed"),
        female=("Rokeya|Rokeia|Rukeya", "Monira|Munira", "Shirin|Shireen",
                "Taslima|Tasleema|Toslima", "Nasima|Nasema", "Selina|Salina", "Nasrin|Nasreen",
                "Sultana|Sultanah", "Shahnaz|Shanaz", "Jesmin|Jasmin", "Farzana|Farjana",
                "Rehana|Rehena", "Sharmin|Sharmeen", "Hasina|Haseena"),
        family=("Islam|Islaam", "Alam|Alom", "Amin|Ameen", "Kalam|Kalaam", "Azad|Ajad",
                "Hossain|Hosen|Hossen", "Rahman|Rahaman|Rohman", "Akter|Akhter|Aktar",
                "Begum|Begom", "Parvin|Parveen|Perveen", "Sarker|Sarkar", "Mia|Miah",
                "Talukder|Talukdar", "Bhuiyan|Bhuiya|Bhuyan", "Khatun|Khatoon", "Molla|Mollah",
                "Sheikh|Shaikh", "Chowdhury|Choudhury", "Uddin|Udin"),
        native_share=0.2, native_only=0.03,
        native={"Nurul": "নুরুল", "Habibur": "হাবিবুর", "Rafiqul": "রফিকুল",
                "Shahidul": "শহিদুল", "Abul Kalam": "আবুল কালাম", "Kamrul": "কামরুল",
                "Mizanur": "মিজানুর", "Jahangir": "জাহাঙ্গীর", "Anwar": "আনোয়ার",
                "Sumon": "সুমন", "Rubel": "রুবেল", "Shamim": "শামীম", "Mamun": "মামুন",
                "Sohel": "সোহেল", "Masud": "মাসুদ", "Alamgir": "আলমগীর", "Ziaur": "জিয়াউর",
                "Mohammad": "মোহাম্মদ", "Rokeya": "রোকেয়া", "Monira": "মনিরা",
                "Shirin": "শিরিন", "Taslima": "তাসলিমা", "Nasima": "নাসিমা",
                "Selina": "সেলিনা", "Nasrin": "নাসরিন", "Sultana": "সুলতানা",
                "Shahnaz": "শাহনাজ", "Jesmin": "জেসমিন", "Farzana": "ফারজানা",
                "Rehana": "রেহানা", "Sharmin": "শারমিন", "Hasina": "হাসিনা",
                "Islam": "ইসলাম", "Alam": "আলম", "Amin": "আমিন", "Kalam": "কালাম",
                "Azad": "আজাদ", "Hossain": "হোসেন", "Rahman": "রহমান", "Akter": "আক্তার",
                "Begum": "বেগম", "Parvin": "পারভীন", "Sarker": "সরকার", "Mia": "মিয়া",
                "Talukder": "তালুকদার", "Bhuiyan": "ভূঁইয়া", "Khatun": "খাতুন",
                "Molla": "মোল্লা", "Sheikh": "শেখ", "Chowdhury": "চৌধুরী",
                "Uddin": "উদ্দিন"},
    ),
    Origin(
        "CN", 11,
        male=("Xiaoming|Xiao Ming|Xiao-Ming", "Jianguo|Jian Guo", "Zhiqiang|Zhi Qiang",
              "Guoqiang|Guo Qiang", "Junjie|Jun Jie", "Wei|Wei", "Lei|Lei", "Jun|Jun",
              "Tao|Tao", "Ming|Ming", "Yong|Yong", "Bo|Bo", "Hao|Hao", "Jian|Jian"),
        female=("Haiyan|Hai Yan|Hai-Yan", "Lihua|Li Hua|Li-Hua", "Xiaoling|Xiao Ling",
                "Meiling|Mei Ling", "Jiahui|Jia Hui", "Chunyan|Chun Yan", "Xiuying|Xiu Ying",
                "Fang|Fang", "Jing|Jing", "Yan|Yan", "Hong|Hong", "Hui|Hui", "Qing|Qing",
                "Min|Min"),
        family=("Zhang|Chang", "Zhou|Chou", "Xie|Hsieh", "Jiang|Chiang", "Cai|Tsai",
                "Zheng|Cheng", "Guo|Kuo", "Deng|Teng", "Qiu|Chiu", "Lin|Lin", "Huang|Huang",
                "Wang|Wang", "Li|Li", "Liu|Liu", "Chen|Chen", "Wu|Wu", "Hu|Hu", "Sun|Sun",
                "Zhu|Chu", "Gao|Kao", "He|He", "Liang|Liang", "Ye|Yeh", "Yang|Yang"),
        native_share=0.35, native_only=0.05,
        native={"Xiaoming": "晓明", "Jianguo": "建国", "Zhiqiang": "志强", "Guoqiang": "国强",
                "Junjie": "俊杰", "Wei": "伟", "Lei": "磊", "Jun": "军", "Tao": "涛",
                "Ming": "明", "Yong": "勇", "Bo": "波", "Hao": "浩", "Jian": "建",
                "Haiyan": "海燕", "Lihua": "丽华", "Xiaoling": "晓玲", "Meiling": "美玲",
                "Jiahui": "佳慧", "Chunyan": "春燕", "Xiuying": "秀英", "Fang": "芳",
                "Jing": "静", "Yan": "燕", "Hong": "红", "Hui": "慧", "Qing": "青", "Min": "敏",
                "Zhang": "张", "Zhou": "周", "Xie": "谢", "Jiang": "江", "Cai": "蔡",
                "Zheng": "郑", "Guo": "郭", "Deng": "邓", "Qiu": "邱", "Lin": "林",
                "Huang": "黄", "Wang": "王", "Li": "李", "Liu": "刘", "Chen": "陈", "Wu": "吴",
                "Hu": "胡", "Sun": "孙", "Zhu": "朱", "Gao": "高", "He": "何", "Liang": "梁",
                "Ye": "叶", "Yang": "杨"},
    ),
    Origin(
        "PE", 11,
        male=("Juan Carlos|Juancarlos", "Luis Alberto|Luis Alberto", "José Luis|Jose Luis",
              "Wilber|Wilbert|Wilver", "Jorge|Jorje", "Carlos|Karlos", "Luis|Luiz",
              "Alberto|Alberto", "Miguel|Migel", "Víctor|Victor", "Edwin|Eduin",
              "Percy|Persy", "Walter|Valter", "Julio|Julio", "Fredy|Freddy",
              "César|Cesar", "Juan|Juan", "José|Jose"),
        female=("Rosa Elena|Rosa-Elena", "María del Carmen|Maria del Carmen|Mari Carmen",
                "Rosa|Roza", "Elena|Helena", "María|Maria", "Carmen|Carmen",
                "Ana María|Ana Maria|Anamaria", "Luz Marina|Luzmarina", "Gladys|Gladis",
                "Yolanda|Jolanda", "Flor|Flor", "Nelly|Neli", "Milagros|Milagro",
                "Sonia|Sonya", "Lucía|Lucia", "Maritza|Maritsa"),
        family=("Huamán|Huaman|Guamán|Waman", "Condori|Kondori|Condory",
                "De la Cruz|Delacruz|Dela Cruz", "Mamani|Mamany", "Yupanqui|Yupanki",
                "Ccori|Qori|Cori", "Apaza|Apasa", "Choque|Chuqui|Choqque",
                "Vásquez|Vasquez|Vazquez", "Flores|Florez", "Rodríguez|Rodriguez|Rodrigues",
                "García|Garcia", "Chávez|Chavez|Chaves", "Torres|Torres",
                "Huanca|Wanka|Huanka", "Ticona|Tikona", "Quispe|Quispe", "Mendoza|Mendosa",
                "Ramos|Ramos", "Gutiérrez|Gutierrez", "Sánchez|Sanchez",
                "Del Castillo|Delcastillo", "Cusi|Kusi", "Limachi|Limache"),
        two_given=0.4, two_family=0.9,
    ),
    Origin(
        "NG", 10,
        male=("Oluwaseun|Seun|Oluseun", "Chukwuemeka|Emeka|Chukwu Emeka",
              "Ifeanyi|Ify|Ifeanyichukwu", "Babajide|Jide", "Adebayo|Bayo", "Olumide|Mide",
              "Chinedu|Chinedum", "Obinna|Obina", "Emmanuel|Emanuel", "Ikechukwu|Ike",
              "Oluwatobi|Tobi", "Oluwafemi|Femi", "Kelechi|Kelechy", "Uchenna|Uche",
              "Musa|Moussa", "Abubakar|Abubakr", "Samuel|Samwel"),
        female=("Funmilayo|Funmi|Olufunmilayo", "Blessing|Blesing", "Ngozi|Ngozie",
                "Ifeoma|Ifeomah", "Chioma|Chiomah", "Adaeze|Ada", "Oluwakemi|Kemi",
                "Yetunde|Yetty", "Grace|Grace", "Joy|Joy", "Precious|Presious",
                "Esther|Ester", "Chiamaka|Amaka", "Folake|Folakemi", "Aishat|Aisha",
                "Halima|Halimat"),
        family=("Ogunleye|Ogunleyi", "Nwachukwu|Nwachuku", "Adekunle|Adekunli",
                "Okonkwo|Okonko", "Eze|Ezeh", "Adeyemi|Adeyemy", "Okafor|Okaffor",
                "Bello|Belo", "Nwosu|Nwossu", "Abubakar|Abubakr", "Okoro|Okorro",
                "Adewumi|Adewunmi", "Olatunji|Olatunji", "Ibekwe|Ibekwue",
                "Onyekachi|Onyeka", "Afolabi|Afolaby", "Balogun|Balogun", "Obi|Obih"),
    ),
    Origin(
        "PK", 9,
        male=("Ghulam Mustafa|Golam Mostafa", "Syed Ali Raza|Sayed Ali Raza",
              "Zulfiqar|Zulfikar|Zulfeqar", "Rizwan|Rizwaan|Rezwan", "Imran|Imraan",
              "Bilal|Bilaal|Belal", "Usman|Osman|Othman", "Kamran|Kamraan",
              "Shahid|Shaheed", "Tariq|Tarik", "Asif|Aasif", "Faisal|Faysal",
              "Naveed|Navid", "Waqas|Waqqas", "Adnan|Adnaan", "Junaid|Junaed",
              "Nadeem|Nadim", "Ghulam Abbas|Ghulam Abas", "Syed Hassan|Sayed Hassan",
              "Muhammad Ali|Mohammad Ali"),
        female=("Ayesha|Aisha|Aysha", "Sana|Sanaa", "Zainab|Zaynab", "Sadia|Saadia",
                "Nazia|Naziya", "Rabia|Rabiya", "Farah|Fara", "Hina|Heena",
                "Mehwish|Mahwish", "Saima|Saema", "Uzma|Ozma", "Bushra|Boushra",
                "Shazia|Shaziya"),
        family=("Chaudhry|Chaudhary|Choudhry", "Naqvi|Naqavi", "Siddiqui|Siddiqi|Siddique",
                "Qureshi|Kureshi|Qurashi", "Akhtar|Akhter", "Butt|Bhatt", "Malik|Malick",
                "Khan|Khaan", "Sheikh|Shaikh", "Raza|Reza", "Hussain|Husain",
                "Abbasi|Abassi", "Mirza|Mirzah", "Javed|Javaid", "Iqbal|Ikbal",
                "Cheema|Chima", "Rana|Rana", "Awan|Awan", "Gill|Gill", "Chohan|Chauhan"),
        two_family=0.1, native_share=0.05,
        native={"Ayesha": "عائشہ", "Siddiqui": "صدیقی", "Zulfiqar": "ذوالفقار",
                "Qureshi": "قریشی", "Imran": "عمران", "Khan": "خان", "Bilal": "بلال",
                "Usman": "عثمان", "Malik": "ملک", "Hussain": "حسین", "Sana": "ثنا",
                "Zainab": "زینب", "Faisal": "فیصل", "Tariq": "طارق", "Akhtar": "اختر",
                "Rizwan": "رضوان", "Naqvi": "نقوی", "Raza": "رضا"},
    ),
    Origin(
        "ML", 6,
        male=("Seydou|Seidou|Sidou", "Mamadou|Mamadu|Madou", "Bakary|Bakari",
              "Oumar|Umar", "Moussa|Musa|Mousa", "Ibrahim|Ibrahima|Brahima",
              "Drissa|Idrissa", "Souleymane|Suleyman|Souleimane", "Adama|Adama",
              "Modibo|Modibbo", "Boubacar|Aboubacar", "Lassana|Lassina", "Amadou|Ahmadou",
              "Cheick|Cheikh", "Siaka|Syaka", "Yacouba|Yakuba", "Kalifa|Khalifa",
              "Mahamadou|Mahamadu"),
        female=("Aminata|Aminatou", "Oumou|Umu", "Fatoumata|Fatoumatta|Fanta", "Awa|Aoua",
                "Mariam|Mariama", "Kadiatou|Kadiatu", "Assitan|Assetou", "Rokia|Rokiatou",
                "Salimata|Salamata", "Hawa|Haoua", "Djeneba|Jeneba", "Korotoumou|Koro",
                "Nana|Nana", "Bintou|Bintu"),
        family=("Coulibaly|Koulibaly|Kulibali", "Diakité|Diakite|Diakhité", "Sissoko|Cissoko",
                "Dembélé|Dembele", "Sangaré|Sangare", "Traoré|Traore", "Keïta|Keita",
                "Diarra|Jara", "Touré|Toure", "Konaté|Konate", "Camara|Kamara",
                "Sidibé|Sidibe", "Doumbia|Dumbia", "Kanté|Kante", "Maïga|Maiga",
                "Cissé|Cisse", "Bagayoko|Bagayogo", "Fofana|Fofanah", "Sacko|Sako"),
    ),
    Origin(
        "UA", 4,
        male=("Oleksandr|Olexandr|Aleksandr|Alexander|Sasha", "Mykola|Mikola|Nikolai",
              "Volodymyr|Volodimir|Vladimir", "Serhiy|Sergiy|Serhii|Sergei",
              "Andriy|Andrii|Andrey", "Dmytro|Dmitro|Dmitry", "Yuriy|Yurii|Yuri",
              "Ivan|Iwan", "Petro|Petr", "Vasyl|Vasil|Vasily", "Taras|Taras",
              "Bohdan|Bogdan", "Mykhailo|Mikhail|Mykhaylo", "Ihor|Igor",
              "Vitaliy|Vitalii|Vitaly", "Roman|Roman", "Oleh|Oleg"),
        female=("Tetiana|Tetyana|Tatiana|Tanya", "Yuliia|Yulia|Yuliya|Julia",
                "Olena|Elena", "Nataliia|Natalia|Natalya", "Iryna|Irina",
                "Kateryna|Katerina|Ekaterina", "Oksana|Oxana", "Svitlana|Svetlana",
                "Halyna|Galina", "Liudmyla|Lyudmila|Ludmila", "Mariia|Maria|Mariya",
                "Anastasiia|Anastasia", "Viktoriia|Viktoria", "Olha|Olga", "Hanna|Anna",
                "Nadiia|Nadia", "Larysa|Larisa"),
        family=("Shevchenko|Shevtchenko|Schewtschenko", "Tkachenko|Tkatchenko",
                "Kovalchuk|Kowalczuk|Kovaltchouk", "Kharchenko|Harchenko",
                "Hryhorenko|Grigorenko", "Bondarenko|Bondarenko", "Kravchenko|Krawtschenko",
                "Oliinyk|Oleynik|Oliynyk", "Melnyk|Melnik", "Boyko|Boiko", "Tkachuk|Tkaczuk",
                "Savchenko|Savtchenko", "Rudenko|Rudenko", "Lysenko|Lisenko",
                "Marchenko|Martchenko", "Moroz|Moros", "Ponomarenko|Ponomarenko",
                "Polishchuk|Polishuk"),
        native_share=0.3, native_only=0.04,
        native={"Oleksandr": "Олександр", "Mykola": "Микола", "Volodymyr": "Володимир",
                "Serhiy": "Сергій", "Andriy": "Андрій", "Dmytro": "Дмитро", "Yuriy": "Юрій",
                "Ivan": "Іван", "Petro": "Петро", "Vasyl": "Василь", "Taras": "Тарас",
                "Bohdan": "Богдан", "Mykhailo": "Михайло", "Ihor": "Ігор",
                "Vitaliy": "Віталій", "Roman": "Роман", "Oleh": "Олег", "Tetiana": "Тетяна",
                "Yuliia": "Юлія", "Olena": "Олена", "Nataliia": "Наталія", "Iryna": "Ірина",
                "Kateryna": "Катерина", "Oksana": "Оксана", "Svitlana": "Світлана",
                "Halyna": "Галина", "Liudmyla": "Людмила", "Mariia": "Марія",
                "Anastasiia": "Анастасія", "Viktoriia": "Вікторія", "Olha": "Ольга",
                "Hanna": "Ганна", "Nadiia": "Надія", "Larysa": "Лариса",
                "Shevchenko": "Шевченко", "Tkachenko": "Ткаченко", "Kovalchuk": "Ковальчук",
                "Kharchenko": "Харченко", "Hryhorenko": "Григоренко",
                "Bondarenko": "Бондаренко", "Kravchenko": "Кравченко", "Oliinyk": "Олійник",
                "Melnyk": "Мельник", "Boyko": "Бойко", "Tkachuk": "Ткачук",
                "Savchenko": "Савченко", "Rudenko": "Руденко", "Lysenko": "Лисенко",
                "Marchenko": "Марченко", "Moroz": "Мороз", "Ponomarenko": "Пономаренко",
                "Polishchuk": "Поліщук"},
    ),
)  # fmt: skip


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _words(text: str) -> frozenset[str]:
    """Folded words of a Latin name, for the exclusion rule (not the search's folding)."""
    cleaned = "".join(ch if ch.isalnum() else " " for ch in _plain(text))
    return frozenset(w for w in cleaned.split() if not w.isdigit())


def _canonical_words(entries: tuple[str, ...]) -> frozenset[str]:
    return frozenset().union(*(_words(e.split("|")[0]) for e in entries))


_TARGET_WORDS = {_canonical_words(t.canon) for t in TARGETS}
_TYPED_WORDS = {_words(q) for t in TARGETS for q, _ in t.variants}


def _pick(rng: random.Random, entry: str) -> str:
    spellings = entry.split("|")
    if len(spellings) == 1 or rng.random() < 0.65:
        return spellings[0]
    return rng.choice(spellings[1:])


def background(count: int, seed: int = 14) -> Iterator[PersonForm]:
    """``count`` people of MWC's origins drawn from the pools, never a target's name."""
    rng = random.Random(seed)
    weights = [o.weight for o in ORIGINS]
    made = 0
    while made < count:
        origin = rng.choices(ORIGINS, weights)[0]
        female = rng.random() < 0.4
        pool = origin.female if female else origin.male
        given = [rng.choice(pool)]
        if rng.random() < origin.two_given:
            given.append(rng.choice(pool))
        family = [rng.choice(origin.family)]
        if rng.random() < origin.two_family:
            second = rng.choice(origin.male) if origin.father_name else rng.choice(origin.family)
            family = [second, *family] if origin.father_name else [*family, second]
        if len(set(given)) < len(given) or len(set(family)) < len(family):
            continue
        entries = (*given, *family)
        if _canonical_words(entries) in _TARGET_WORDS:
            continue
        given_spelled = [_pick(rng, e) for e in given]
        family_spelled = [_pick(rng, e) for e in family]
        latin_given, latin_family = " ".join(given_spelled), " ".join(family_spelled)
        if _words(f"{latin_given} {latin_family}") in _TYPED_WORDS:
            continue
        canon = [e.split("|")[0] for e in entries]
        form = PersonForm(
            given_name=latin_given,
            family_name=latin_family,
            sex="F" if female else "M",
            birth_year=rng.randint(1950, 2008),
            citizenships=[origin.code],
        )
        if all(c in origin.native for c in canon):
            roll = rng.random()
            native_given = " ".join(origin.native[c] for c in canon[: len(given)])
            native_family = " ".join(origin.native[c] for c in canon[len(given) :])
            if origin.code == "CN":  # written without spaces in Chinese
                native_given, native_family = native_given.replace(" ", ""), native_family
            if roll < origin.native_only:
                form.given_name, form.family_name = native_given, native_family
            elif roll < origin.native_only + origin.native_share:
                form.given_name_latin, form.family_name_latin = latin_given, latin_family
                form.given_name, form.family_name = native_given, native_family
        made += 1
        yield form


def variant_count() -> int:
    return sum(len(t.variants) for t in TARGETS)
