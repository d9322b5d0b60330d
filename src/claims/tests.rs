//! Unit tests for claim extraction, one per pattern.

use crate::Extractor;
use std::sync::OnceLock;

fn ex() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::new().unwrap())
}

fn claims(text: &str) -> Vec<(String, String, String, String)> {
    let ex = ex();
    let doc = ex.extract(text);
    for c in &doc.claims {
        assert!(c.content_span.start < c.content_span.end);
        for p in &c.content_parts {
            assert_eq!(&text[p.start..p.end], p.text);
        }
    }
    doc.claims
        .iter()
        .map(|c| {
            (
                c.kind.clone(),
                c.speaker.as_ref().map_or(String::new(), |s| s.text.clone()),
                c.cue.clone(),
                c.content.clone(),
            )
        })
        .collect()
}

/// The one claim of `text` (kind, speaker, cue, content); fails when there is not exactly one.
fn one_claim(text: &str) -> (String, String, String, String) {
    let mut c = claims(text);
    assert_eq!(c.len(), 1, "{text}: {c:?}");
    c.remove(0)
}

#[test]
fn quote_said_after() {
    let c = claims("Title here\n\n\"Sales rose sharply,\" said John Smith, the chief executive.");
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].0, "direct");
    assert_eq!(c[0].1, "John Smith");
    assert_eq!(c[0].3, "Sales rose sharply");
}

fn kinds(c: &[(String, String, String, String)]) -> Vec<&str> {
    c.iter().map(|x| x.0.as_str()).collect()
}

#[test]
fn quote_x_said() {
    let c = claims("Title\n\n\"We are pleased with the results,\" Mr Smith said.");
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].0, "direct");
    assert!(c[0].1.contains("Smith"), "{c:?}");
    assert_eq!(c[0].2, "said");
    assert_eq!(c[0].3, "We are pleased with the results");
}

#[test]
fn x_said_colon_quote() {
    let c = claims("Title\n\nThe minister said: \"Prices will fall next year.\"");
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].0, "direct");
    assert_eq!(c[0].1, "The minister");
    assert_eq!(c[0].3, "Prices will fall next year");
    let c = claims("Title\n\nHuawei said, \u{201c}Our phones sell well in Europe.\u{201d}");
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].1, "Huawei");
}

#[test]
fn interrupted_quote_is_one_claim() {
    let text = "Title\n\n\"Sales rose,\" Huawei said. \"We are pleased.\" Other news followed.";
    let ex = ex();
    let doc = ex.extract(text);
    assert_eq!(doc.claims.len(), 1, "{:?}", doc.claims);
    let c = &doc.claims[0];
    assert_eq!(c.content, "Sales rose ... We are pleased");
    assert_eq!(c.content_parts.len(), 2);
    assert_eq!(
        &text[c.content_span.start..c.content_span.end],
        "Sales rose,\" Huawei said. \"We are pleased"
    );
}

#[test]
fn continuation_quote_same_speaker() {
    let c = claims(
        "Title\n\nHuawei said sales rose by a third last year.\n\n\"The market is strong and we expect more growth.\"",
    );
    assert_eq!(c.len(), 2, "{c:?}");
    assert_eq!(kinds(&c), ["indirect", "direct"]);
    assert_eq!(c[1].1, "Huawei");
    assert_eq!(c[1].2, "");
}

#[test]
fn scare_quotes_are_terms() {
    let ex = ex();
    let doc = ex.extract("Title\n\nFirms reached a \u{201c}silent consensus\u{201d} on products marked \"Made in China\" at the fair.");
    assert!(doc.claims.is_empty(), "{:?}", doc.claims);
    let terms: Vec<&str> = doc.quoted_terms.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(terms, ["silent consensus", "Made in China"]);
}

#[test]
fn reported_speech_that() {
    let c = claims(
        "Title\n\nStaff from these firms said that the crackdown is adding fuel to the drive.",
    );
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].0, "indirect");
    assert_eq!(c[0].1, "Staff from these firms");
    assert_eq!(c[0].3, "the crackdown is adding fuel to the drive");
}

#[test]
fn trailing_attribution_with_addressee() {
    let ex = ex();
    let text = "Title\n\nShi Yixuan works at Kylinsoft. Domestic systems are used in key industries, Shi told the Global Times.";
    let doc = ex.extract(text);
    assert_eq!(doc.claims.len(), 1, "{:?}", doc.claims);
    let c = &doc.claims[0];
    assert_eq!(c.content, "Domestic systems are used in key industries");
    assert_eq!(c.cue, "told");
    assert_eq!(c.addressee.as_deref(), Some("the Global Times"));
    assert_eq!(c.speaker.as_ref().unwrap().text, "Shi Yixuan");
}

#[test]
fn according_to_both_sides() {
    let c = claims("Title\n\nAccording to the Xinhua News Agency, most of the cafes were closed.");
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].0, "according_to");
    assert_eq!(c[0].2, "According to");
    assert_eq!(c[0].3, "most of the cafes were closed");
    let c = claims("Title\n\nMost of the cafes were closed, according to the Xinhua News Agency.");
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].3, "Most of the cafes were closed");
}

#[test]
fn adding_that_is_a_second_claim() {
    let c = claims(
        "Title\n\nA staff member surnamed Jin told reporters the company was trying to break the monopoly, adding that the drive gives them more confidence.",
    );
    assert_eq!(c.len(), 2, "{c:?}");
    assert_eq!(c[0].3, "the company was trying to break the monopoly");
    assert_eq!(c[1].2, "adding");
    assert_eq!(c[1].3, "the drive gives them more confidence");
    assert_eq!(c[0].1, c[1].1);
}

#[test]
fn echoed_saying_that() {
    let c = claims(
        "Title\n\nShi Yixuan at Kylinsoft echoed Jin, saying that the ban has pushed more firms to use local systems.",
    );
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].1, "Shi Yixuan");
    assert_eq!(c[0].2, "saying");
}

