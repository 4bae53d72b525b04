"""Coarse parts of speech from the tagger's fine-grained tags.

The pipeline's attribute_ruler does this mapping at a fifth of the parse's cost; the
analysis needs only the coarse classes below, so it reads them off `token.tag_` itself
and the component is not run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

# Penn Treebank (OntoNotes) tags to Universal POS, as en_core_web_sm's tag map has them.
_UPOS = {
    "NNP": "PROPN", "NNPS": "PROPN",
    "NN": "NOUN", "NNS": "NOUN",
    "VB": "VERB", "VBD": "VERB", "VBG": "VERB", "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB",
    "MD": "AUX",
    "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ", "AFX": "ADJ",
    "RB": "ADV", "RBR": "ADV", "RBS": "ADV", "WRB": "ADV",
    "PRP": "PRON", "WP": "PRON", "WP$": "DET", "PRP$": "DET",
    "DT": "DET", "PDT": "DET", "WDT": "DET",
    "IN": "ADP", "RP": "ADP",
    "CC": "CCONJ", "CD": "NUM", "UH": "INTJ", "POS": "PART", "TO": "PART",
    "SYM": "SYM", "FW": "X", "XX": "X", "ADD": "X", "LS": "X", "_SP": "SPACE",
}  # fmt: skip


def upos(token: Token) -> str:
    """The coarse class: from the pipeline if it set one, else from the fine tag."""
    if token.pos_:
        return token.pos_
    return _UPOS.get(token.tag_, "PUNCT" if token.is_punct else "X")
