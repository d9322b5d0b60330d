//! Support lists for the entity rules: given names, pinyin, titles, organization suffixes
//! and capitalized words that are not names. Built in from `lexicons/support/`.

use rustc_hash::{FxHashMap, FxHashSet as HashSet};

/// Flags of a word in the support lists (see [`Support::flags`]).
pub const GIVEN: u16 = 1;
/// A romanized East Asian surname.
pub const SURNAME: u16 = 2;
/// A title or role word.
pub const TITLE: u16 = 4;
/// A word that ends an organization's name.
pub const SUFFIX: u16 = 8;
/// A capitalized word that is not a name.
pub const NON_NAME: u16 = 16;
/// A reporting verb next to which a capitalized name is a person.
pub const CUE: u16 = 32;
/// A word that heads an organization's name before "of".
pub const ORG_HEAD: u16 = 64;
/// A lower-case connector inside names ("of", "and", "&").
pub const CONNECTOR: u16 = 128;
/// A word that introduces a name after it ("surnamed Jin", "named Li").
pub const NAMING: u16 = 256;
/// Every flag [`Support::flags`] can return: callers may use the bits above for their own.
pub const ALL_FLAGS: u16 = 511;

/// Words that introduce a name after them.
pub const NAMING_WORDS: &[&str] = &["surnamed", "surname", "named"];

/// Reporting verbs next to which a capitalized name is a person.
pub const CUES: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "explained",
    "noted",
    "stressed",
    "warned",
    "argued",
    "insisted",
    "admitted",
    "confirmed",
    "recalled",
    "continued",
    "observed",
    "wrote",
];

/// Words that head an organization's name before "of" ("Ministry of Commerce").
pub const ORG_HEADS: &[&str] = &[
    "University",
    "Ministry",
    "Department",
    "Bank",
    "Institute",
    "Academy",
    "Bureau",
    "Office",
    "Commission",
    "Council",
    "Federation",
    "Association",
    "Society",
    "School",
    "College",
    "Centre",
    "Center",
    "Agency",
    "Administration",
    "Chamber",
    "Court",
    "Board",
    "Organization",
    "Organisation",
    "Union",
    "League",
    "Committee",
    "Authority",
    "Fund",
    "Foundation",
    "Party",
    "Embassy",
    "Confederation",
    "Corporation",
    "Conference",
    "Congress",
    "Forum",
    "Exchange",
];

/// Connectors allowed inside a name, between capitalized words.
pub const CONNECTORS: &[&str] = &[
    "of", "and", "&", "for", "de", "du", "des", "la", "von", "van",
];

/// The support lists, lower-cased where matching is case-insensitive.
#[derive(Debug, Clone)]
pub struct Support {
    /// Western given names (as written: "Anna").
    pub given_names: HashSet<String>,
    /// Chinese (and other East Asian) surnames as romanized ("Wang", "Chan", "Kim").
    pub surnames: HashSet<String>,
    /// Pinyin syllables, lower case.
    pub syllables: HashSet<String>,
    /// Title and role words in lower case, capitalized and upper case ("chairman",
    /// "Chairman", "CHAIRMAN").
    pub titles: HashSet<String>,
    /// Words that end an organization's name, as written ("Co", "Corp", "University").
    pub org_suffixes: HashSet<String>,
    /// Capitalized words that are not names ("The", "However", "Chinese"), as written.
    pub non_names: HashSet<String>,
    /// Words of `non_names` and `titles` that may still begin an organization's name
    /// ("American Stock Exchange", "General Motors Corp"): those after the `# @org-openers`
    /// line of each file, as written.
    pub org_openers: HashSet<String>,
    /// Particles inside a person's name ("van", "de", "bin"), lower case and capitalized.
    pub particles: HashSet<String>,
    /// Particles that open a hyphenated part of a name in lower case ("al-Assad"), lower case.
    pub hyphen_particles: HashSet<String>,
    /// Every word of every list, with its flags: one look-up per token.
    word_flags: WordTable,
    /// A quick "certainly not on any list" test before the lookup: one bit for each
    /// (length, first byte, last byte) that some listed word has.
    maybe: Box<[u64; 1 << 10]>,
}

