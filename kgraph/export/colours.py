"""One colour per node type, shared by the GraphML, GEXF, table and picture exports.

Types of one kind share a family of hues (organizations blue, people green, incidents red and
orange, measures purple, pink and gold, articles grey), so a Gephi view or a picture reads by
kind at a glance and by type up close. A type not listed here takes its kind's colour; a node
with neither takes :data:`DEFAULT_COLOUR`.
"""

from __future__ import annotations

#: Hex colour of each kg class (the ``type`` node attribute).
TYPE_COLOURS: dict[str, str] = {
    # organizations: blues and cyans
    "Company": "#1f77b4",
    "GovernmentAgency": "#17becf",
    "LawEnforcement": "#393b79",
    "Legislature": "#6baed6",
    "Court": "#5254a3",
    "Publisher": "#9ecae1",
    # people
    "Person": "#2ca02c",
    # incidents: reds, oranges, brown
    "Hacking": "#d62728",
    "DataBreach": "#ff7f0e",
    "MalwareInfection": "#8c564b",
    "Ransomware": "#a50f15",
    "UnauthorizedPayment": "#fdae6b",
    # measures: purples, pinks, olive, gold
    "PenaltyWaiver": "#bcbd22",
    "PoliceReferral": "#9467bd",
    "Fine": "#e377c2",
    "CorrectiveOrder": "#c5b0d5",
    "Investigation": "#7b4173",
    "Compensation": "#e7ba52",
    "BusinessSuspension": "#ce6dbd",
    # sources
    "Article": "#7f7f7f",
}

#: Hex colour of each kind (the ``kind`` node attribute), for types not in :data:`TYPE_COLOURS`.
KIND_COLOURS: dict[str, str] = {
    "organization": "#1f77b4",
    "person": "#2ca02c",
    "incident": "#d62728",
    "measure": "#9467bd",
    "article": "#7f7f7f",
}

#: Colour of a node with no known type or kind.
DEFAULT_COLOUR = "#bdbdbd"

#: Order of kinds in legends: who acts, what happened, what was done, where it was reported.
KIND_ORDER: tuple[str, ...] = ("organization", "person", "incident", "measure", "article")


def colour_for(node_type: str | None, kind: str | None = None) -> str:
    """The hex colour of a node from its type, else its kind, else the default.

    >>> colour_for("Company")
    '#1f77b4'
    >>> colour_for("SomethingNew", "incident")
    '#d62728'
    >>> colour_for(None)
    '#bdbdbd'
    """
    if node_type in TYPE_COLOURS:
        return TYPE_COLOURS[node_type]  # type: ignore[index]
    if kind in KIND_COLOURS:
        return KIND_COLOURS[kind]  # type: ignore[index]
    return DEFAULT_COLOUR


def rgb(colour: str) -> tuple[int, int, int]:
    """The red, green and blue bytes of a ``#rrggbb`` colour.

    >>> rgb("#1f77b4")
    (31, 119, 180)
    """
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