#[test]
fn pronoun_resolves_to_last_speaker() {
    let c = claims(
        "Title\n\nShi Yixuan said the system supports domestic chips. He believes that local breakthroughs will matter.",
    );
    assert_eq!(c.len(), 2, "{c:?}");
    assert_eq!(c[1].1, "Shi Yixuan");
    assert_eq!(c[1].2, "believes");
}

/// Each text of `found` gives one claim (kind, speaker, cue, content); each of `none` none.
fn expect_claims(found: &[(&str, [&str; 4])], none: &[&str]) {
    for (text, want) in found {
        let c = one_claim(text);
        assert_eq!(
            [c.0.as_str(), c.1.as_str(), c.2.as_str(), c.3.as_str()],
            *want,
            "{text}"
        );
    }
    for text in none {
        assert_eq!(claims(text), vec![], "{text}");
    }
}

/// "he" is a man or someone of unknown gender, "she" a woman or such: the nearest speaker or
/// person of the wrong gender is passed over. (text, speaker of the last claim)
#[test]
fn pronouns_agree_in_gender() {
    let cases = [
        // an honorific makes the nearest speaker a man
        (
            "Title\n\nJane Roe runs the charity.\n\nMr. Tom Smith said the deal was good. \"It will last,\" she added.",
            "Jane Roe",
        ),
        // given names, both ways
        (
            "Title\n\nMary Clark opened the meeting. Later David Brown said costs would rise.\n\n\"We will cut jobs,\" she said.",
            "Mary Clark",
        ),
        (
            "Title\n\nDavid Brown opened the meeting. Later Mary Clark said costs would rise.\n\n\"We will cut jobs,\" he said.",
            "David Brown",
        ),
        // a role in apposition, for a name used by both sexes
        (
            "Title\n\nKim Lee, the chairwoman of the board, opened the meeting. Mr. Chris Park said sales rose.\n\n\"Costs fell too,\" she said.",
            "Kim Lee",
        ),
        // a relation after a possessive
        (
            "Title\n\nTom Baker and his wife, Robin Baker, run the farm. Tom Baker said prices fell.\n\n\"We are worried,\" she said.",
            "Robin Baker",
        ),
        // a role before the name
        (
            "Title\n\nQueen Rania visited the school. Mr. Tom Smith said the visit went well.\n\n\"The children loved it,\" she said.",
            "Rania",
        ),
        (
            "Title\n\nAnna Berg met Tom Smith on Monday. The businesswoman Leslie Hall said the talks went well.\n\nMr. Smith said they did not. \"It was a waste,\" she said.",
            "Leslie Hall",
        ),
        // an unnamed speaker's noun
        (
            "Title\n\nA company spokeswoman said sales rose. Mr. Tom Smith said costs fell.\n\n\"We are happy,\" she added.",
            "A company spokeswoman",
        ),
        // "chairman" is said of women too: the given name decides
        (
            "Title\n\nChairman Janet Roe said sales rose. Mr. Tom Smith said costs fell.\n\n\"We are happy,\" she added.",
            "Janet Roe",
        ),
        // unknown gender fits either pronoun
        (
            "Title\n\nChris Park said sales rose.\n\n\"We are happy,\" she added.",
            "Chris Park",
        ),
        (
            "Title\n\nChris Park said sales rose.\n\n\"We are happy,\" he added.",
            "Chris Park",
        ),
        // the right gender, nearest: as before
        (
            "Title\n\nMary Clark opened the meeting. Later Mr. David Brown said costs would rise.\n\n\"We will cut jobs,\" he said.",
            "David Brown",
        ),
        // nobody fits: the pronoun stays as written
        (
            "Title\n\nMr. Tom Smith said costs fell.\n\n\"We are happy,\" she added.",
            "she",
        ),
    ];
    for (text, want) in cases {
        let c = claims(text);
        assert_eq!(c.last().map(|x| x.1.as_str()), Some(want), "{text}: {c:?}");
    }
}

/// A poll, survey or study "found" or "showed" what follows even without a finite verb; a
/// person finding, an index showing a figure, or a "show" that is a noun do not.
#[test]
fn documents_find_without_a_finite_verb() {
    expect_claims(
        &[
            (
                "Title\n\nA recent poll showed the mayor leading her rival by six points.",
                [
                    "indirect",
                    "A recent poll",
                    "showed",
                    "the mayor leading her rival by six points",
                ],
            ),
            (
                "Title\n\nThe latest survey found 70 percent support for the new tax.",
                [
                    "indirect",
                    "The latest survey",
                    "found",
                    "70 percent support for the new tax",
                ],
            ),
            (
                "Title\n\nOpinion polls show a narrow lead for the ruling party.",
                [
                    "indirect",
                    "Opinion polls",
                    "show",
                    "a narrow lead for the ruling party",
                ],
            ),
        ],
        &[
            "Title\n\nJohn Smith found no fault with the plan.",
            "Title\n\nThe price index showed a small rise in March.",
            "Title\n\nThe poll on the breakfast television show gave the party a lead.",
        ],
    );
}

/// "As reported by X, ..." and "..., as (first) reported in X." credit X as "according to X"
/// does; not in the middle of a sentence, nor with no source.
#[test]
fn as_reported_by() {
    expect_claims(
        &[
            (
                "Title\n\nAs reported by the Daily Star, the mayor will resign next week.",
                [
                    "according_to",
                    "the Daily Star",
                    "reported",
                    "the mayor will resign next week",
                ],
            ),
            (
                "Title\n\nThe council will meet on Friday, as first reported by the Herald.",
                [
                    "according_to",
                    "the Herald",
                    "reported",
                    "The council will meet on Friday",
                ],
            ),
        ],
        &[
            "Title\n\nThe profits, as reported by the company, rose sharply.",
            "Title\n\nAs reported earlier, the plant will close.",
        ],
    );
}