/// A word of up to [`WordTable::SHORT`] bytes as two numbers and its length, which together
/// tell it from every other word: for 8 bytes or more its first and last eight, for 4 to 7
/// its first and last four, for 1 to 3 its first, middle and last byte (the pieces overlap
/// and cover the word). Loads no byte twice over and takes no loop.
#[inline]
fn short_key(b: &[u8]) -> [u64; 2] {
    let n = b.len();
    if n >= 8 {
        let (head, tail) = (b.first_chunk::<8>(), b.last_chunk::<8>());
        [
            head.map_or(0, |h| u64::from_le_bytes(*h)),
            tail.map_or(0, |t| u64::from_le_bytes(*t)),
        ]
    } else if n >= 4 {
        let (head, tail) = (b.first_chunk::<4>(), b.last_chunk::<4>());
        let head = head.map_or(0, |h| u32::from_le_bytes(*h));
        let tail = tail.map_or(0, |t| u32::from_le_bytes(*t));
        [u64::from(head) | u64::from(tail) << 32, 0]
    } else if n > 0 {
        [
            u64::from(b[0]) | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16,
            0,
        ]
    } else {
        [0, 0]
    }
}

/// An exact map from words to flags: words of up to [`WordTable::SHORT`] bytes in an open
/// addressing table keyed by [`short_key`] (no hashing of the bytes one by one, no comparing
/// of strings), longer words in a hash map.
#[derive(Debug, Clone)]
struct WordTable {
    /// A tag for each slot: 0 when it is empty, else a few bits of its word's hash. Most words
    /// are on no list, and a probe of the tags (32 KB) alone turns them away without loading
    /// a slot (the slots take 390 KB, far more of the processor's caches).
    tags: Box<[u16; WordTable::SLOTS]>,
    slots: Box<[Slot; WordTable::SLOTS]>,
    /// Words longer than [`WordTable::SHORT`] bytes.
    long: FxHashMap<Box<[u8]>, u16>,
}

/// A short word's key and length (0 for an empty slot) and its flags.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    key: [u64; 2],
    len: u16,
    flags: u16,
}

impl WordTable {
    const SHORT: usize = 16;
    const BITS: u32 = 14;
    const SLOTS: usize = 1 << Self::BITS;

    /// The first slot to try for a word, and its tag (never 0).
    #[inline]
    fn slot(key: [u64; 2], len: usize) -> (usize, u16) {
        let h = (key[0] ^ key[1].rotate_left(29) ^ (len as u64) << 58)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15);
        ((h >> (64 - Self::BITS)) as usize, h as u16 | 1)
    }

    fn new(words: FxHashMap<String, u16>) -> WordTable {
        let slots: Box<[Slot]> = vec![Slot::default(); Self::SLOTS].into_boxed_slice();
        let tags: Box<[u16]> = vec![0; Self::SLOTS].into_boxed_slice();
        let mut t = WordTable {
            tags: tags.try_into().expect("the table has SLOTS tags"),
            slots: slots.try_into().expect("the table has SLOTS slots"),
            long: FxHashMap::default(),
        };
        // (the order of insertion changes where words sit, never what a look-up answers)
        let mut short = 0;
        for (w, f) in words {
            let b = w.as_bytes();
            if b.len() > Self::SHORT {
                t.long.insert(b.into(), f);
                continue;
            }
            let key = short_key(b);
            let (mut i, tag) = Self::slot(key, b.len());
            while t.tags[i] != 0 {
                i = (i + 1) % Self::SLOTS;
            }
            t.tags[i] = tag;
            t.slots[i] = Slot {
                key,
                len: b.len() as u16, // at most SHORT
                flags: f,
            };
            short += 1;
        }
        assert!(short * 2 <= Self::SLOTS, "support table too full");
        t
    }

    #[inline]
    fn get(&self, b: &[u8]) -> u16 {
        if b.len() > Self::SHORT || b.is_empty() {
            return self.get_long(b);
        }
        let key = short_key(b);
        let (mut i, tag) = Self::slot(key, b.len());
        loop {
            let t = self.tags[i % Self::SLOTS];
            if t == 0 {
                return 0;
            }
            if t == tag {
                let s = &self.slots[i % Self::SLOTS];
                if usize::from(s.len) == b.len() && s.key == key {
                    return s.flags;
                }
            }
            i += 1;
        }
    }

    #[cold]
    #[inline(never)]
    fn get_long(&self, b: &[u8]) -> u16 {
        self.long.get(b).copied().unwrap_or(0)
    }
}

