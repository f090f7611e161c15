"""The words of a representation audit: kinds of body, the five roles of engagement, the
representation questionnaire's five questions and its rating scale (plain Python)."""

from __future__ import annotations

from dataclasses import dataclass

BODY_KINDS: dict[str, str] = {
    "board": "Board",
    "partnership": "Partnership",
    "staff": "Staff",
    "members": "Members",
    "volunteers": "Volunteers",
    "service_users": "Service users",
    "role": "A named role",
}
# What a body's people are called in a sentence ("With 12 members, ...").
BODY_NOUNS: dict[str, str] = {
    "board": "members",
    "partnership": "members",
    "staff": "staff",
    "members": "members",
    "volunteers": "volunteers",
    "service_users": "service users",
    "role": "people",
}

# The seed's five roles in which BME voluntary and community organisations engage.
ROLES: dict[str, str] = {
    "beneficiaries": "Beneficiaries or service users",
    "consultees": "Consultees",
    "community_activity": "Source of community activity",
    "delivery": "Source of delivery",
    "partners": "Partners",
}


@dataclass(frozen=True)
class Question:
    id: str
    number: int
    text: str


# The seed asks infrastructure organisations to audit their representation of BME
# voluntary and community organisations with these five questions (in our own words).
QUESTIONS: tuple[Question, ...] = (
    Question("informed", 1, "How do you stay informed of the different perspectives of "
                            "BME voluntary and community organisations?"),
    Question("current", 2, "How do you keep your knowledge of their needs and views "
                           "current?"),
    Question("advocacy-support", 3, "How are your representatives supported to advocate "
                                    "for BME organisations?"),
    Question("impact", 4, "How do you measure the impact of your representation on BME "
                          "voluntary and community organisations?"),
    Question("participation", 5, "What steps do you take to make sure the BME voluntary "
                                 "and community sector takes part in advocacy itself?"),
)
RATINGS: dict[str, str] = {
    "": "Not rated",
    "not-yet": "Not yet in place",
    "developing": "Developing",
    "established": "Established",
    "strong": "Strong, with evidence",
}


def question(question_id: str) -> Question:
    for q in QUESTIONS:
        if q.id == question_id or str(q.number) == question_id:
            return q
    from app.representation.errors import RepresentationError

    known = ", ".join(q.id for q in QUESTIONS)
    raise RepresentationError(f"“{question_id}” is not one of the questions ({known}).")

# The classification used when none is named: the 2021 Census ethnic groups.
DEFAULT_CLASSIFICATION = "ons2021"