/// Poll shares: "..., with 52 percent saying ..." is a claim by the share; "calls saying" and
/// a share saying no clause are not.
#[test]
fn share_saying() {
    expect_claims(
        &[
            (
                "Title\n\nVoters see the senator as ready for the job, with 52 percent saying she is prepared.",
                ["indirect", "52 percent", "saying", "she is prepared"],
            ),
            (
                "Title\n\nMost called themselves liberal, with about three in 10 saying they are very liberal.",
                ["indirect", "about three in 10", "saying", "they are very liberal"],
            ),
        ],
        &[
            "Title\n\nPolice received 911 calls saying shots had been fired.",
            "Title\n\nHe won the vote with 52 percent saying nothing.",
        ],
    );
}

#[test]
fn apposition_gives_role_and_organization() {
    let ex = ex();
    let text = "Title\n\nFor instance, the sector still lags behind the world's top level, Yu Xubo, Chairman of China General Technology (Group) Holding Co (Genertec), said in a speech.";
    let doc = ex.extract(text);
    assert_eq!(doc.claims.len(), 1, "{:?}", doc.claims);
    let s = doc.claims[0].speaker.as_ref().unwrap();
    assert_eq!(s.text, "Yu Xubo");
    assert_eq!(s.role.as_deref(), Some("Chairman"));
    assert!(s.organization.is_some());
}

#[test]
fn spokesman_speaks_for_the_company() {
    let c = claims("Title\n\nA Huawei spokesman said the company would appeal.");
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].1, "Huawei");
}

#[test]
fn passive_is_no_claim() {
    let c = claims("Title\n\nSales are expected to rise. The deal is thought to be worth $1bn.");
    assert!(c.is_empty(), "{c:?}");
}

#[test]
fn nested_quotes_stay_inside() {
    let c = claims("Title\n\n\"They called it 'unworkable' and left,\" said Mr Smith.");
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].3, "They called it 'unworkable' and left");
    let c = claims("Title\n\nMr Smith said the plan was \"unworkable\" and costly.");
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].0, "indirect");
    assert_eq!(c[0].3, "the plan was \"unworkable\" and costly");
}

#[test]
fn headline_quotes_are_no_claims() {
    let ex = ex();
    let doc = ex.extract("'Huge demand' for new phones\n\nShops ran out of stock on Monday.");
    assert!(doc.claims.is_empty(), "{:?}", doc.claims);
}

#[test]
fn one_long_quotation() {
    let text = "\"We will grow. We will hire.\n\n\"We will open new plants and sell everywhere.\"";
    let ex = ex();
    let doc = ex.extract(text);
    for c in &doc.claims {
        assert!(
            text.is_char_boundary(c.content_span.start)
                && text.is_char_boundary(c.content_span.end)
        );
    }
    for t in &doc.quoted_terms {
        assert_eq!(&text[t.start..t.end], t.text);
    }
}

#[test]
fn stray_apostrophe_does_not_spoil_the_rest() {
    let c = claims(
        "Title\n\nThe U.S.' crackdown is hurting firms' sales. \"Demand is falling,\" said Mr Smith. Analysts said the outlook was weak.",
    );
    assert_eq!(kinds(&c), ["direct", "indirect"], "{c:?}");
    assert_eq!(c[0].3, "Demand is falling");
}

#[test]
fn thousand_unbalanced_marks() {
    let mut text = String::from("Title\n\n");
    for i in 0..1000 {
        text.push_str(if i % 3 == 0 {
            "\u{201c}a "
        } else if i % 3 == 1 {
            "b\" "
        } else {
            "' c "
        });
    }
    text.push_str("\n\n\"Prices rose,\" said Mr Smith.");
    let ex = ex();
    let doc = ex.extract(&text);
    assert!(
        doc.claims.iter().any(|c| c.content == "Prices rose"),
        "{:?}",
        doc.claims.last()
    );
}

#[test]
fn guillemets_and_corner_brackets() {
    let c = claims("Title\n\n\u{ab}Prices will fall,\u{bb} said Mr Smith.");
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].3, "Prices will fall");
    let c = claims("Title\n\n\u{300c}Prices will fall,\u{300d} said Mr Smith.");
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].3, "Prices will fall");
}

#[test]
fn speech_over_two_sentences() {
    let c = claims(
        "Title\n\nIn the past we found that we had been held back. Catching up is the key problem, Li Jun, President of Sugon, told a forum.",
    );
    assert_eq!(c.len(), 1, "{c:?}");
    assert!(c[0].3.starts_with("In the past we found"), "{c:?}");
    assert!(c[0].3.ends_with("the key problem"), "{c:?}");
}

#[test]
fn unnamed_sources_stay_as_written() {
    let c = claims(
        "Title\n\nHowever, industry analysts and company representatives told the Global Times that strength takes time to build.",
    );
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].1, "industry analysts and company representatives");
}

#[test]
fn doubled_single_quotes_are_double_quotes() {
    let c = claims("Title\n\n''It is not reform,'' said Mr Smith.");
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].3, "It is not reform");
}

#[test]
fn credit_line_after_a_dash() {
    let c = claims(
        "Title\n\n\u{201c}We deserve better.\u{201d} \u{2015} Jane Doe\n\u{201c}Next one.\u{201d}",
    );
    assert!(!c.is_empty(), "{c:?}");
    assert_eq!(c[0].1, "Jane Doe");
    assert_eq!(c[0].3, "We deserve better");
}

#[test]
fn quotation_with_its_own_attribution_is_not_joined() {
    let c = claims(
        "Title\n\n\"We are pleased,\" said Mr Smith, the chief executive. \"Costs fell,\" he said.",
    );
    assert_eq!(c.len(), 2, "{c:?}");
    assert_eq!(c[0].3, "We are pleased");
    assert_eq!(c[1].3, "Costs fell");
}

