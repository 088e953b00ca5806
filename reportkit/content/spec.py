"""The content format, version 1, declared once. This spec drives the validator (``validate.py``),
``reportkit schema`` (``schema.py``) and the field tables in docs/content-format.md (``docs.py``).

Allowed values come from ``reportkit.model`` so the format and the model cannot disagree.
"""
from __future__ import annotations

from .. import model as m
from .. import standards as std
from . import limits
from .types import (Boolean, Choice, Color, Date, Field, Id, Integer, KeyName, KeyRef, LikelihoodTerm, ListOf,
                    MapOf, Record, Ref, Text, TextOr, Url, Version)

FORMAT_VERSION = 1
BUILTIN_AUDIENCES = ("principals", "staff", "press")  # defined in reportkit/audience/profiles.py
DETAILS = ("brief", "full")


def _sources(doc: str = "ids of the sources this rests on") -> Field:
    return Field("sources", ListOf(Ref("source")), doc=doc)


def _credibility() -> Field:
    return Field("credibility", MapOf(Integer(1, 6), KeyRef("source")),
                 doc="Admiralty credibility of the information, per cited source: source id → 1 (confirmed) "
                     "… 6 (cannot be judged); printed with the source's reliability as a grade, e.g. [3, B2]")


def _confidence() -> list[Field]:
    return [Field("confidence", Choice(std.CONFIDENCE),
                  doc="analytic confidence in the judgement (`low`, `moderate`, `high`); printed beside the "
                      "likelihood, never merged into it"),
            Field("confidence_note", Text(), doc="why the confidence is what it is")]


# Every item may carry these (model.Tagged): who sees it.
TAGS = [
    Field("audiences", ListOf(Ref("audience")),
          doc="only these audiences see the item (built-in: principals, staff, press, or one defined under "
              "`audiences:`); absent means every audience"),
    Field("sensitivity", Choice(m.SENSITIVITIES),
          doc="lowest clearance that may see the item; default `public`"),
]

MEMO = Record("memo header", [
    Field("to", Text(limits.MAX_LABEL_CHARS), True, "addressee line"),
    Field("from", Text(limits.MAX_LABEL_CHARS), True, "sender line"),
    Field("subject", Text(limits.MAX_LABEL_CHARS), True, "subject line"),
], doc="The TO / FROM / SUBJECT block at the top of the memo.")

SIGNOFF = Record("sign-off", [
    Field("name", Text(), True, "who drafted or cleared the briefing"),
    Field("office", Text(), doc="their office, e.g. `EUR/RUS`"),
    Field("date", Date(), doc="when they drafted or cleared it, YYYY-MM-DD"),
    *TAGS,
], doc="One line of the clearance block (`briefing.drafted_by`, `briefing.cleared_by`): printed under the memo "
       "header and on the deck's last slide, as staff memos carry them; an audience profile can withhold the "
       "whole block (`clearance_block: false`; the press profile does).")

BRIEFING = Record("briefing", [
    Field("title", Text(limits.MAX_LABEL_CHARS), True, "title on the memo and the deck's title slide"),
    Field("subtitle", Text(limits.MAX_LABEL_CHARS), doc="one line under the title"),
    Field("date", Date(), True, "date of the briefing, YYYY-MM-DD"),
    Field("classification", Text(limits.MAX_LABEL_CHARS), True, "classification marking printed on every page and slide, e.g. UNCLASSIFIED"),
    Field("memo", MEMO, True, "memo header"),
    Field("author", Text(limits.MAX_LABEL_CHARS), doc="author line"),
    Field("organisation", Text(limits.MAX_LABEL_CHARS), doc="organisation line"),
    Field("language", Text(limits.MAX_LABEL_CHARS), doc="language tag of the text (PDF /Lang), default `en`"),
    Field("likelihood_scale", Choice(tuple(std.SCALES)),
          doc="the likelihood terms outcomes and key judgments use: `three-level` (low, medium, high; the "
              "default), `icd203` or `uk-yardstick` (docs/analytic-standards.md)"),
    Field("drafted_by", ListOf(SIGNOFF), doc="who drafted the briefing (clearance block), in the order printed"),
    Field("cleared_by", ListOf(SIGNOFF), doc="who cleared it (clearance block), in the order printed"),
], doc="Metadata of the briefing.")