const NON_NAMES: &str = include_str!("../lexicons/support/non_names.txt");
const TITLES: &str = include_str!("../lexicons/support/titles.txt");
const PARTICLES: &str = include_str!("../lexicons/support/name_particles.txt");
/// The line of `name_particles.txt` after which particles may also open a hyphenated part.
const HYPHENATED: &str = "\n# @hyphenated\n";
/// The line of `non_names.txt` and `titles.txt` after which their words may begin an
/// organization's name.
const ORG_OPENERS: &str = "\n# @org-openers\n";

fn items(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Support {
    /// The built-in support lists.
    pub fn builtin() -> Support {
        let mut titles: HashSet<String> = HashSet::default();
        let mut phrases = Vec::new();
        for t in items(TITLES) {
            let t = t.trim_end_matches('.').to_lowercase();
            if t.contains(' ') {
                phrases.push(t);
            } else {
                titles.insert(t);
            }
        }
        // Words of multi-word titles count when they are titles themselves, or modifiers
        // of one ("Vice Premier", "Chief Executive Officer"); not "Foreign" or "Commerce".
        const MODIFIERS: &[&str] = &[
            "vice",
            "deputy",
            "chief",
            "executive",
            "senior",
            "assistant",
            "acting",
            "managing",
            "general",
            "prime",
            "officer",
            "co",
            "lieutenant",
            "associate",
            "principal",
        ];
        for p in phrases {
            for w in p.split([' ', '-']) {
                if MODIFIERS.contains(&w) {
                    titles.insert(w.to_string());
                }
            }
        }
        let titles: HashSet<String> = titles
            .into_iter()
            .flat_map(|t| {
                let mut first = t.clone();
                if let Some(f) = first.get_mut(..1) {
                    f.make_ascii_uppercase();
                }
                // "Vice-President" as well as "Vice-president"
                let mut each = String::with_capacity(t.len());
                let mut up = true;
                for c in t.chars() {
                    each.push(if up { c.to_ascii_uppercase() } else { c });
                    up = c == '-' || c == ' ';
                }
                [t.to_uppercase(), first, each, t]
            })
            .collect();
        let mut sup = Support {
            word_flags: WordTable::new(FxHashMap::default()),
            maybe: Box::new([0; 1 << 10]),
            given_names: items(include_str!("../lexicons/support/given_names.txt"))
                .map(String::from)
                .collect(),
            surnames: items(include_str!("../lexicons/support/pinyin_surnames.txt"))
                .map(String::from)
                .collect(),
            syllables: items(include_str!("../lexicons/support/pinyin_syllables.txt"))
                .map(str::to_lowercase)
                .collect(),
            titles,
            org_suffixes: items(include_str!("../lexicons/support/org_suffixes.txt"))
                .filter(|s| !s.contains(' '))
                .map(|s| s.trim_end_matches('.').to_string())
                .collect(),
            non_names: items(NON_NAMES).map(String::from).collect(),
            particles: items(
                PARTICLES
                    .split_once(HYPHENATED)
                    .map_or(PARTICLES, |(own, _)| own),
            )
            .flat_map(|p| {
                let mut up = p.to_string();
                if let Some(f) = up.get_mut(..1) {
                    f.make_ascii_uppercase();
                }
                [p.to_string(), up]
            })
            .collect(),
            hyphen_particles: items(
                PARTICLES
                    .split_once(HYPHENATED)
                    .map_or("", |(_, rest)| rest),
            )
            .map(String::from)
            .collect(),
            org_openers: [NON_NAMES, TITLES]
                .into_iter()
                .flat_map(|list| items(list.split_once(ORG_OPENERS).map_or("", |(_, rest)| rest)))
                .map(String::from)
                .collect(),
        };
        let mut flags: FxHashMap<String, u16> = FxHashMap::default();
        let lists: [(&HashSet<String>, u16); 5] = [
            (&sup.given_names, GIVEN),
            (&sup.surnames, SURNAME),
            (&sup.titles, TITLE),
            (&sup.org_suffixes, SUFFIX),
            (&sup.non_names, NON_NAME),
        ];
        for (set, flag) in lists {
            for w in set {
                *flags.entry(w.clone()).or_default() |= flag;
            }
        }
        for (words, flag) in [
            (CUES, CUE),
            (ORG_HEADS, ORG_HEAD),
            (CONNECTORS, CONNECTOR),
            (NAMING_WORDS, NAMING),
        ] {
            for w in words {
                *flags.entry(w.to_string()).or_default() |= flag;
            }
        }
        for w in flags.keys() {
            let h = Support::shape_hash(w.as_bytes());
            sup.maybe[h >> 6] |= 1 << (h & 63);
        }
        sup.word_flags = WordTable::new(flags);
        sup
    }

    /// The flags of a word (its bytes) as written ([`GIVEN`], [`TITLE`], ...); 0 when it is
    /// on no list.
    // The test of `maybe` is inlined in the callers (a call per word of every text) and turns
    // most words away; the look-up of those it lets through stays out of line.
    #[inline(always)]
    pub fn flags(&self, word: &[u8]) -> u16 {
        let h = Support::shape_hash(word);
        if self.maybe[h >> 6] & (1 << (h & 63)) == 0 {
            return 0;
        }
        self.listed_flags(word)
    }

    #[inline(never)]
    fn listed_flags(&self, word: &[u8]) -> u16 {
        self.word_flags.get(word)
    }

    #[inline]
    fn shape_hash(b: &[u8]) -> usize {
        let (first, last) = (
            *b.first().unwrap_or(&0) as usize,
            *b.last().unwrap_or(&0) as usize,
        );
        ((b.len().min(15) << 12) | ((first & 63) << 6) | (last & 63)) & 0xFFFF
    }

    /// Whether `word` is a particle inside a person's name ("van", "De", "bin").
    pub fn is_particle(&self, word: &str) -> bool {
        word.len() <= 5 && self.particles.contains(word)
    }

    /// Whether `word` is a lower-case particle joined by a hyphen to a capitalized part of a
    /// name ("al-Assad", "el-Sisi"): a part of a person's name.
    pub fn is_hyphen_particle_name(&self, word: &str) -> bool {
        // the particle has at most three bytes, so the first hyphen is among the first four
        if !word.as_bytes().iter().take(4).any(|&b| b == b'-') {
            return false;
        }
        word.split_once('-').is_some_and(|(p, rest)| {
            p.len() <= 3
                && self.hyphen_particles.contains(p)
                && rest.len() > 1
                && rest.chars().next().is_some_and(char::is_uppercase)
                && !rest.contains('-')
        })
    }

    /// Whether `word` can be split into one to three pinyin syllables ("Yixuan", "Xubo",
    /// "Jun"), or two hyphenated ones ("Xiao-ming").
    pub fn is_pinyin_given(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        if !lower.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') || lower.len() > 12 {
            return false;
        }
        if let Some((a, b)) = lower.split_once('-') {
            return self.syllables.contains(a) && self.syllables.contains(b);
        }
        self.split_syllables(&lower, 3)
    }

    fn split_syllables(&self, s: &str, max: usize) -> bool {
        if s.is_empty() {
            return true;
        }
        if max == 0 {
            return false;
        }
        // Longest syllable first: pinyin syllables are at most 6 letters.
        (1..=s.len().min(6))
            .rev()
            .any(|n| self.syllables.contains(&s[..n]) && self.split_syllables(&s[n..], max - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words after each list's `# @org-openers` line, and only those, may begin an
    /// organization's name; each is still on its own list.
    #[test]
    fn org_openers_are_the_words_after_the_marker() {
        let sup = Support::builtin();
        for w in [
            "American",
            "Great",
            "Data",
            "Swiss",
            "General",
            "Executive",
            "Prime",
        ] {
            assert!(sup.org_openers.contains(w), "{w:?}");
            assert_ne!(sup.flags(w.as_bytes()) & (NON_NAME | TITLE), 0, "{w:?}");
        }
        for w in [
            "The", "But", "Monday", "Former", "Deputy", "Mr", "Chairman", "said",
        ] {
            assert!(!sup.org_openers.contains(w), "{w:?}");
        }
    }

    /// Particles join names in lower case and capitalized; those after the `# @hyphenated`
    /// line only open a hyphenated part ("al-Assad"), never alone ("as", "at").
    #[test]
    fn name_particles() {
        let sup = Support::builtin();
        let table: &[(&str, bool, bool)] = &[
            // (word, particle alone, hyphenated part of a name)
            ("van", true, false),
            ("Van", true, false),
            ("de", true, false),
            ("bin", true, false),
            ("al", false, false),
            ("as", false, false),
            ("at", false, false),
            ("the", false, false),
            ("Smith", false, false),
            ("al-Assad", false, true),
            ("el-Sisi", false, true),
            ("ul-Haq", false, true),
            ("al-", false, false),
            ("al-assad", false, false),
            ("self-made", false, false),
            ("as-Is", false, true),
            ("de-Gaulle", false, false),
            ("al-Abdulla-Sabah", false, false),
        ];
        for &(w, alone, hyphenated) in table {
            assert_eq!(sup.is_particle(w), alone, "{w:?} alone");
            assert_eq!(
                sup.is_hyphen_particle_name(w),
                hyphenated,
                "{w:?} hyphenated"
            );
        }
    }

    #[test]
    fn flags_of_listed_and_unlisted_words() {
        let sup = Support::builtin();
        let expect = |w: &str| {
            let mut f = 0;
            for (set, flag) in [
                (&sup.given_names, GIVEN),
                (&sup.surnames, SURNAME),
                (&sup.titles, TITLE),
                (&sup.org_suffixes, SUFFIX),
                (&sup.non_names, NON_NAME),
            ] {
                if set.contains(w) {
                    f |= flag;
                }
            }
            for (words, flag) in [
                (CUES, CUE),
                (ORG_HEADS, ORG_HEAD),
                (CONNECTORS, CONNECTOR),
                (NAMING_WORDS, NAMING),
            ] {
                if words.contains(&w) {
                    f |= flag;
                }
            }
            f
        };
        let listed: Vec<&String> = sup
            .given_names
            .iter()
            .chain(&sup.surnames)
            .chain(&sup.titles)
            .chain(&sup.org_suffixes)
            .chain(&sup.non_names)
            .collect();
        for &w in &listed {
            assert_eq!(sup.flags(w.as_bytes()), expect(w), "{w:?}");
            assert_ne!(sup.flags(w.as_bytes()), 0, "{w:?}");
        }
        for w in CUES
            .iter()
            .chain(ORG_HEADS)
            .chain(CONNECTORS)
            .chain(NAMING_WORDS)
        {
            assert_eq!(sup.flags(w.as_bytes()), expect(w), "{w:?}");
        }
        for w in [
            "",
            "x",
            "Huaweii",
            "saidx",
            "of the",
            "namedd",
            "Anna ",
            "Chairmanship",
            "Internationalisation",
            "Zzzzzzzzzzzzzzzzzzzzzz",
            "Über",
        ] {
            assert_eq!(sup.flags(w.as_bytes()), expect(w), "{w:?}");
        }
        // near misses of every listed word: one byte changed, dropped or added, at either end
        // and in the middle (words that share a length, a first or a last byte)
        for w in listed {
            let b = w.as_bytes();
            let mut near: Vec<Vec<u8>> = Vec::new();
            for i in [0, b.len() / 2, b.len() - 1] {
                let mut x = b.to_vec();
                x[i] ^= 0x20;
                near.push(x);
                let mut x = b.to_vec();
                x.remove(i);
                near.push(x);
                let mut x = b.to_vec();
                x.insert(i, b[i]);
                near.push(x);
            }
            near.push([b, b"x"].concat());
            near.push([b, b, b].concat());
            for x in near {
                if let Ok(x) = std::str::from_utf8(&x) {
                    assert_eq!(sup.flags(x.as_bytes()), expect(x), "{x:?}");
                }
            }
        }
        for n in 0..40 {
            for c in [b'a', b'A', b'.'] {
                let x = String::from_utf8(vec![c; n]).unwrap();
                assert_eq!(sup.flags(x.as_bytes()), expect(&x), "{x:?}");
            }
        }
        assert_eq!(sup.flags(b"surnamed"), NAMING);
        assert_ne!(sup.flags(b"said") & CUE, 0);
        assert_ne!(sup.flags(b"of") & CONNECTOR, 0);
        assert_eq!(sup.flags(b"Of") & CONNECTOR, 0);
    }
}