#[test]
fn no_duplicate_claim_for_adding_a_quotation() {
    let c = claims("Title\n\nMr Smith told reporters that sales rose, adding that \"costs fell\".");
    assert_eq!(c.len(), 2, "{c:?}");
    assert_eq!(c[1].3, "costs fell");
}

#[test]
fn generic_head_named_by_its_apposition() {
    let c = claims(
        "Title\n\nOne campaign group - Citizens Against Tags (CAT) - has claimed that the chips track people.",
    );
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].1, "Citizens Against Tags");
}

#[test]
fn poll_respondents() {
    let c = claims(
        "Title\n\nIn all, 55% of the respondents in each country said the economy was weak.",
    );
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].1, "respondents");
}

#[test]
fn named_spokesman_speaks_as_himself() {
    let ex = ex();
    let doc = ex.extract("Title\n\nHuawei spokesman Joe Kelly said the company would appeal.");
    assert_eq!(doc.claims.len(), 1, "{:?}", doc.claims);
    let s = doc.claims[0].speaker.as_ref().unwrap();
    if doc.entities.iter().any(|e| e.name == "Joe Kelly") {
        assert_eq!(s.text, "Joe Kelly");
    }
}

/// A person named after role words speaks as themself, not as the person or organization
/// that modifies the role: "X campaign manager Y", "Former X Senior Adviser Y".
#[test]
fn named_person_after_role_words() {
    for (text, who) in [
        (
            "Title\n\nBernie Sanders spoke on Monday.\n\nSanders campaign manager Jeff Weaver said the team had suspended two staffers.",
            "Jeff Weaver",
        ),
        (
            "Title\n\nHillary Clinton spoke on Monday.\n\nClinton campaign communications director Jennifer Palmieri said the experts agree.",
            "Jennifer Palmieri",
        ),
        (
            "Title\n\nHillary Clinton spoke on Monday.\n\nFormer Clinton Senior Adviser Sidney Blumenthal said he had no idea.",
            "Sidney Blumenthal",
        ),
    ] {
        let (_, speaker, _, _) = one_claim(text);
        assert_eq!(speaker, who, "{text}");
    }
    // (a spokesperson with no name still speaks for whoever the phrase names)
    let (_, speaker, _, _) =
        one_claim("Title\n\nBernie Sanders spoke on Monday.\n\nA Sanders campaign official said the team was ready.");
    assert_eq!(speaker, "Bernie Sanders");
}

/// A share of a plural group is the group, not the organization its name also stands for:
/// "some Democrats" is not the Democratic Party.
#[test]
fn share_of_a_plural_group_stays_literal() {
    let ex = ex();
    let text = "Title\n\nThe Democratic Party met on Monday.\n\nSome Democrats said they feared a revolt. \
                A full 79 percent of Democrats said they were satisfied.";
    let doc = ex.extract(text);
    let speakers: Vec<&str> = doc
        .claims
        .iter()
        .filter_map(|c| c.speaker.as_ref().map(|s| s.text.as_str()))
        .collect();
    assert_eq!(
        speakers,
        ["Some Democrats", "Democrats"],
        "{:?}",
        doc.claims
    );
}

/// "he" and "she" go first to the name that opens their own sentence (outside the content
/// and not the one the clause goes on to address), then to the one that opens the sentence
/// before, across a paragraph break when the pronoun's sentence opens with a quotation.
#[test]
fn pronoun_takes_the_sentence_subject() {
    let text =
        "Title\n\nBill Clinton met the attorney general on Monday. Loretta Lynch has the final \
                say, and she said she will accept the advice.";
    let c = claims(text);
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].1, "Loretta Lynch");
    let text = "Title\n\nMelissa Roe said she likes the plan.\n\nAshley Yago, 33, a supporter of \
                the senator, works in retail.\n\n\"I have loans,\" she said.";
    let c = claims(text);
    assert_eq!(c.len(), 2, "{c:?}");
    assert_eq!(c[1].1, "Ashley Yago");
    let text =
        "Title\n\nIn her speech, Shonda Rhimes praised the crowd: \"Change the world,\" she said.";
    let c = claims(text);
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].1, "Shonda Rhimes");
    // (the content's own subject is not the speaker's, nor is whom the speaker tells)
    let text = "Title\n\nJohn Smith said the rally went well.\n\nMr. Trump fits that bill for \
                many people, he added.";
    let c = claims(text);
    assert_eq!(c.len(), 2, "{c:?}");
    assert_eq!(c[1].1, "John Smith");
    let text =
        "Title\n\nScott Hall said the program hurt workers. Marco Rubio listened to him.\n\n\
                \"We are hurt,\" he told Rubio.";
    let c = claims(text);
    assert_eq!(c.len(), 2, "{c:?}");
    assert_eq!(c[1].1, "Scott Hall");
}

/// '"...," X said, adding that ...' is two claims: the quotation and the added clause, both
/// X's (a quotation after the gerund stays the quotation's own claim).
#[test]
fn adding_after_a_quotation_is_a_second_claim() {
    let c = claims(
        "Title\n\n\"He stands for the middle class,\" Joe Anderson said, adding that the senator \
         is the most trustworthy of the candidates.",
    );
    assert_eq!(kinds(&c), ["direct", "indirect"], "{c:?}");
    assert_eq!(c[1].1, "Joe Anderson");
    assert_eq!(c[1].2, "adding");
    assert_eq!(
        c[1].3,
        "the senator is the most trustworthy of the candidates"
    );
    let c = claims(
        "Title\n\n\"Sales rose,\" Joe Anderson said, adding, \"We are pleased with the year.\"",
    );
    assert_eq!(kinds(&c), ["direct", "direct"], "{c:?}");
}

