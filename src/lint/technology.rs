//! The one table of known technologies: how a technology is recognised in a
//! touchpoint's free-text `technology`, and which patterns it fits. It drives C114
//! and nothing else has its own list.
//!
//! Matching is case-insensitive, on whole words (a plural `s` is allowed), so `CDC`
//! does not match inside another word and `Platform Events` matches `platform event`.
//! A technology text may name several technologies (`Platform Events + MuleSoft`):
//! each one recognised must fit the pattern. Middleware and generic tools
//! (MuleSoft, Informatica, Named Credentials) fit several patterns, so naming them
//! next to the technology that carries the data never raises a finding.

use crate::pattern::Pattern;

/// One known technology.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Technology {
    /// The name used in messages.
    pub name: &'static str,
    /// Lowercase names it is recognised by, as whole words.
    pub names: &'static [&'static str],
    /// The patterns it can carry.
    pub fits: &'static [Pattern],
    /// What it is for, in a few words, for the message when it does not fit.
    pub purpose: &'static str,
}

use Pattern::{
    BatchSync as P3, DataVirtualization as P6, FireAndForget as P2, RemoteCallIn as P4,
    RequestReply as P1, UiUpdate as P5,
};

const fn tech(
    name: &'static str,
    names: &'static [&'static str],
    fits: &'static [Pattern],
    purpose: &'static str,
) -> Technology {
    Technology {
        name,
        names,
        fits,
        purpose,
    }
}

/// Every known technology. More specific names come before the general ones they
/// contain (`mulesoft batch` before `mulesoft`); a text position matched by one entry
/// is not matched again by a later one.
pub const TECHNOLOGIES: &[Technology] = &[
    tech(
        "Bulk API",
        &["bulk api", "bulk api 2.0", "bulk v2"],
        &[P3],
        "it runs asynchronous jobs over large record sets",
    ),
    tech(
        "Data Loader",
        &["data loader", "dataloader"],
        &[P3],
        "it loads and extracts files of records in bulk",
    ),
    tech(
        "MuleSoft Batch",
        &["mulesoft batch"],
        &[P3],
        "it processes records in scheduled batch jobs",
    ),
    tech(
        "Batch or Scheduled Apex",
        &["batch apex", "scheduled apex"],
        &[P3],
        "it processes records in scheduled background jobs",
    ),
    tech(
        "SFTP file transfer",
        &["sftp", "file drop", "flat file"],
        &[P3],
        "files are exchanged on a schedule",
    ),
    tech(
        "Composite API",
        &["composite api", "composite", "composite graph"],
        &[P4, P3],
        "it lets an outside system send several API requests into Salesforce in one call",
    ),
    tech(
        "Apex REST/SOAP services",
        &["apex rest", "apex soap", "apex web service"],
        &[P4],
        "they are custom endpoints outside systems call into",
    ),
    tech(
        "GraphQL API",
        &["graphql", "graphql api"],
        &[P1, P4],
        "it answers queries and mutations synchronously",
    ),
    tech(
        "REST API",
        &["rest api", "rest"],
        &[P1, P2, P3, P4, P6],
        "callers poll it; nothing is pushed to subscribers",
    ),
    tech(
        "SOAP API",
        &["soap api", "soap"],
        &[P1, P2, P3, P4, P6],
        "callers poll it; nothing is pushed to subscribers",
    ),
    tech(
        "callout",
        &["callout", "apex callout", "http callout"],
        &[P1, P2, P3, P6],
        "a callout is Salesforce calling another system, not another system calling in",
    ),
    tech(
        "External Services",
        &["external services"],
        &[P1, P2],
        "it generates callouts from Salesforce to an OpenAPI service",
    ),
    tech(
        "Named Credentials",
        &["named credential"],
        &[P1, P2, P3, P6],
        "they authenticate callouts that Salesforce makes",
    ),
    tech(
        "Queueable or future Apex",
        &["queueable", "queueable apex", "future method", "async apex"],
        &[P2, P3],
        "it runs work asynchronously, after the user's transaction",
    ),
    tech(
        "Outbound Messages",
        &["outbound message"],
        &[P2],
        "they are workflow-triggered SOAP notifications that Salesforce sends and retries without waiting for an answer",
    ),
    tech(
        "Platform Events",
        &["platform event", "high-volume platform event"],
        &[P2, P4, P5],
        "they are published and delivered asynchronously, at least once",
    ),
    tech(
        "Change Data Capture",
        &["change data capture", "cdc", "change event"],
        &[P2, P5],
        "it publishes record changes asynchronously, at least once",
    ),
    tech(
        "Pub/Sub API",
        &["pub/sub", "pub/sub api", "pubsub api", "pub sub api"],
        &[P2, P4, P5],
        "it streams events to and from subscribers asynchronously",
    ),
    tech(
        "Streaming API",
        &["streaming api", "pushtopic", "push topic", "cometd"],
        &[P2, P5],
        "it pushes events to subscribers asynchronously",
    ),
    tech(
        "Salesforce Connect",
        &["salesforce connect", "cross-org adapter"],
        &[P6],
        "it reads external data live through external objects instead of moving it",
    ),
    tech(
        "OData",
        &["odata"],
        &[P6],
        "it is the protocol Salesforce Connect reads external data with",
    ),
    tech(
        "External Objects",
        &["external object"],
        &[P6],
        "they show external data live without storing it",
    ),
    tech(
        "MuleSoft",
        &["mulesoft", "anypoint"],
        &[P1, P2, P3, P4, P5, P6],
        "it is middleware",
    ),
    tech(
        "Informatica",
        &["informatica", "iics", "idmc"],
        &[P1, P2, P3, P4, P5, P6],
        "it is middleware",
    ),
];

