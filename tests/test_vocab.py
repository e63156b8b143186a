"""IRI minting and the vocabulary class."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import URIRef

from kgraph.vocab import KG, encode_segment, mint_iri

names = st.text(min_size=0, max_size=30)


@given(names, names)
def test_minting_is_injective(a, b):
    if a != b:
        assert mint_iri("org", a) != mint_iri("org", b)


@given(names)
def test_minting_is_stable_and_gives_valid_iris(name):
    iri = mint_iri("org", name)
    assert iri == mint_iri("org", name)
    assert not any(ch in iri for ch in ' <>"{}|\\^`') and all(ord(ch) > 0x20 for ch in iri)
    URIRef(iri)  # rdflib accepts it
    import pyoxigraph

    pyoxigraph.NamedNode(iri)  # and so does pyoxigraph


def test_korean_stays_readable():
    assert encode_segment("과기정통부") == "과기정통부"
    assert encode_segment("LG U+") == "LG%20U%2B"


def test_misspelt_terms_fail_loudly():
    with pytest.raises(AttributeError):
        KG.PoliceRefferal  # noqa: B018


@pytest.mark.parametrize("ch", ["\U000f0000", "\U000e0000", "\ue000", "\ufffe", "\U0001fffe", "\u200b"])
def test_characters_iris_forbid_are_percent_encoded(ch):
    assert "%" in encode_segment(ch)


def test_a_segment_kept_as_is_by_the_fast_path_is_what_the_rule_keeps():
    # encode_segment returns text of ASCII unreserved characters and Hangul syllables as it is,
    # without looking at each character: every character it so accepts is one the rule keeps.
    from kgraph.vocab import _ASCII_KEEP, _KEPT_AS_IS, _is_ucschar

    accepted = [chr(cp) for cp in range(0x110000) if _KEPT_AS_IS.fullmatch(chr(cp))]
    assert len(accepted) == len(_ASCII_KEEP) + (0xD7A3 - 0xAC00 + 1)
    assert all(ch in _ASCII_KEEP or _is_ucschar(ch) for ch in accepted)
    assert encode_segment("") == "_" and encode_segment("KT 침해사고") == "KT%20침해사고"


def test_the_empty_segment_and_an_underscore_mint_different_iris():
    # (found by test_minting_is_injective: "" is written "_", so "_" itself must be escaped)
    assert mint_iri("org", "") != mint_iri("org", "_")