/// "X did Y and said, "..."", "X did not name them, but told his supporters, "..."": the
/// quotation is the sentence subject's.
#[test]
fn coordinated_cue_before_a_quotation() {
    let c =
        one_claim("Title\n\nJohn Grant called on her to resign and said, \"Her mind is shot!\"");
    assert_eq!(c.0, "direct");
    assert_eq!(c.1, "John Grant");
    assert_eq!(c.3, "Her mind is shot");
    let c = one_claim(
        "Title\n\nJohn Grant did not name his rivals, but told his supporters, \"Our nation is in \
         trouble.\"",
    );
    assert_eq!((c.1.as_str(), c.2.as_str()), ("John Grant", "told"));
}

/// "continued" reports speech around a quotation or before a clause, not otherwise.
#[test]
fn continued_is_a_cue() {
    let c = claims(
        "Title\n\nJohn Grant said the vote was lost.\n\nJohn Grant continued, \"I believe it is not \
         about turnout.\"",
    );
    assert_eq!(kinds(&c), ["indirect", "direct"], "{c:?}");
    assert_eq!(c[1].2, "continued");
    let c = claims("Title\n\nSales continued to fall in May. The rally continued into the night.");
    assert!(c.is_empty(), "{c:?}");
}

#[test]
fn transcript_lines() {
    let c = claims("Title\n\nWALLACE: Let us start with the news of the day.\n\nLONDON: Shares rose sharply on Monday.");
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].1, "WALLACE");
    assert_eq!(c[0].3, "Let us start with the news of the day");
}

#[test]
fn regression_close_marks_after_cue() {
    let _ = ex().extract(" Huawei said\u{201d}\"");
}

#[test]
fn that_clause_after_a_long_adverbial() {
    let c = claims(
        "Commerce Secretary Daniel Hargrove said in a television interview on Sunday that the new rules covered only a narrow set of technologies.",
    );
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].1, "Daniel Hargrove");
    assert!(c[0].3.starts_with("the new rules covered"), "{c:?}");
}

#[test]
fn an_infinitive_after_a_quotation_is_not_a_speaker() {
    let c = claims(
        "China said on Monday that it would take \"all necessary measures\" to protect its companies after the United States announced new tariffs.",
    );
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].0, "indirect");
    assert_eq!(c[0].1, "China");
}

/// An opening adverbial of three words or more before "X said": the clause after the cue is
/// recognized by a subject pronoun or a negated auxiliary.
#[test]
fn adverbial_then_x_said_clause() {
    for (text, content) in [
        (
            "Title\n\nDuring the interview, Trump said he won.",
            "he won",
        ),
        (
            "Title\n\nAt a tense breakfast, Cruz said he wasn't going to back Trump.",
            "he wasn't going to back Trump",
        ),
        (
            "Title\n\nAt a tense breakfast, Cruz said he wasn’t going to back Trump.",
            "he wasn’t going to back Trump",
        ),
    ] {
        let c = one_claim(text);
        assert_eq!(c.0, "indirect", "{c:?}");
        assert_eq!(c.2, "said", "{c:?}");
        assert_eq!(c.3, content, "{c:?}");
    }
}

/// "X did something and said CLAUSE": the sentence's subject is the speaker.
#[test]
fn and_said_pronoun_clause() {
    let c = claims(
        "Title\n\nDonald Trump bemoaned the unrest in Charlotte and said he thought that drugs \
         were a big factor in the violence.",
    );
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].0, "indirect", "{c:?}");
    assert_eq!(c[0].1, "Donald Trump", "{c:?}");
    assert_eq!(
        c[0].3,
        "he thought that drugs were a big factor in the violence"
    );
}

/// A focusing adverb before the subject is not part of the speaker.
#[test]
fn adverb_before_subject() {
    let c = claims(
        "Title\n\nEven China, the country's only ally, said it was \"resolutely opposed\" to \
         the test.",
    );
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].1, "China", "{c:?}");
}

/// The per-thread buffers a document leaves behind (a long one, one with nothing to
/// attribute) change nothing in the next document's claims.
#[test]
fn reused_buffers_change_nothing() {
    let long = "Title\n\n\"We will win,\" Smith said. \"It is certain.\"\n\nJones told the BBC \
                that the plan had failed, adding that it was \"a disaster for all of us\". \
                According to the ministry, 40 people died.";
    let short = "Headline\n\nThe minister said taxes would rise.";
    let plain = "Nothing here is quoted or reported at all";
    let docs = [long, short, plain, short, long, plain, long];
    // Each text in a thread of its own: fresh buffers.
    let fresh: Vec<_> = docs
        .iter()
        .map(|&t| std::thread::scope(|s| s.spawn(|| ex().extract(t).claims).join().unwrap()))
        .collect();
    // The same texts one after the other in one thread.
    std::thread::scope(|s| {
        s.spawn(|| {
            for (t, want) in docs.iter().zip(&fresh) {
                assert_eq!(&ex().extract(t).claims, want, "{t}");
            }
        })
        .join()
        .unwrap()
    });
    assert!(fresh[0].len() >= 3, "{:?}", fresh[0]);
    assert_eq!(fresh[1].len(), 1, "{:?}", fresh[1]);
}