POINT = Record("point", [
    Field("text", Text(), True, "the bullet, one or two sentences; *italic* and **bold** allowed"),
    _sources(),
    _credibility(),
    *TAGS,
], doc="A bullet with sources and tags; a plain string is a bullet with neither.")

PARTY = Record("party", [
    Field("id", Id("party"), True, "short id used by stances, outcomes and reactions, e.g. `us`"),
    Field("name", Text(limits.MAX_LABEL_CHARS), True, "full name, e.g. United States"),
    Field("short", Text(limits.MAX_SHORT_CHARS), doc="short name for tight spaces (charts, table headers); default: name"),
    Field("role", Choice(m.ROLES), True, "the party's part in the negotiation"),
    Field("leader", Text(limits.MAX_LABEL_CHARS), doc="leader named in the sources"),
    Field("color", Color(), doc='colour "#RRGGBB" (quote it: `#` starts a YAML comment); default: the theme\'s'),
    *TAGS,
], doc="A party to, or voice in, the negotiation.")

ISSUE = Record("issue", [
    Field("id", Id("issue"), True, "short id used by stances, e.g. `territory`"),
    Field("name", Text(limits.MAX_LABEL_CHARS), True, "name of the issue"),
    Field("proposition", Text(), True,
          "the statement a stance score measures: +2 strongly supports it, −2 strongly opposes it"),
    *TAGS,
], doc="An issue under negotiation, phrased as a proposition that parties support or oppose.")


def _one_stance_per_pair(stance: dict, path: tuple, ck) -> None:
    party, issue = stance.get("party"), stance.get("issue")
    if not (isinstance(party, str) and isinstance(issue, str)):
        return
    seen = ck.defined.setdefault("stance pair", {})
    if (party, issue) in seen:
        ck.report(path, f"second stance for party {party!r} on issue {issue!r} "
                        f"(the first is at line {ck.line_of(seen[(party, issue)])}); give one stance per pair")
    else:
        seen[(party, issue)] = path


STANCE = Record("stance", [
    Field("party", Ref("party"), True, "party id"),
    Field("issue", Ref("issue"), True, "issue id"),
    Field("score", Integer(min(m.SCORES), max(m.SCORES)), True,
          "−2 strongly opposes the issue's proposition, −1 opposes, 0 neutral or mixed, +1 supports, "
          "+2 strongly supports"),
    Field("basis", Choice(m.BASES), True,
          "`stated`: the source says so; `inferred`: the analyst's judgement from what the source reports"),
    Field("summary", Text(), True, "one line: the party's position in words"),
    Field("source", Ref("source"), True, "source id"),
    Field("credibility", Integer(1, 6), doc="Admiralty credibility of this report, 1 … 6"),
    *TAGS,
], doc="One party's position on one issue. Leave a pair out when the sources give no basis for it.",
    check_item=_one_stance_per_pair)

INDICATOR = Record("indicator", [
    Field("text", Text(), True, "what would be seen if the outcome were coming"),
    Field("status", Choice(std.INDICATOR_STATUSES), True, "`observed`, `not observed` or `unknown`"),
    Field("date", Date(), doc="when the status was last checked, YYYY-MM-DD"),
    _sources(),
], doc="A signpost of an outcome: what would show it coming, and whether it has been seen.")

OUTCOME = Record("outcome", [
    Field("id", Id("outcome"), True, "short id"),
    Field("title", Text(limits.MAX_LABEL_CHARS), True, "title of the outcome"),
    Field("likelihood", LikelihoodTerm(), True,
          "how likely it is: a term of the briefing's `likelihood_scale` (default: low, medium, high)"),
    Field("likelihood_basis", Choice(m.LIKELIHOOD_BASES),
          doc="`judgement` (default): the likelihood is the analyst's; `stated`: a source gives it"),
    Field("likelihood_note", Text(), doc="why the likelihood was judged so"),
    Field("summary", Text(), True, "what the outcome would be"),
    Field("conditions", ListOf(Text(), 0, limits.MAX_ITEM_LIST), doc="what would have to happen for it"),
    Field("obstacles", ListOf(Text(), 0, limits.MAX_ITEM_LIST), doc="what stands in its way"),
    *_confidence(),
    Field("positions", MapOf(Choice(m.POSITIONS, "position"), KeyRef("party")),
          doc="each party's position on the outcome: party id → position; a party left out is `unknown`"),
    Field("indicators", ListOf(INDICATOR, 0, limits.MAX_ITEM_LIST), doc="signposts that would show the outcome coming"),
    _sources(),
    _credibility(),
    Field("figure", Ref("figure"), doc="id of a figure shown with the outcome (docs/figures.md)"),
    *TAGS,
], doc="A potential outcome of the negotiation.")

