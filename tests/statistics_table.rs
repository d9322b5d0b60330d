//! Table-driven tests of statistics: number forms, kinds, units, qualifiers and traps.
//! Every sentence here is written for this test.

use claimlex::{Extractor, Statistic};
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static X: OnceLock<Extractor> = OnceLock::new();
    X.get_or_init(|| Extractor::new().expect("built-in lexicons load"))
}

fn stats(text: &str) -> Vec<Statistic> {
    let doc = extractor().extract(text);
    for s in &doc.statistics {
        assert_eq!(
            &text[s.start..s.end],
            s.text,
            "span of {:?} in {text:?}",
            s.text
        );
        if let Some(m) = &s.measure {
            assert_eq!(&text[m.start..m.end], m.text, "measure span in {text:?}");
        }
    }
    doc.statistics
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// (text, expected statistics as (value, kind, unit)); unit "" means none, "*" any.
type Case = (&'static str, &'static [(f64, &'static str, &'static str)]);

const CASES: &[Case] = &[
    // ---- digits, separators, decimals ----
    (
        "The firm has 520,000 customers.",
        &[(520000.0, "count", "")],
    ),
    (
        "There were 389,571 applications.",
        &[(389571.0, "count", "")],
    ),
    ("It employs 1,234,567 people.", &[(1234567.0, "count", "")]),
    (
        "The index stood at 74.7 points.",
        &[(74.7, "percent", "points")],
    ),
    ("Some 23,000 people took part.", &[(23000.0, "count", "")]),
    ("The survey covered 14 countries.", &[(14.0, "count", "")]),
    ("About 2.5 tonnes were moved.", &[(2.5, "quantity", "t")]),
    ("It sold 12,575 units.", &[(12575.0, "count", "")]),
    ("They have 300 stores.", &[(300.0, "count", "")]),
    ("The rate was 0.25 per cent.", &[(0.25, "percent", "%")]),
    ("Fees fell to .5 per cent.", &[(0.5, "percent", "%")]),
    // ---- multipliers ----
    (
        "Revenue reached $1.2bn last year.",
        &[(1.2e9, "money", "USD")],
    ),
    ("It raised £5m from investors.", &[(5e6, "money", "GBP")]),
    ("It has 2.5 million users.", &[(2.5e6, "count", "")]),
    ("The site has 300m blog entries.", &[(3e8, "count", "")]),
    ("They counted 94 billion images.", &[(9.4e10, "count", "")]),
    ("A debt of $1.5 trillion.", &[(1.5e12, "money", "USD")]),
    ("The app has 20k downloads.", &[(20000.0, "count", "")]),
    ("It shipped 4.3M units.", &[(4.3e6, "count", "")]),
    ("A £3bn deal.", &[(3e9, "money", "GBP")]),
    ("A $2 billion deal.", &[(2e9, "money", "USD")]),
    ("A €40 million fine.", &[(4e7, "money", "EUR")]),
    ("It lost $400mn.", &[(4e8, "money", "USD")]),
    ("They paid $7 bn.", &[(7e9, "money", "USD")]),
    ("The fund holds 3 thousand firms.", &[(3000.0, "count", "")]),
    // ---- number words ----
    ("It has three million users.", &[(3e6, "count", "")]),
    ("They found a dozen flaws.", &[(12.0, "count", "")]),
    ("A million people watched.", &[(1e6, "count", "")]),
    ("Twenty-five thousand fans came.", &[(25000.0, "count", "")]),
    (
        "Fifty nine percent of people agreed.",
        &[(59.0, "percent", "%")],
    ),
    (
        "Eighty per cent of those remain.",
        &[(80.0, "percent", "%")],
    ),
    ("The camera has six megapixels.", &[(6.0, "quantity", "MP")]),
    ("There are eleven reading rooms.", &[(11.0, "count", "")]),
    ("It employs two hundred staff.", &[(200.0, "count", "")]),
    ("Half a million people marched.", &[(500000.0, "count", "")]),
    ("They sold four million copies.", &[(4e6, "count", "")]),
    ("It cost ten million dollars.", &[(1e7, "money", "USD")]),
    ("Twenty people were hurt.", &[(20.0, "count", "")]),
    // ---- fractions and multiples ----
    ("More than half of staff agreed.", &[(0.5, "ratio", "")]),
    ("Nearly half the firms said so.", &[(0.5, "ratio", "")]),
    ("About half of them left.", &[(0.5, "ratio", "")]),
    ("A quarter of sales are online.", &[(0.25, "ratio", "")]),
    ("A third of adults own one.", &[(0.333, "ratio", "")]),
    ("Two-thirds of voters agreed.", &[(0.667, "ratio", "")]),
    ("Three quarters of firms grew.", &[(0.75, "ratio", "")]),
    ("One in six adults use it.", &[(0.167, "ratio", "")]),
    ("One in three homes has one.", &[(0.333, "ratio", "")]),
    ("One out of five buyers left.", &[(0.2, "ratio", "")]),
    ("Sales are twice as high.", &[(2.0, "ratio", "")]),
    ("It costs twice the price.", &[(2.0, "ratio", "")]),
    ("It is four times as fast.", &[(4.0, "ratio", "")]),
    ("Demand rose tenfold.", &[(10.0, "ratio", "")]),
    ("Output rose ten-fold.", &[(10.0, "ratio", "")]),
    ("Prices rose threefold.", &[(3.0, "ratio", "")]),
    ("Shares trade at 6.5 times earnings.", &[(6.5, "ratio", "")]),
    ("It is ten times bigger.", &[(10.0, "ratio", "")]),
    // ---- ranks ----
    (
        "The country ranked first in the world.",
        &[(1.0, "rank", "")],
    ),
    ("China was ranking first overall.", &[(1.0, "rank", "")]),
    ("It is the second-largest bank.", &[(2.0, "rank", "")]),
    ("It is the third biggest market.", &[(3.0, "rank", "")]),
    ("Vancouver is the third-largest city.", &[(3.0, "rank", "")]),
    ("It came second in the poll.", &[(2.0, "rank", "")]),
    ("It is the 5th largest economy.", &[(5.0, "rank", "")]),
    ("The team finished fourth.", &[(4.0, "rank", "")]),
    // ---- ranges ----
    (
        "It will cost $1.3 to $1.5bn.",
        &[(1.3e9, "money", "USD"), (1.5e9, "money", "USD")],
    ),
    (
        "Sales rose 10-20%.",
        &[(10.0, "percent", "%"), (20.0, "percent", "%")],
    ),
    (
        "It gets between three and four million requests.",
        &[(3e6, "count", ""), (4e6, "count", "")],
    ),
    (
        "The margin is between 2.5 and 4 points.",
        &[(2.5, "percent", "points"), (4.0, "percent", "points")],
    ),
    (
        "Prices of $3-5m are common.",
        &[(3e6, "money", "USD"), (5e6, "money", "USD")],
    ),
    (
        "It sold 5 to 10 million units.",
        &[(5e6, "count", ""), (1e7, "count", "")],
    ),
    (
        "From 252 miles to 287 miles.",
        &[(252.0, "quantity", "mi"), (287.0, "quantity", "mi")],
    ),
    (
        "Claims ranged from $200 to $4 million.",
        &[(200.0, "money", "USD"), (4e6, "money", "USD")],
    ),
    (
        "Value may rise from 24.2 to 33-35 billion euros.",
        &[
            (2.42e10, "money", "EUR"),
            (3.3e10, "money", "EUR"),
            (3.5e10, "money", "EUR"),
        ],
    ),
    // ---- money ----
    ("The deal is worth $6.75bn.", &[(6.75e9, "money", "USD")]),
    ("It offered 300p a share.", &[(300.0, "money", "GBX")]),
    ("An offer of 300 pence.", &[(300.0, "money", "GBX")]),
    ("It was up 19 cents.", &[(19.0, "money", "USX")]),
    ("The stock rose 18 sen.", &[(18.0, "money", "MYX")]),
    ("It costs US$58.24 per barrel.", &[(58.24, "money", "USD")]),
    ("It costs US $2.24 per unit.", &[(2.24, "money", "USD")]),
    ("It paid HK$5.4m.", &[(5.4e6, "money", "HKD")]),
    ("The fee is A$300.", &[(300.0, "money", "AUD")]),
    ("The car costs ¥2m.", &[(2e6, "money", "JPY")]),
    ("Profit was 5bn yuan.", &[(5e9, "money", "CNY")]),
    ("Sales hit RMB 30bn.", &[(3e10, "money", "CNY")]),
    ("It raised 500bn won.", &[(5e11, "money", "KRW")]),
    ("A fine of 20 million rupees.", &[(2e7, "money", "INR")]),
    ("It paid 40 euros.", &[(40.0, "money", "EUR")]),
    ("A bill of 1.5 billion shekels.", &[(1.5e9, "money", "ILS")]),
    (
        "It is worth 10.5 million Australian dollars.",
        &[(1.05e7, "money", "AUD")],
    ),
    ("It costs 1,200€ now.", &[(1200.0, "money", "EUR")]),
    ("Shares closed at RM23.50.", &[(23.5, "money", "MYR")]),
    ("The yacht cost USD10m.", &[(1e7, "money", "USD")]),
    // ---- newswire abbreviations and the currencies the euro replaced (archives) ----
    (
        "It sold the unit for 45 mln dlrs.",
        &[(4.5e7, "money", "USD")],
    ),
    (
        "The stock was up 37 cts at 12.50 dlrs.",
        &[(37.0, "money", "USX"), (12.5, "money", "USD")],
    ),
    (
        "Pretax profit was 83.2 mln stg.",
        &[(8.32e7, "money", "GBP")],
    ),
    (
        "It raised 1.5 bln Canadian dlrs.",
        &[(1.5e9, "money", "CAD")],
    ),
    ("The bank lent 200 mln marks.", &[(2e8, "money", "DEM")]),
    (
        "Turnover rose to 4.1 billion guilders.",
        &[(4.1e9, "money", "NLG")],
    ),
    ("It paid 900 billion lire.", &[(9e11, "money", "ITL")]),
    ("A 20 dlr level held.", &[(20.0, "money", "USD")]),
    ("SALES UP 12 PCT IN MARCH", &[(12.0, "percent", "%")]),
    // ---- a line wrapped in mid-sentence (wire copy) does not part a number from its unit ----
    (
        "The surplus widened to 134.9 billion\nfrancs last year.",
        &[(1.349e11, "money", "CHF")],
    ),
    (
        "It lent 45\nmln dlrs to the firm.",
        &[(4.5e7, "money", "USD")],
    ),
    // a new line that starts a paragraph or a row is not a wrap
    (
        "Net 2,317,000\n    dlrs were spent.",
        &[(2317000.0, "count", "")],
    ),
    (
        "Net 2,317,000\nPounds were spent.",
        &[(2317000.0, "count", "")],
    ),
    // ---- a figure compared with the one before takes its currency or unit ----
    (
        "Profit rose to 686 mln marks from 649 mln in 1985.",
        &[(6.86e8, "money", "DEM"), (6.49e8, "money", "DEM")],
    ),
    (
        "Sales fell to $3.2bn, down from 3.5bn a year earlier.",
        &[(3.2e9, "money", "USD"), (3.5e9, "money", "USD")],
    ),
    (
        "Unemployment fell to 5.2%, compared with 5.5 in May.",
        &[(5.2, "percent", "%"), (5.5, "percent", "%")],
    ),
    (
        "Net loss 4.2 mln stg vs 3.1 mln.",
        &[(4.2e6, "money", "GBP"), (3.1e6, "money", "GBP")],
    ),
    // written differently (one with a multiplier), or counting something else: no carry
    (
        "It earned $5m from 300 stores.",
        &[(5e6, "money", "USD"), (300.0, "count", "")],
    ),
    (
        "It paid 12 dlrs a share from 300 stores.",
        &[(12.0, "money", "USD"), (300.0, "count", "")],
    ),
    ("FIRM RAISES 50 MLN DLRS", &[(5e7, "money", "USD")]),
    (
        "BANK TO SELL 200 BILLION YEN IN BILLS",
        &[(2e11, "money", "JPY")],
    ),
    ("Gold is at USD1,700.", &[(1700.0, "money", "USD")]),
    (
        "A home worth $US55,931,000 was sold.",
        &[(55931000.0, "money", "USD")],
    ),
    ("The deficit was $-50.8bn.", &[(5.08e10, "money", "USD")]),
    ("It cost £4.50 for a session.", &[(4.5, "money", "GBP")]),
    ("It rents for $3500 a month.", &[(3500.0, "money", "USD")]),
    ("The dollar was at $1,8923.", &[(1.8923, "money", "USD")]),
    (
        "It was $6bn (£3.2bn).",
        &[(6e9, "money", "USD"), (3.2e9, "money", "GBP")],
    ),
    (
        "A price of about 300 pence, maybe 305.",
        &[(300.0, "money", "GBX"), (305.0, "money", "GBX")],
    ),
    ("It costs 150 kn.", &[(150.0, "money", "HRK")]),
    // ---- percent ----
    (
        "Exports fell 2.3% to $95.6bn.",
        &[(2.3, "percent", "%"), (9.56e10, "money", "USD")],
    ),
    ("Shares rose 5 per cent.", &[(5.0, "percent", "%")]),
    ("Shares rose 5 percent.", &[(5.0, "percent", "%")]),
    (
        "Rates rose 0.5 percentage points.",
        &[(0.5, "percent", "percentage points")],
    ),
    ("It yields 4.1pc.", &[(4.1, "percent", "%")]),
    (
        "Rates rose 25 basis points.",
        &[(25.0, "percent", "basis points")],
    ),
    (
        "It is 43.4 percent-owned by Renault.",
        &[(43.4, "percent", "%")],
    ),
    ("Only 95% capacity was used.", &[(95.0, "percent", "%")]),
    ("A rate of 1.38pc was set.", &[(1.38, "percent", "%")]),
    ("The share is 28.9%.", &[(28.9, "percent", "%")]),
    // ---- quantities ----
    ("The chip runs at 3.2GHz.", &[(3.2, "quantity", "GHz")]),
    ("It weighs 40 tonnes.", &[(40.0, "quantity", "t")]),
    ("It has 2MB of memory.", &[(2.0, "quantity", "MB")]),
    ("It stores 54GB of data.", &[(54.0, "quantity", "GB")]),
    (
        "Cafes must be 200 metres away.",
        &[(200.0, "quantity", "m")],
    ),
    ("The route is 30 km long.", &[(30.0, "quantity", "km")]),
    ("It goes 87 mph.", &[(87.0, "quantity", "mph")]),
    ("It reached 140 km/h.", &[(140.0, "quantity", "km/h")]),
    ("Output is 2m barrels a day.", &[(2e6, "quantity", "bbl")]),
    ("A 6kW motor.", &[(6.0, "quantity", "kW")]),
    ("A 5.5kWh battery.", &[(5.5, "quantity", "kWh")]),
    ("It shot from 30 yards.", &[(30.0, "quantity", "yd")]),
    (
        "A 37m (121ft) skeleton.",
        &[(37.0, "quantity", "m"), (121.0, "quantity", "ft")],
    ),
    (
        "It has 275 pound-feet of torque.",
        &[(275.0, "quantity", "lb-ft")],
    ),
    ("It turns at 3000 rpm.", &[(3000.0, "quantity", "rpm")]),
    ("It holds 50mL of acid.", &[(50.0, "quantity", "ml")]),
    ("The floor area is 32m2.", &[(32.0, "quantity", "m²")]),
    ("A 1520 sq m centre.", &[(1520.0, "quantity", "m²")]),
    ("A 300mAh cell.", &[(300.0, "quantity", "mAh")]),
    (
        "It runs 8 miles (13 kilometers).",
        &[(8.0, "quantity", "mi"), (13.0, "quantity", "km")],
    ),
    ("A 1.8 billion-mile trip.", &[(1.8e9, "quantity", "mi")]),
    ("It gets 29 mpg.", &[(29.0, "quantity", "mpg")]),
    ("Noise of 120 decibels.", &[(120.0, "quantity", "dB")]),
    (
        "It reaches 30 degrees Celsius.",
        &[(30.0, "quantity", "°C")],
    ),
    ("A 12-megapixel camera.", &[(12.0, "quantity", "MP")]),
    ("A 200-metre tower.", &[(200.0, "quantity", "m")]),
    // ---- qualifiers do not change values ----
    ("Nearly 40% agreed.", &[(40.0, "percent", "%")]),
    ("At least 30 firms left.", &[(30.0, "count", "")]),
    ("Up to 500 jobs will go.", &[(500.0, "count", "")]),
    ("Less than 10% said no.", &[(10.0, "percent", "%")]),
    ("More than 1000 customers use it.", &[(1000.0, "count", "")]),
    ("Roughly 25 people came.", &[(25.0, "count", "")]),
    ("Prices rose by a third.", &[(0.333, "ratio", "")]),
    (
        "It was almost a cent and a half weaker.",
        &[(1.5, "money", "USX")],
    ),
    (
        "It has two and a half million users.",
        &[(2.5e6, "count", "")],
    ),
    ("It is 1/16 of a pint.", &[(0.0625, "ratio", "")]),
    ("Only one in 10 homes has it.", &[(0.1, "ratio", "")]),
    (
        "Shares rose 12p to 595p.",
        &[(12.0, "money", "GBX"), (595.0, "money", "GBX")],
    ),
    (
        "The firm cut 1,500 jobs, or 7% of staff.",
        &[(1500.0, "count", ""), (7.0, "percent", "%")],
    ),
    (
        "The A380 can carry 555 passengers.",
        &[(555.0, "count", "")],
    ),
    // ---- traps: nothing ----
    ("The house at 9 E 71st St sold.", &[]),
    ("Sea levels will rise by 2120.", &[]),
    ("Between 2001 and 2004, sales doubled.", &[]),
    ("He served 10 years as chief executive.", &[]),
    ("The G8 and G20 met in 2005.", &[]),
    ("It was founded in 2004.", &[]),
    ("Sales grew in the 1990s.", &[]),
    ("Music of the 90s is back.", &[]),
    ("Results for the fourth quarter came out.", &[]),
    ("In the first quarter sales rose.", &[]),
    ("The talks began on 15 November.", &[]),
    ("The talks began on November 15.", &[]),
    ("It closed on Oct. 31.", &[]),
    ("The show runs from 6 to 9 January.", &[]),
    ("We met at 10:30 today.", &[]),
    ("The shop opens at 9am.", &[]),
    ("It ended at 5 pm.", &[]),
    ("He worked there for three years.", &[]),
    ("He worked there for 12 years.", &[]),
    ("It lasted 18 months.", &[]),
    ("It took 45 minutes.", &[]),
    ("The 10-year plan failed.", &[]),
    ("A 45-year-old man was held.", &[]),
    ("The man, 45 years old, was held.", &[]),
    ("He was aged 52 then.", &[]),
    ("Mr Sullivan, 42, has pleaded guilty.", &[]),
    ("The firm's Kylinsoft V10 system works.", &[]),
    ("The PlayStation 2 sold well.", &[]),
    ("He bought Windows 95 back then.", &[]),
    ("Phones with 3G are common.", &[]),
    ("The 5G network launched.", &[]),
    ("Call 0800 123 456 now.", &[]),
    ("Call 020 7946 0000 now.", &[]),
    ("See page 12 of the report.", &[]),
    ("It is in Chapter 11 protection.", &[]),
    ("Read section 4 for details.", &[]),
    ("It was the fifth World Intelligence Congress.", &[]),
    ("Two firms merged.", &[]),
    ("Three rivals bid.", &[]),
    ("Nine countries signed.", &[]),
    ("One firm left.", &[]),
    ("He called twice a day.", &[]),
    ("She phoned three times a week.", &[]),
    ("The first half was dull.", &[]),
    ("They won 3-1 at home.", &[]),
    ("The game was tied at 89-89.", &[]),
    ("It is at 575 Wilbraham Road.", &[]),
    ("Homes in the 90049 ZIP Code sold.", &[]),
    ("Version 2.1.3 is out.", &[]),
    ("The COVID -19 tests arrived.", &[]),
    ("It happened on 11/02/2004.", &[]),
    ("The score was 2-0 down.", &[]),
    ("He was first to arrive.", &[]),
    ("It is the first time.", &[]),
    ("This is the second attempt.", &[]),
    ("It was half-time.", &[]),
    ("He waited half an hour.", &[]),
    ("In the second half they scored.", &[]),
    ("A 50 year-old man was held.", &[]),
    ("An 18 month-old child was found.", &[]),
    ("The 400 million-year-old rock.", &[]),
    ("It lasted for three or four years.", &[]),
    ("They met in May 2019.", &[]),
    ("They met in March 2019.", &[]),
    ("Flight 370 vanished.", &[]),
    ("He played in round 3.", &[]),
    ("It was the year 2000.", &[]),
    ("He scored twice as United won.", &[]),
    ("1. Buy bread\n2. Buy milk", &[]),
    // ---- bare francs: the article's country's; Swiss when none is named ----
    (
        "Shares closed at 412 francs on the Paris bourse.",
        &[(412.0, "money", "FRF")],
    ),
    (
        "Belgian state debt rose by 80 billion francs.",
        &[(8e10, "money", "BEF")],
    ),
    (
        "The Luxembourg unit earned 890 mln francs.",
        &[(8.9e8, "money", "LUF")],
    ),
    (
        "The group earned 541 mln francs.",
        &[(5.41e8, "money", "CHF")],
    ),
    (
        "A Zurich bank sold French assets for 90 mln francs.",
        &[(9e7, "money", "CHF")],
    ),
    (
        "The French firm is issuing a 200 mln franc bond.",
        &[(2e8, "money", "FRF")],
    ),
    (
        "The Zurich bank launched a 30 mln French franc bond.",
        &[(3e7, "money", "FRF")],
    ),
    // ---- model and part numbers (not "747 jobs") ----
    ("The carrier flew a 747 jet to Sydney.", &[]),
    ("The new laptop uses the 68020 microprocessor.", &[]),
    ("Its 400 series is selling well.", &[]),
    (
        "Buyers of the Velox 6600, sold last spring, complained.",
        &[],
    ),
    ("Orders for the Kestrel 4410 handset rose.", &[]),
    ("Users of OS/2 will move to the new system.", &[]),
    ("Banks leased a Brell X-MP/24 supercomputer.", &[]),
    ("It backed the 3B line of computers.", &[]),
    ("The group launched the Zorin 1B in March.", &[]),
    ("The plant makes 256K DRAM parts.", &[]),
    ("The carrier cut 747 jobs.", &[(747.0, "count", "")]),
    (
        "The airline ordered 14 jet aircraft.",
        &[(14.0, "count", "")],
    ),
    (
        "Sears will run 59 computer centers.",
        &[(59.0, "count", "")],
    ),
    ("It sold 12 planes last year.", &[(12.0, "count", "")]),
    ("The game had 100K players.", &[(100000.0, "count", "")]),
    (
        "Plantings were put at USSR 3400 (3440) hectares.",
        &[(3400.0, "count", ""), (3440.0, "count", "")],
    ),
    (
        "Sales in the quarter:\nTOTAL SALES 2367\n",
        &[(2367.0, "count", "")],
    ),
    // ---- "pounds": a weight by what is weighed, money otherwise ----
    (
        "The kitchen ordered 200 pounds of beef for the fair.",
        &[(200.0, "quantity", "lb")],
    ),
    (
        "Inspectors recalled 2 million pounds of ground turkey.",
        &[(2e6, "quantity", "lb")],
    ),
    (
        "The new drone weighs 12 pounds.",
        &[(12.0, "quantity", "lb")],
    ),
    (
        "The crate had a weight of 1,400 pounds.",
        &[(1400.0, "quantity", "lb")],
    ),
    (
        "The boxer came in at 160 pounds (73kg) on Friday.",
        &[(160.0, "quantity", "lb"), (73.0, "quantity", "kg")],
    ),
    (
        "The council spent 5 million pounds of public money.",
        &[(5e6, "money", "GBP")],
    ),
    (
        "The startup raised 3 million pounds of funding.",
        &[(3e6, "money", "GBP")],
    ),
    (
        "He paid 200 pounds for a ticket.",
        &[(200.0, "money", "GBP")],
    ),
    (
        "The deal is worth 40 million pounds.",
        &[(4e7, "money", "GBP")],
    ),
];

#[test]
fn table() {
    let mut failures = Vec::new();
    for (text, want) in CASES {
        let got = stats(text);
        let got_v: Vec<(f64, String, Option<String>)> = got
            .iter()
            .map(|s| (s.value, s.kind.clone(), s.unit.clone()))
            .collect();
        let ok = got.len() == want.len()
            && got.iter().zip(want.iter()).all(|(g, (v, k, u))| {
                close(g.value, *v)
                    && g.kind == *k
                    && (*u == "*"
                        || (u.is_empty() && g.unit.is_none())
                        || g.unit.as_deref() == Some(*u))
            });
        if !ok {
            failures.push(format!("{text:?}\n    want {want:?}\n    got  {got_v:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

/// Every currency sign and word, with and without multipliers, in several positions.
#[test]
fn generated_money() {
    let signs: &[(&str, &str)] = &[
        ("$", "USD"),
        ("US$", "USD"),
        ("£", "GBP"),
        ("€", "EUR"),
        ("¥", "JPY"),
        ("HK$", "HKD"),
        ("A$", "AUD"),
        ("C$", "CAD"),
        ("Rs ", "INR"),
        ("RMB ", "CNY"),
    ];
    let words: &[(&str, &str)] = &[
        ("dollars", "USD"),
        ("euros", "EUR"),
        ("pounds", "GBP"),
        ("yuan", "CNY"),
        ("yen", "JPY"),
        ("won", "KRW"),
        ("rupees", "INR"),
        ("pence", "GBX"),
        ("cents", "USX"),
    ];
    let mults: &[(&str, f64)] = &[
        ("", 1.0),
        ("m", 1e6),
        ("bn", 1e9),
        (" million", 1e6),
        (" billion", 1e9),
        (" trillion", 1e12),
        ("k", 1e3),
    ];
    let amounts: &[(&str, f64)] = &[("5", 5.0), ("1.2", 1.2), ("350", 350.0), ("2,500", 2500.0)];
    let mut n = 0;
    let mut failures = Vec::new();
    for (sign, code) in signs {
        for (m, f) in mults {
            for (a, v) in amounts {
                let text = format!("The company paid {sign}{a}{m} for it.");
                let got = stats(&text);
                n += 1;
                let ok = got.len() == 1
                    && close(got[0].value, v * f)
                    && got[0].kind == "money"
                    && got[0].unit.as_deref() == Some(*code);
                if !ok {
                    failures.push(format!("{text:?}: {got:?}"));
                }
            }
        }
    }
    for (w, code) in words {
        for (m, f) in mults
            .iter()
            .filter(|(m, _)| m.starts_with(' ') || m.is_empty())
        {
            for (a, v) in amounts {
                let text = format!("The company paid {a}{m} {w} for it.");
                let got = stats(&text);
                n += 1;
                let ok = got.len() == 1
                    && close(got[0].value, v * f)
                    && got[0].kind == "money"
                    && got[0].unit.as_deref() == Some(*code);
                if !ok {
                    failures.push(format!("{text:?}: {got:?}"));
                }
            }
        }
    }
    assert!(n > 300);
    assert!(
        failures.is_empty(),
        "{} of {n} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Percent forms and units of measure after several numbers.
#[test]
fn generated_units() {
    let units: &[(&str, &str, &str)] = &[
        ("%", "percent", "%"),
        (" per cent", "percent", "%"),
        (" percent", "percent", "%"),
        (" percentage points", "percent", "percentage points"),
        (" km", "quantity", "km"),
        (" kg", "quantity", "kg"),
        (" tonnes", "quantity", "t"),
        (" barrels", "quantity", "bbl"),
        ("GHz", "quantity", "GHz"),
        (" MB", "quantity", "MB"),
        ("GB", "quantity", "GB"),
        (" megapixels", "quantity", "MP"),
        (" mph", "quantity", "mph"),
        (" miles", "quantity", "mi"),
        (" metres", "quantity", "m"),
        (" litres", "quantity", "l"),
        ("MW", "quantity", "MW"),
        (" gigawatts", "quantity", "GW"),
    ];
    let amounts: &[(&str, f64)] = &[("5", 5.0), ("12.5", 12.5), ("300", 300.0), ("0.7", 0.7)];
    let mut failures = Vec::new();
    let mut n = 0;
    for (u, kind, unit) in units {
        for (a, v) in amounts {
            for frame in [
                "It measured {} last week.",
                "Output was about {}.",
                "{} was the figure.",
            ] {
                let text = frame.replace("{}", &format!("{a}{u}"));
                let got = stats(&text);
                n += 1;
                let ok = got.len() == 1
                    && close(got[0].value, *v)
                    && got[0].kind == *kind
                    && got[0].unit.as_deref() == Some(*unit);
                if !ok {
                    failures.push(format!("{text:?}: {got:?}"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {n} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Years, dates and durations in several frames never give statistics.
#[test]
fn generated_traps() {
    let traps = [
        "in 1999",
        "in 2020",
        "since 2008",
        "by 2030",
        "in the 1980s",
        "on 3 March",
        "on March 3",
        "for two years",
        "for 20 years",
        "over three months",
        "in 48 hours",
        "at 8:15",
        "at 7pm",
        "a 30-year-old",
        "aged 61",
        "the 3G phone",
        "the V10 system",
        "in Q3",
        "on page 7",
        "for six weeks",
        "after 90 minutes",
        "in 10 days",
        "the 20th century",
        "the 5th time",
    ];
    let mut failures = Vec::new();
    for t in traps {
        for frame in [
            "It happened {}.",
            "Sales were flat {} and later.",
            "{}, they said.",
        ] {
            let text = frame.replace("{}", t);
            let got = stats(&text);
            if !got.is_empty() {
                failures.push(format!("{text:?}: {got:?}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn qualifiers_and_measures() {
    let s = stats("The number of global AI patent applications exceeded 520,000, and the number of patent applications in China was 389,571, ranking first in the world, accounting for 74.7% of the global total.");
    let got: Vec<(f64, &str, Option<&str>)> = s
        .iter()
        .map(|s| {
            (
                s.value,
                s.kind.as_str(),
                s.measure.as_ref().map(|m| m.text.as_str()),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (520000.0, "count", Some("global AI patent applications")),
            (389571.0, "count", Some("patent applications in China")),
            (1.0, "rank", Some("patent applications in China")),
            (74.7, "percent", Some("the global total")),
        ]
    );
    assert_eq!(s[0].comparator.as_deref(), Some("more_than"));

    let s = stats("Exports fell 2.3% to $95.6bn, while imports rose about 1.3%.");
    assert_eq!(s[0].direction.as_deref(), Some("down"));
    assert_eq!(
        s[0].measure.as_ref().map(|m| m.text.as_str()),
        Some("Exports")
    );
    assert_eq!(s[2].direction.as_deref(), Some("up"));
    assert!(s[2].approximate);
    assert_eq!(
        s[2].measure.as_ref().map(|m| m.text.as_str()),
        Some("imports")
    );

    let s = stats("Nearly 40% of workers said they were happy.");
    assert!(s[0].approximate);
    let s = stats("Up to 500 jobs will go.");
    assert_eq!(s[0].comparator.as_deref(), Some("up_to"));
    assert_eq!(s[0].measure.as_ref().map(|m| m.text.as_str()), Some("jobs"));
    let s = stats("At least 30 firms left.");
    assert_eq!(s[0].comparator.as_deref(), Some("at_least"));
    let s = stats("Fewer than 10 staff remain.");
    assert_eq!(s[0].comparator.as_deref(), Some("less_than"));
    let s = stats("It paid a dividend of 12p a share.");
    assert_eq!(s[0].per.as_deref(), Some("share"));
    let s = stats("It receives 3,000 visitors each day.");
    assert_eq!(
        s[0].measure.as_ref().map(|m| m.text.as_str()),
        Some("visitors each day")
    );
    // a results table: the measure is the label, never "vs" or a unit
    let s = stats("Net 2,317,000 vs 5,847,000\n    Sales 360.0 mln vs 282.4 mln");
    let measure = |t: &str| {
        let st = s.iter().find(|s| s.text == t).expect(t);
        st.measure.as_ref().map(|m| m.text.as_str())
    };
    assert_eq!(measure("2,317,000"), Some("Net"));
    assert_eq!(measure("360.0 mln"), Some("Sales"));
    assert!(s
        .iter()
        .filter_map(|s| s.measure.as_ref())
        .all(|m| !m.text.contains("vs") && !m.text.contains("mln")));
    // the words of the figure before are not part of the measure
    let s = stats("A net loss of 5.3 mln dlrs on revenues of 77.6 mln dlrs.");
    assert_eq!(
        s[1].measure.as_ref().map(|m| m.text.as_str()),
        Some("revenues")
    );
    let s = stats("A net loss of 5.3 million dollars on revenues of 77.6 million dollars.");
    assert_eq!(
        s[1].measure.as_ref().map(|m| m.text.as_str()),
        Some("revenues")
    );
    // a time adverb after the number is not what it measures
    let s = stats("Reserves reached 6.1 billion marks yesterday.");
    assert_eq!(
        s[0].measure.as_ref().map(|m| m.text.as_str()),
        Some("Reserves")
    );
    let s = stats("The service costs £4.50 for an hour's session.");
    assert_eq!(
        s[0].measure.as_ref().map(|m| m.text.as_str()),
        Some("an hour's session")
    );
}

#[test]
fn serializes_with_fields() {
    let s = stats("Profits rose 5% to £1.2bn.");
    let v = serde_json::to_value(&s[1]).unwrap();
    assert_eq!(v["kind"], "money");
    assert_eq!(v["unit"], "GBP");
    assert_eq!(v["value"], 1.2e9);
    assert_eq!(v["text"], "£1.2bn");
    assert!(v.get("measure").is_some());
    assert!(v.get("rule").is_some());
}

/// (text, statistic as written, its measure); `None`: no measure.
type MeasureCase = (&'static str, &'static str, Option<&'static str>);

/// Measures: what an amount is "of", line wraps inside a phrase, comparisons, exchange rates,
/// and the words that end a measure (times, verbs, "in the" after a clause).
const MEASURES: &[MeasureCase] = &[
    // "N units of X", "N dlrs of X", in any case
    (
        "The mine holds the equivalent of 80 tonnes of silver.",
        "80 tonnes",
        Some("silver"),
    ),
    (
        "The bank sold 40 mln dlrs of notes last week.",
        "40 mln dlrs",
        Some("notes"),
    ),
    (
        "FIRM BUYS 60,000 TONNES OF WHEAT",
        "60,000 TONNES",
        Some("WHEAT"),
    ),
    // a line wrapped in a sentence is no end of the measure; a paragraph break is
    (
        "Operating profit at the group's Texas\nunit fell 3.2 pct.",
        "3.2 pct",
        Some("Operating profit at the group's Texas\nunit"),
    ),
    ("Profit fell.\n\nSales rose 4 pct.", "4 pct", Some("Sales")),
    // a figure compared with the one before is a figure of the same thing
    ("Shr 41 cts vs 37 cts", "37 cts", Some("Shr")),
    (
        "Revenue was $12.1bn in May, down from $12.4bn a year before.",
        "$12.4bn",
        Some("Revenue"),
    ),
    ("Revenue was $12.1bn. From $4bn, it grew.", "$4bn", None),
    (
        "The dollar fell to 1.80 marks from 1.82.",
        "1.82",
        Some("dollar"),
    ),
    // period adjectives in -ly start a measure; a time after the noun is not part of it
    (
        "The pass costs £30 for a weekly ticket.",
        "£30",
        Some("a weekly ticket"),
    ),
    ("Acme will cut 4,000 jobs next year.", "4,000", Some("jobs")),
    (
        "Nestle earned 2.1 billion Swiss francs last year.",
        "2.1 billion Swiss francs",
        Some("Nestle"),
    ),
    // "between" is no part of the measure before a range
    (
        "The margin of error is between 3 and 5 points.",
        "3",
        Some("margin of error"),
    ),
    (
        "It handles between two and three million calls from customers each year.",
        "two",
        Some("calls from customers each year"),
    ),
    // exchange rates: a currency against another
    (
        "By noon the dollar was trading against the yen at 140.5 yen.",
        "140.5 yen",
        Some("dollar was trading against the yen"),
    ),
    (
        "The pound has fallen by 20% against the dollar this year.",
        "20%",
        Some("pound has fallen by 20% against the dollar"),
    ),
    (
        "Against the euro, the pound was down 0.4% at 1.15 euros.",
        "0.4%",
        Some("Against the euro, the pound"),
    ),
    (
        "Exports rose 5% against a weak base.",
        "5%",
        Some("Exports"),
    ),
    // a name after "in", not a month
    (
        "It bought a 30% stake in Widget Corp.",
        "30%",
        Some("stake in Widget Corp"),
    ),
    (
        "The plant employs 2,000 people in Ohio.",
        "2,000",
        Some("people in Ohio"),
    ),
    ("Output rose 5% in June.", "5%", Some("Output")),
    // "of the", "at the" join a noun phrase read backwards; "in the" does not
    (
        "Sales at the group's paper unit rose 5% to $3bn.",
        "5%",
        Some("Sales at the group's paper unit"),
    ),
    (
        "It agreed to a buyout by Acme in the deal valued at $6bn.",
        "$6bn",
        Some("deal"),
    ),
    // a verb right before the amount is not the measure; a participle naming it is
    (
        "The firm earned 25 mln dlrs on sales of 200 mln dlrs.",
        "25 mln dlrs",
        Some("firm"),
    ),
    (
        "Shr diluted 88 cts vs 75 cts",
        "88 cts",
        Some("Shr diluted"),
    ),
    // a verb (or a modal, or "steady", "off") between the subject and the amount is not the
    // measure, whatever its form
    ("Its shares sank 7% on Monday.", "7%", Some("shares")),
    ("The agency spent $5m on adverts.", "$5m", Some("agency")),
    (
        "The fund manages $30bn, its owner said.",
        "$30bn",
        Some("fund"),
    ),
    ("The reform would save $4bn a year.", "$4bn", Some("reform")),
    ("The shop made $3m last year.", "$3m", Some("shop")),
    (
        "Unemployment held steady at 5.2 percent in May.",
        "5.2 percent",
        Some("Unemployment"),
    ),
    (
        "Its car sales were off 8 pct in the month.",
        "8 pct",
        Some("car sales"),
    ),
    ("Ad spend rose 5% in the year.", "5%", Some("Ad spend")),
    // a comparative after the figure is not what it measures
    (
        "Fares at the airline were 4% higher.",
        "4%",
        Some("Fares at the airline"),
    ),
    // a date before the verb is not the measure
    (
        "Orders in the weeks ended March 28 were off 12 pct.",
        "12 pct",
        None,
    ),
    // "at" and a lower-case noun after the noun that opens the phrase
    (
        "Wages at banks rose by 6% last year.",
        "6%",
        Some("Wages at banks"),
    ),
    (
        "Last year, output at factories grew 2.1%.",
        "2.1%",
        Some("output at factories"),
    ),
    (
        "The chip, which runs at speeds of up to 3.2GHz, sells well.",
        "3.2GHz",
        Some("speeds"),
    ),
    // a short line of its own (a list, a table row) is no wrap: its figure takes no measure
    // from the next line
    (
        "Results:\nShares fell 5%\nNew orders rose 3%",
        "5%",
        Some("Shares"),
    ),
    (
        "Results:\nTotal sales were 4,500\nOrders 3,200",
        "4,500",
        Some("Total sales"),
    ),
    // a short first line of a paragraph (a wire's dateline taken off) still wraps
    (
        "Report.\n\nBalances at the Federal\nReserve rose to 4.1 billion dlrs.",
        "4.1 billion dlrs",
        Some("Balances at the Federal\nReserve"),
    ),
];

#[test]
fn measures() {
    for &(text, stat, want) in MEASURES {
        let s = stats(text);
        let got = s.iter().find(|s| s.text == stat);
        let got = got.unwrap_or_else(|| panic!("no {stat:?} in {text:?}: {s:?}"));
        assert_eq!(
            got.measure.as_ref().map(|m| m.text.as_str()),
            want,
            "measure of {stat:?} in {text:?}"
        );
    }
}

/// Statistics found across line wraps and after "vs" and "over", and currency forms written
/// in upper case or with a place ("H.K. Dlr"): (text, expected (value, kind, unit)).
const WRAPS_AND_FORMS: &[Case] = &[
    // a name running across a line wrap is still a name
    ("The firm joined the\nFortune 500 list this year.", &[]),
    ("The firm joined the Fortune\n500 list this year.", &[]),
    (
        "Output fell 2 pct in the quarter ended March\n31, the company said.",
        &[(2.0, "percent", "%")],
    ),
    // a unit wrapped in the middle
    (
        "Yields rose 10 basis\npoints on Monday.",
        &[(10.0, "percent", "basis points")],
    ),
    // "vs" after a figure compares; "VS" before one names a model
    (
        "Net 41,000 vs 38,000",
        &[(41000.0, "count", ""), (38000.0, "count", "")],
    ),
    ("Wang unveiled the VS 5 system.", &[]),
    // "over" an amount compares; "over" an age is an age group
    (
        "The firm has over 18,000 stores.",
        &[(18000.0, "count", "")],
    ),
    ("The club is for people over 65.", &[]),
    // currency forms in upper case and with a place
    ("PROFIT RISES TO 5 BLN WON", &[(5e9, "money", "KRW")]),
    (
        "It issued a 50 mln H.K. Dlr bond.",
        &[(5e7, "money", "HKD")],
    ),
    (
        "COPPER PRICE CUT 0.50 CT TO 70 CTS",
        &[(0.5, "money", "USX"), (70.0, "money", "USX")],
    ),
    (
        "Sales 2.6 BIL vs 2.5 BIL",
        &[(2.6e9, "count", ""), (2.5e9, "count", "")],
    ),
    ("It sold 120 mln ECU of bonds.", &[(1.2e8, "money", "XEU")]),
    // a part of an amount takes its currency, when both have a multiplier
    (
        "It has raised 300 million of the 2 billion shekels it needs.",
        &[(3e8, "money", "ILS"), (2e9, "money", "ILS")],
    ),
    (
        "It has raised 300 of the 2 billion shekels it needs.",
        &[(300.0, "count", ""), (2e9, "money", "ILS")],
    ),
];

#[test]
fn wraps_and_forms() {
    for &(text, want) in WRAPS_AND_FORMS {
        let s = stats(text);
        let got: Vec<(f64, &str, &str)> = s
            .iter()
            .map(|s| (s.value, s.kind.as_str(), s.unit.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(got.len(), want.len(), "{text:?}: {got:?}");
        for (g, w) in got.iter().zip(want.iter()) {
            assert!(
                close(g.0, w.0) && g.1 == w.1 && g.2 == w.2,
                "{text:?}: got {g:?}, want {w:?}"
            );
        }
    }
}

/// A multiplied value is the decimal it stands for, exactly, not the binary product
/// (`4.1 * 1e9` is 4099999999.9999995); the JSON output shows it as written.
#[test]
fn multiplied_values_are_exact_decimals() {
    let cases: &[(&str, f64)] = &[
        ("Turnover reached 4.1 billion dollars.", 4_100_000_000.0),
        ("It raised $0.3m from investors.", 300_000.0),
        ("The fund holds 12.35 million shares.", 12_350_000.0),
        ("Debt rose to 1.1 trillion yen.", 1_100_000_000_000.0),
        ("The deal is worth $2.675bn.", 2_675_000_000.0),
        ("Sales hit 0.07 million units.", 70_000.0),
        ("A bill of 3.3 billion euros passed.", 3_300_000_000.0),
    ];
    for &(text, want) in cases {
        let got = stats(text);
        assert_eq!(got.len(), 1, "{text:?}: {got:?}");
        assert_eq!(
            got[0].value.to_bits(),
            want.to_bits(),
            "{text:?}: {}",
            got[0].value
        );
        let json = serde_json::to_string(&got[0]).expect("serializes");
        assert!(
            json.contains(&format!("\"value\":{want:?}"))
                || json.contains(&format!("\"value\":{want}")),
            "{text:?}: {json}"
        );
    }
}