/// Subjects the reported-speech rules now read, each with the speaker and content wanted:
/// a parenthesis in a name, a relative clause, an abbreviation in an apposition, the
/// progressive, adverbs between subject and verb, "and said it ...", a clause after a comma.
#[test]
fn reported_speech_subjects() {
    for (text, speaker, cue, content) in [
        (
            "Title\n\nSen. Mary Holt (D-Ore.) said the tax plan would cost billions.",
            "Mary Holt",
            "said",
            "the tax plan would cost billions",
        ),
        (
            "Title\n\nFarmers who have lost their crops warned on Friday that prices would rise.",
            "Farmers",
            "warned",
            "prices would rise",
        ),
        (
            "Title\n\nThe harbour board, which Mr. Clark chairs, said that the port would stay \
             open.",
            "The harbour board",
            "said",
            "the port would stay open",
        ),
        (
            "Title\n\nThe airline is predicting that fares will fall next year.",
            "The airline",
            "predicting",
            "fares will fall next year",
        ),
        (
            "Title\n\nTeachers have often argued that classes are too large.",
            "Teachers",
            "argued",
            "classes are too large",
        ),
        (
            "Title\n\nThe council has long maintained that the road is safe.",
            "The council",
            "maintained",
            "the road is safe",
        ),
        (
            "Title\n\nThe utility raised its prices and said it would build two new plants.",
            "The utility",
            "said",
            "it would build two new plants",
        ),
        (
            "Title\n\nThe mayor added, however, that the budget was balanced.",
            "The mayor",
            "added",
            "the budget was balanced",
        ),
        (
            "Title\n\nThe regulator reiterated that the merger needs approval.",
            "The regulator",
            "reiterated",
            "the merger needs approval",
        ),
    ] {
        let c = one_claim(text);
        assert_eq!(c.0, "indirect", "{text}: {c:?}");
        assert_eq!(c.1, speaker, "{text}: {c:?}");
        assert_eq!(c.2, cue, "{text}: {c:?}");
        assert_eq!(c.3, content, "{text}: {c:?}");
    }
}

/// Cue words in other senses make no claim: "add" without a clause, the progressive without
/// one, a name that is an adverb ("Long said" is Mr Long), "proposed" as an adjective.
#[test]
fn cue_words_that_report_nothing() {
    for text in [
        "Title\n\nThe measures add to the pressure on the government.",
        "Title\n\nNew rules added a layer of complexity to the process.",
        "Title\n\nThe rebates will add 15,000 barrels a day to capacity.",
        "Title\n\nThe spokesman was commenting on remarks by the minister that the yen was weak.",
        "Title\n\nThe firm is claiming more than $20bn in damages after the sale.",
        "Title\n\nThe following proposed offerings were filed with the commission on Monday.",
    ] {
        let c = claims(text);
        assert!(c.is_empty(), "{text}: {c:?}");
    }
    let c = claims("Title\n\nThe talks will resume in Geneva next week, Long said.");
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].1, "Long", "{c:?}");
    assert_eq!(c[0].3, "The talks will resume in Geneva next week");
}

/// Only the outermost attribution is a claim: a cue inside a content that ends with its own
/// attribution leaves the sentence to that one.
#[test]
fn outermost_attribution_wins() {
    for (text, speaker, content) in [
        (
            "Title\n\nThe senator has suggested that the tax be cut by five percent, an aide \
             said.",
            "an aide",
            "The senator has suggested that the tax be cut by five percent",
        ),
        (
            "Title\n\nEconomists are urging that cheques be used more widely, the paper added.",
            "The paper",
            "Economists are urging that cheques be used more widely",
        ),
    ] {
        let c = one_claim(text);
        assert!(c.1.eq_ignore_ascii_case(speaker), "{text}: {c:?}");
        assert_eq!(c.3, content, "{text}: {c:?}");
    }
}

/// The speaker of "..., saying" and "... and said": the subject before the sentence's first
/// verb, not a name later in the sentence; the attribution just made in the sentence; the
/// name in "quoted X as saying"; not a participle's agent in an apposition.
#[test]
fn sentence_subject_speakers() {
    for (text, speaker) in [
        (
            "Title\n\nA court ruled that Acme Corp must stop selling the bikes and said it must \
             pay damages.",
            "A court",
        ),
        (
            "Title\n\nA union official criticised Acme Corp for the cuts, saying they would \
             hurt workers.",
            "A union official",
        ),
        (
            "Title\n\nAs he left the court on Monday, John Baker greeted reporters, saying the \
             ruling was fair.",
            "John Baker",
        ),
        (
            "Title\n\nThe plant will reopen in May, Peter Grant told shareholders, adding that \
             the repairs had cost more than planned.",
            "Peter Grant",
        ),
        (
            "Title\n\nThe Daily Courier quoted finance chief Anna Berg as saying that the bank \
             would cut rates.",
            "Anna Berg",
        ),
        (
            "Title\n\nThe commission, headed by former senator John Tower, said the policy had \
             failed.",
            "The commission",
        ),
    ] {
        let c = claims(text);
        let last = c.last().unwrap_or_else(|| panic!("{text}: no claim"));
        assert_eq!(last.1, speaker, "{text}: {c:?}");
    }
}

/// An inverted attribution whose speaker opens with a quantifier ("..., say some
/// economists"), and one that is no inversion: after an apposition, "said one ..." starts
/// the content of the subject's claim.
#[test]
fn inverted_speaker_with_a_quantifier() {
    let c = claims("Title\n\nThe new tax will hurt small firms, say some economists.");
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].1, "some economists", "{c:?}");
    assert_eq!(c[0].3, "The new tax will hurt small firms");
    let c = claims("Title\n\nThe owner of the mine, Acme Mining, said one miner died in the fire.");
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].3, "one miner died in the fire", "{c:?}");
}

/// A name with a "which" clause speaks as a thing: a later "this analyst" is not it.
#[test]
fn role_noun_skips_a_speaker_with_a_which_clause() {
    let text = "Title\n\nZorvath, which pays a dividend, announced that it would sell a plant.\n\
                One analyst said the sale was wise. This analyst said Zorvath had waited \
                too long.";
    let c = claims(text);
    let last = c.last().unwrap_or_else(|| panic!("no claim: {c:?}"));
    assert_eq!(last.3, "Zorvath had waited too long", "{c:?}");
    assert_ne!(last.1, "Zorvath", "{c:?}");
}