REACTION = Record("reaction", [
    Field("party", Ref("party"), True, "party id"),
    Field("tone", Choice(m.TONES), True, "tone of the reaction"),
    Field("text", Text(), True, "what the party said or did, in one to three sentences"),
    Field("source", Ref("source"), True, "source id"),
    Field("credibility", Integer(1, 6), doc="Admiralty credibility of this report, 1 … 6"),
    *TAGS,
], doc="A party's reaction to the talks.")

SECTION = Record("section", [
    Field("id", Id("section"), True, "short id"),
    Field("title", Text(limits.MAX_LABEL_CHARS), True, "section heading"),
    Field("body", Text(), True, "paragraphs separated by blank lines; *italic* and **bold** allowed"),
    _sources(),
    _credibility(),
    Field("show_in", Choice(m.SECTION_SHOW_IN),
          doc="which editions show it: `both` (default), `memo` (the PDF memo, Word memo and web page) or `deck`"),
    Field("deck", Choice(m.SECTION_DECK),
          doc="how the deck shows it: `context` (default: its opening sentences as a bullet on a Context slide) "
              "or `slide` (all its text on a slide of its own, continued over more slides when long)"),
    Field("after", Choice(m.SECTION_AFTER),
          doc="the fixed part it follows in every edition: `start`, `key_judgments`, `summary`, `changes`, "
              "`stances`, `outcomes`, `reactions` or `next_steps`; default: after `changes` in the memo, after "
              "`outcomes` in the deck (see \"Where sections go\")"),
    Field("brief", Boolean(), doc="also in brief editions (principals), which otherwise show no sections; default false"),
    Field("figure", Ref("figure"), doc="id of a figure shown after the section's text (docs/figures.md)"),
    *TAGS,
], doc="A narrative section: in the memo, and in the deck on the Context slide or a slide of its own.")

SOURCE = Record("source", [
    Field("id", Id("source"), True, "short id that stances, outcomes and points cite"),
    Field("title", Text(limits.MAX_LABEL_CHARS), True, "title of the source"),
    Field("publisher", Text(limits.MAX_LABEL_CHARS), doc="publisher"),
    Field("date", Date(), doc="publication date, YYYY-MM-DD"),
    Field("url", Url(), doc="web address (printed, never fetched)"),
    Field("note", Text(), doc="anything a reader needs to find or weigh the source"),
    Field("reliability", Choice(tuple(std.RELIABILITY)),
          doc="Admiralty reliability of the source: A (completely reliable) … F (cannot be judged); an "
              "analyst's grade unless the source grades itself"),
    *TAGS,
], doc="A source; endnotes are numbered in this order.")

FIGURE = Record("figure", [
    Field("id", Id("figure"), True, "short id that sections and outcomes name (`figure: ID`)"),
    Field("file", Text(limits.MAX_LABEL_CHARS), True,
          "the image: a PNG or JPEG file inside the project, relative to the content file's folder (SVG is "
          "refused: docs/figures.md says why)"),
    Field("caption", Text(limits.MAX_LABEL_CHARS), True, "printed under the image after \"Figure N:\"; the deck's "
                                                          "figure slide takes it as its title"),
    Field("alt", Text(limits.MAX_ALT_CHARS), True,
          "alt text: what the image shows, for a reader who cannot see it (the PDF's Figure tag, the deck "
          "picture's description, Word's and the web page's alt text)"),
    Field("source", Ref("source"), doc="id of the source the image comes from or rests on: its endnote number "
                                       "and source line under the caption"),
    Field("date", Date(), doc="when the image was made or shows, YYYY-MM-DD"),
    Field("credit", Text(limits.MAX_LABEL_CHARS), doc="who made the image and its licence, e.g. `Drawn by "
                                                      "the analyst (CC0)`"),
    Field("width", Integer(20, 100), doc="width in percent of the text column (memo, Word, web); default 100. "
                                         "Never taller than the page allows: the image is scaled to fit"),
    *TAGS,
], doc="A figure: an image with its caption, alt text and source. Shown where a section or an outcome names "
       "it (`figure: ID`), else on its own after the outcomes (docs/figures.md).")