/// The technologies named in a `technology` text, in table order, each once.
pub fn recognise(text: &str) -> Vec<&'static Technology> {
    let lower = text.to_lowercase();
    let mut taken = vec![false; lower.len()];
    let mut found = Vec::new();
    for t in TECHNOLOGIES {
        let mut hit = false;
        // Longer names first, so `bulk api 2.0` claims its span before `bulk api`.
        let mut names: Vec<&str> = t.names.to_vec();
        names.sort_by_key(|n| std::cmp::Reverse(n.len()));
        for name in names {
            for (start, end) in word_matches(&lower, name) {
                if taken[start..end].iter().any(|&x| x) {
                    continue;
                }
                taken[start..end].iter_mut().for_each(|x| *x = true);
                hit = true;
            }
        }
        if hit {
            found.push(t);
        }
    }
    found
}

/// The known technologies in `text` that cannot carry `pattern`.
pub fn misfits(text: &str, pattern: Pattern) -> Vec<&'static Technology> {
    recognise(text)
        .into_iter()
        .filter(|t| !t.fits.contains(&pattern))
        .collect()
}

/// Byte ranges where `needle` occurs in `hay` as whole words, allowing one trailing
/// `s` (plural).
fn word_matches(hay: &str, needle: &str) -> Vec<(usize, usize)> {
    let is_word = |c: char| c.is_alphanumeric();
    let mut out = Vec::new();
    for (start, _) in hay.match_indices(needle) {
        let before = hay[..start].chars().next_back();
        if before.is_some_and(is_word) {
            continue;
        }
        let mut end = start + needle.len();
        if hay[end..].starts_with('s') && needle.chars().next_back().is_some_and(is_word) {
            end += 1;
        }
        let after = hay[end..].chars().next();
        if after.is_some_and(is_word) {
            continue;
        }
        out.push((start, end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<&'static str> {
        recognise(text).iter().map(|t| t.name).collect()
    }

    #[test]
    fn recognises_whole_words_case_insensitively() {
        assert_eq!(
            names("Platform Events + MuleSoft"),
            ["Platform Events", "MuleSoft"]
        );
        assert_eq!(
            names("CDC + Pub/Sub API"),
            ["Change Data Capture", "Pub/Sub API"]
        );
        assert_eq!(
            names("Bulk API 2.0 + Informatica"),
            ["Bulk API", "Informatica"]
        );
        assert_eq!(
            names("Salesforce Connect OData 4.0"),
            ["Salesforce Connect", "OData"]
        );
        assert_eq!(
            names("REST callout (Named Credentials)"),
            ["REST API", "callout", "Named Credentials"]
        );
        assert_eq!(names("ABCDC feed"), Vec::<&str>::new());
        assert_eq!(names("Outbound Message"), ["Outbound Messages"]);
        assert_eq!(
            names("MuleSoft Batch + B2C Commerce import"),
            ["MuleSoft Batch"]
        );
    }

    #[test]
    fn realistic_combinations_fit_their_pattern() {
        let fine = [
            ("Platform Events + MuleSoft", Pattern::FireAndForget),
            ("CDC + Pub/Sub API", Pattern::UiUpdate),
            ("Bulk API 2.0 + Informatica", Pattern::BatchSync),
            ("REST callout", Pattern::RequestReply),
            ("REST callout via MuleSoft", Pattern::RequestReply),
            ("REST API", Pattern::RemoteCallIn),
            ("Composite API", Pattern::RemoteCallIn),
            ("Salesforce Connect OData", Pattern::DataVirtualization),
            (
                "Salesforce Connect OData 4.0 (exposed by MuleSoft)",
                Pattern::DataVirtualization,
            ),
            ("Outbound Messages", Pattern::FireAndForget),
            (
                "Informatica IDMC + Bulk API 2.0 (parallel)",
                Pattern::BatchSync,
            ),
            ("Platform Events + Pub/Sub API", Pattern::UiUpdate),
            ("Queueable Apex with callout", Pattern::FireAndForget),
            ("SFTP + X12 834", Pattern::BatchSync),
            ("X12 278 to REST API", Pattern::RemoteCallIn),
        ];
        for (text, p) in fine {
            assert!(misfits(text, p).is_empty(), "{text} on {p:?}");
        }
    }

    #[test]
    fn contradictions_are_found() {
        let bad = [
            ("Bulk API 2.0", Pattern::RequestReply, "Bulk API"),
            ("Bulk API", Pattern::RemoteCallIn, "Bulk API"),
            (
                "Salesforce Connect",
                Pattern::BatchSync,
                "Salesforce Connect",
            ),
            ("OData", Pattern::RequestReply, "OData"),
            ("Outbound Messages", Pattern::UiUpdate, "Outbound Messages"),
            ("REST callout", Pattern::RemoteCallIn, "callout"),
            ("REST API polling", Pattern::UiUpdate, "REST API"),
            (
                "Platform Events",
                Pattern::DataVirtualization,
                "Platform Events",
            ),
        ];
        for (text, p, name) in bad {
            let m = misfits(text, p);
            assert_eq!(m.len(), 1, "{text} on {p:?}");
            assert_eq!(m[0].name, name);
        }
    }

    #[test]
    fn every_pattern_has_a_technology_that_fits() {
        for p in Pattern::ALL {
            assert!(TECHNOLOGIES.iter().any(|t| t.fits.contains(&p)));
        }
    }
}