/// Angle brackets in wire copy: a ticker after a name is not part of the speaker; an unlisted
/// company's name inside them is, without the brackets.
#[test]
fn tickers_in_angle_brackets() {
    for (text, speaker) in [
        (
            "Title\n\nZorvex Holdings Corp <ZVX.N> said it would sell its plastics unit.",
            "Zorvex Holdings Corp",
        ),
        (
            "Title\n\nDrummel Foods Inc <DRF> said its sales rose eight pct in March.",
            "Drummel Foods Inc",
        ),
        (
            "Title\n\n<Quorin Industries Ltd> said it had agreed to buy a stake in a mill.",
            "Quorin Industries Ltd",
        ),
    ] {
        let c = one_claim(text);
        assert_eq!(c.1, speaker, "{text}: {c:?}");
        assert!(!c.1.contains(['<', '>']), "{text}: {c:?}");
    }
}

/// A relative clause with no verb the speaker rules know ("who follows the stock") ends the
/// speaker before it; "who" after a verb opens no relative clause.
#[test]
fn speaker_before_a_relative_clause() {
    let c = one_claim(
        "Title\n\nOne analyst who follows the stock for a big bank said the price was too high.",
    );
    assert_eq!(c.1, "One analyst", "{c:?}");
    assert_eq!(c.3, "the price was too high", "{c:?}");
    let c = claims("Title\n\nNobody asked who follows the stock, and the price stayed high.");
    assert!(c.is_empty(), "{c:?}");
}

/// A person named only as a modifier ("Zanders strategists", "Zanders's attorney") is not
/// the speaker; a person who heads the phrase is ("Zanders strategist Tad Devlin", "Dr Mark
/// Tully games director at Zorvex").
#[test]
fn a_person_speaks_only_as_the_head() {
    let intro = "Title\n\nBernard Zanders won the primary on Tuesday.\n\n";
    for (text, speaker) in [
        (
            "Zanders strategist Tad Devlin said the campaign would go on.",
            "Tad Devlin",
        ),
        (
            "Top Zanders strategists said the campaign would go on.",
            "Top Zanders strategists",
        ),
        (
            "Zanders's attorney, Alan Garten, said the campaign would go on.",
            "Alan Garten",
        ),
        (
            "One Zanders aide said the campaign would go on.",
            "One Zanders aide",
        ),
        (
            "Dr Mark Tully games director at Zorvex told reporters the campaign would go on.",
            "Mark Tully",
        ),
        (
            "Zanders himself said the campaign would go on.",
            "Bernard Zanders",
        ),
    ] {
        let full = format!("{intro}{text}");
        let c = claims(&full);
        let last = c.last().unwrap_or_else(|| panic!("{text}: no claim"));
        assert_eq!(last.1, speaker, "{text}: {c:?}");
    }
}

/// "he" and "she" may be an unnamed person who spoke last ("a bank spokesman"), never a
/// group; "it" is no person nor group.
#[test]
fn pronouns_and_unnamed_speakers() {
    let c = claims(
        "Title\n\nRates will rise in May, a bank spokesman said.\n\nHe said the rise would be \
         small.",
    );
    assert_eq!(c.len(), 2, "{c:?}");
    assert_eq!(c[1].1, "a bank spokesman", "{c:?}");
    let c = claims(
        "Title\n\nPeter Grant, the chief executive, said sales rose.\n\nRates will rise, \
         analysts said.\n\nHe said the rise would be small.",
    );
    assert_eq!(c.last().map(|x| x.1.as_str()), Some("Peter Grant"), "{c:?}");
    let c = claims(
        "Title\n\nZorvex Corp said it sold a plant.\n\nThe sale was wise, one analyst said.\n\n\
         It also said profits rose.",
    );
    assert_eq!(c.last().map(|x| x.1.as_str()), Some("Zorvex Corp"), "{c:?}");
    let c = claims(
        "Title\n\nZorvex Corp said it sold a plant.\n\nThe sale was wise, analysts said.\n\n\
         It also said profits rose.",
    );
    assert_eq!(c.last().map(|x| x.1.as_str()), Some("Zorvex Corp"), "{c:?}");
}

/// "The company" is the organization a recent sentence opened with, not one named later in a
/// phrase ("filed with the Securities and Exchange Commission"), nor one in the claim itself.
#[test]
fn the_company_is_the_topic() {
    let c = claims(
        "Title\n\nZorvex Holdings Corp filed with the Securities and Exchange Commission for a \
         debt offering.\n\nThe company said it plans to offer 250 mln dlrs of notes.",
    );
    assert_eq!(
        c.last().map(|x| x.1.as_str()),
        Some("Zorvex Holdings Corp"),
        "{c:?}"
    );
    let c = claims(
        "Title\n\nThe Securities and Exchange Commission is investigating trades in which \
         Zorvex Holdings Corp was market maker, the brokerage firm said.",
    );
    assert_eq!(
        c.last().map(|x| x.1.as_str()),
        Some("Zorvex Holdings Corp"),
        "{c:?}"
    );
}