KEY_JUDGMENT = Record("key judgment", [
    Field("text", Text(), True, "the judgement, one or two sentences"),
    Field("confidence", Choice(std.CONFIDENCE), True, "analytic confidence: `low`, `moderate` or `high`"),
    Field("confidence_note", Text(), doc="why the confidence is what it is"),
    Field("likelihood", LikelihoodTerm(), doc="a term of the briefing's `likelihood_scale`, if the judgement is a forecast"),
    _sources(),
    _credibility(),
    *TAGS,
], doc="A key judgment: shown first in the memo and on its own slide.")

AUDIENCE = Record("audience profile", [
    Field("label", Text(limits.MAX_LABEL_CHARS), doc="name shown on the outputs"),
    Field("theme", Text(limits.MAX_LABEL_CHARS), doc="theme name or file"),
    Field("detail", Choice(DETAILS), doc="`brief` or `full`"),
    Field("notes", Boolean(), doc="speaker notes in the deck"),
    Field("disclaimer", Text(limits.MAX_LABEL_CHARS), doc="one line printed on every page and slide"),
    Field("clearance", Choice(m.SENSITIVITIES), doc="highest sensitivity this audience sees"),
    Field("to", Text(limits.MAX_LABEL_CHARS), doc="the memo's TO line for this audience (default: `briefing.memo.to`; press: "
                            "\"For release\")"),
    Field("grades", Boolean(), doc="show source grades (reliability, credibility); default true, press: false"),
    Field("confidence_notes", Boolean(), doc="show confidence notes; default true, press: false"),
    Field("clearance_block", Boolean(), doc="show who drafted and cleared the briefing; default true, press: false"),
], doc="An audience profile; a built-in of the same name is its base.")

CONTENT = Record("content file", [
    Field("reportkit", Version(FORMAT_VERSION), True, "format version; always `1`"),
    Field("briefing", BRIEFING, True, "metadata"),
    Field("summary", ListOf(TextOr(POINT), 1, 6), True, "bottom line up front: 3–6 bullets recommended"),
    Field("key_judgments", ListOf(KEY_JUDGMENT, 0, limits.MAX_ITEM_LIST), doc="key judgments, shown first"),
    Field("parties", ListOf(PARTY, 1, limits.MAX_PARTIES), True, "the parties, in the order the outputs show them"),
    Field("issues", ListOf(ISSUE, 1, limits.MAX_ISSUES), True, "the issues, in the order the outputs show them"),
    Field("stances", ListOf(STANCE), doc="party × issue scores"),
    Field("outcomes", ListOf(OUTCOME, 0, limits.MAX_OUTCOMES), doc="potential outcomes"),
    Field("reactions", ListOf(REACTION, 0, limits.MAX_REACTIONS), doc="international reactions"),
    Field("sections", ListOf(SECTION, 0, limits.MAX_SECTIONS), doc="narrative sections of the memo"),
    Field("figures", ListOf(FIGURE, 0, limits.MAX_FIGURES), doc="images with captions (docs/figures.md)"),
    Field("next_steps", ListOf(TextOr(POINT), 0, limits.MAX_NEXT_STEPS), doc="next steps / path forward"),
    Field("sources", ListOf(SOURCE, 1, limits.MAX_SOURCES), True, "the sources, in endnote order"),
    Field("audiences", MapOf(AUDIENCE, KeyName()),
          doc="audience profiles: name → profile (adds to or overrides the built-ins)"),
], doc="A reportkit content file (format version 1).")

# Records in the order docs/content-format.md documents them.
RECORDS = (CONTENT, BRIEFING, MEMO, SIGNOFF, POINT, KEY_JUDGMENT, PARTY, ISSUE, STANCE, OUTCOME, INDICATOR, REACTION, SECTION,
           FIGURE, SOURCE, AUDIENCE)
