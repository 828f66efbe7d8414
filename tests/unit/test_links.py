"""Cross-references are declared once; the reverse direction is derived."""

from __future__ import annotations

from annotated_edition import edition_config_for
from annotated_edition.links import LinkGraph
from annotated_edition.model import CrossRef, Ref

from conftest import ROOT
from annotated_edition.sources.edition import link_graph, load_edition


def test_backlinks_are_derived_from_forward_links() -> None:
    a, b, c = Ref("s", "p1"), Ref("p", "a1"), Ref("p")
    graph = LinkGraph([CrossRef(a, "parallels", b, "why"), CrossRef(a, "reaffirms", c, "why")])
    assert [l.target for l in graph.outgoing(a)] == [b, c]
    assert [l.source for l in graph.incoming(b)] == [a]
    assert [l.source for l in graph.incoming(c)] == [a]
    assert graph.incoming(a) == [] and graph.outgoing(b) == []


def test_required_links_of_the_real_edition() -> None:
    edition = load_edition(edition_config_for(ROOT))
    graph = link_graph(edition)
    out = {(str(l.source), l.type, str(l.target)) for l in edition.crossrefs}
    assert ("singapore-2018/point-3", "reaffirms", "panmunjom-2018") in out
    assert any(s == "singapore-2018/point-3" and t == "panmunjom-2018/article-3.4" for s, _, t in out)
    assert ("singapore-2018/point-2", "parallels", "panmunjom-2018/article-3.3") in out
    assert ("singapore-2018/intro-2", "echoes", "panmunjom-2018/article-3.4") in out
    backlinks = {str(l.source) for l in graph.incoming(Ref("panmunjom-2018", "article-3.4"))}
    assert {"singapore-2018/point-3", "singapore-2018/intro-2"} <= backlinks
    link = edition.documents["singapore-2018"].text_links[0]
    assert (link.clause, link.quote, str(link.target)) == (
        "point-3", "April 27, 2018 Panmunjom Declaration", "panmunjom-2018")