/// Reported speech the front rule now reaches: a clause after an adverbial ("said in a
/// statement it would"), a clause of its own before any "that" ("said he believed that"),
/// "there was", contracted subjects, and "... and said" with a clause that opens with a name
/// or a determiner. Not: an infinitive after "hopes", a noun after a number ("five points on
/// rumors it was"), a cue that needs a clause ("agrees on ... it will").
#[test]
fn reported_speech_reach() {
    for (text, speaker, content) in [
        (
            "Title\n\nZorvex Corp said in a statement it would close two plants.",
            "Zorvex Corp",
            "it would close two plants",
        ),
        (
            "Title\n\nPeter Grant said he believed that the market would recover.",
            "Peter Grant",
            "he believed that the market would recover",
        ),
        (
            "Title\n\nPeter Grant said there was no reason to sell the shares.",
            "Peter Grant",
            "there was no reason to sell the shares",
        ),
        (
            "Title\n\nPeter Grant said it's too early to judge the deal.",
            "Peter Grant",
            "it's too early to judge the deal",
        ),
        (
            "Title\n\nPrivate economists were not so sure and said the economy would slow.",
            "Private economists",
            "the economy would slow",
        ),
        (
            "Title\n\nPeter Grant praised the plan and said Zorvex would hire more staff.",
            "Peter Grant",
            "Zorvex would hire more staff",
        ),
    ] {
        let c = claims(text);
        let last = c.last().unwrap_or_else(|| panic!("{text}: no claim"));
        assert_eq!(last.1, speaker, "{text}: {c:?}");
        assert_eq!(last.3, content, "{text}: {c:?}");
    }
    for text in [
        "Title\n\nVietnam grew more rice last year and hopes to boost that to more by 1990.",
        "Title\n\nThe stock jumped as much as five points on rumors it was being sold.",
        "Title\n\nIf the council agrees on the draft it will then return to parliament.",
    ] {
        let c = claims(text);
        assert!(c.is_empty(), "{text}: {c:?}");
    }
}

/// "X, who said A, said B" is two claims by X, the first ending where the main clause
/// resumes; "who asked not to be named" is none, though the main clause is still a claim; a
/// name right before ", who said" speaks even when the phrase before it is no subject.
#[test]
fn claims_in_a_relative_clause() {
    let c = claims(
        "Title\n\nPeter Grant, who said he would stay on as chairman, said the board would meet \
         in May.",
    );
    let got: Vec<(&str, &str)> = c.iter().map(|x| (x.1.as_str(), x.3.as_str())).collect();
    assert_eq!(
        got,
        [
            ("Peter Grant", "he would stay on as chairman"),
            ("Peter Grant", "the board would meet in May")
        ],
        "{c:?}"
    );
    let c = one_claim(
        "Title\n\nThe official, who asked not to be named, said the talks would resume soon.",
    );
    assert_eq!(c.1, "The official", "{c:?}");
    assert_eq!(c.3, "the talks would resume soon", "{c:?}");
    let c = one_claim(
        "Title\n\nThe deal was struck with help from Labor Secretary Peter Grant, who said he \
         expects it to be signed next week.",
    );
    assert_eq!(c.1, "Peter Grant", "{c:?}");
    assert_eq!(c.3, "he expects it to be signed next week", "{c:?}");
    let c = claims(
        "Title\n\nThe plant is run by Martin Wood, who will report to the chairman of the group.",
    );
    assert!(c.is_empty(), "{c:?}");
}

/// "about" after a cue is a preposition ("said about the plan": no claim) unless a number
/// follows, where it qualifies the number that opens the clause.
#[test]
fn about_a_number_opens_a_clause() {
    for (text, speaker, content) in [
        (
            "Title\n\nThe company said about 300 workers will be laid off.",
            "The company",
            "about 300 workers will be laid off",
        ),
        (
            "Title\n\nMaria Lopez said about 25 pct of the shares had been tendered.",
            "Maria Lopez",
            "about 25 pct of the shares had been tendered",
        ),
    ] {
        let c = one_claim(text);
        assert_eq!(
            (c.1.as_str(), c.2.as_str(), c.3.as_str()),
            (speaker, "said", content)
        );
    }
    for text in [
        "Title\n\nThe company said about the plan nothing new.",
        "Title\n\nAt one point about 300 suits had been filed against the maker.",
    ] {
        assert!(claims(text).is_empty(), "{text}: {:?}", claims(text));
    }
}

/// The claims take the tokens but white space from the entity view instead of filtering the
/// tokens themselves, and find a quotation mark's place among all tokens by a search instead
/// of a walk over them: on odd texts, the view's words are the tokens but white space, each
/// mark's search finds where the walk would, and claims from the plainly filtered tokens are
/// the extractor's.
#[test]
fn view_words_agree_with_filtered_tokens() {
    use crate::tokenizer::{tokenize, Token, TokenKind};
    let sup = crate::support::Support::builtin();
    let odd = [
        "",
        " ",
        "\"",
        "''",
        "'' ''",
        "\n\n\"\n",
        "a\u{200b}\"b\" said X.",
        "\"A,\" he said. \"B.\"\n\n''Yes,'' said Mr. Smith.",
        "\u{201c}Quoted\u{201d}\u{2019}s ' ' \u{ab} x \u{bb} \u{300c}y\u{300d}",
        "He said: \"\"\" she told them '\r\n\t\"it's\" \u{2014}\"",
        "Title\n\nAccording to the \"report\", prices rose, the minister said that they would.",
        "\u{feff}\"Caf\u{e9},\" said Zo\u{eb}. \u{201c}\u{201c}Twice\u{201d}\u{201d}",
    ];
    for text in odd {
        let tokens = tokenize(text);
        let plain: Vec<Token> = tokens.iter().copied().filter(|t| !t.is_space()).collect();
        let view = crate::entities::View::new(text, &tokens, &sup);
        assert_eq!(view.w, plain, "{text:?}");
        for (j, t) in tokens.iter().enumerate() {
            if matches!(t.kind, TokenKind::Quote(_)) && !(j > 0 && tokens[j - 1].start == t.start) {
                assert_eq!(tokens.partition_point(|x| x.start < t.start), j, "{text:?}");
            }
        }
        let doc = ex().extract(text);
        let sentences = crate::segment::sentences(text, &tokens);
        let paragraphs = crate::segment::paragraphs(text, &tokens);
        let (claims, terms) = super::scan::run(
            &super::ClaimLexicon::builtin(),
            text,
            &tokens,
            &plain,
            &sentences,
            &paragraphs,
            &doc.entities,
        );
        assert_eq!(claims, doc.claims, "{text:?}");
        assert_eq!(terms, doc.quoted_terms, "{text:?}");
    }
}
