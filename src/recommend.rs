//! The timing decision tree: from a few answers about an integration need to a
//! pattern and its timing, following the flowchart "real-time vs near-real-time vs
//! batch" of the pattern guide.
//!
//! ```text
//! immediate feedback? ── yes ─▶ responds within 10 s? ── yes ─▶ P1 request-reply, real-time
//!        │                              └─ no ─▶ user can wait for a callback?
//!        │                                          ├─ yes ─▶ P2 fire-and-forget + callback
//!        │                                          └─ no ──▶ P6 data virtualization
//!        └─ no ─▶ over 2,000 records per transaction? ── yes ─▶ P3 batch sync
//!                       └─ no ─▶ change-driven? ── yes ─▶ P5 event-driven (CDC, Platform Events)
//!                                     └─ no ──▶ P3 scheduled near-real-time or batch
//! ```
//!
//! [`recommend`] is pure: it takes what is known and returns either the
//! recommendation with the path of answers that led to it, or the next question to
//! ask. The CLI asks it interactively or fills it from flags.

use crate::pattern::{Pattern, Timing};

/// Records per transaction over which the tree sends a need to batch.
pub const BATCH_ABOVE: u64 = 2_000;
/// The longest a synchronous callout should make the user wait, in milliseconds.
pub const REAL_TIME_WITHIN_MS: u64 = 10_000;

/// What is known about the integration need; `None` means "not answered yet".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Answers {
    /// Does the user need immediate feedback?
    pub immediate_feedback: Option<bool>,
    /// How fast the external system answers, in milliseconds.
    pub respond_within_ms: Option<u64>,
    /// Can the user wait for a callback instead of an answer?
    pub can_wait_for_callback: Option<bool>,
    /// Records per transaction.
    pub volume: Option<u64>,
    /// Is the exchange triggered by data changing?
    pub change_driven: Option<bool>,
}

/// A question of the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    /// Does the user need immediate feedback?
    ImmediateFeedback,
    /// How fast does the external system respond?
    RespondWithin,
    /// Can the user wait for a callback?
    CanWaitForCallback,
    /// How many records per transaction?
    Volume,
    /// Is the exchange driven by data changes?
    ChangeDriven,
}

impl Question {
    /// The question as asked.
    pub fn text(self) -> &'static str {
        match self {
            Question::ImmediateFeedback => "does the user need immediate feedback?",
            Question::RespondWithin => {
                "how long does the external system take to respond (e.g. `3s`, `30s`)?"
            }
            Question::CanWaitForCallback => "can the user wait for a callback?",
            Question::Volume => "how many records move per transaction?",
            Question::ChangeDriven => "is the exchange driven by data changes?",
        }
    }

    /// The command-line flag that answers it.
    pub fn flag(self) -> &'static str {
        match self {
            Question::ImmediateFeedback => "--immediate-feedback[=true|false]",
            Question::RespondWithin => "--respond-within DURATION",
            Question::CanWaitForCallback => "--can-wait-for-callback[=true|false]",
            Question::Volume => "--volume N",
            Question::ChangeDriven => "--change-driven[=true|false]",
        }
    }
}

/// One answered step on the way to a leaf.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The question.
    pub question: Question,
    /// The answer as given, and what it meant for the tree (`8 s: yes, within 10 s`).
    pub answer: String,
}

/// Where the tree ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recommendation {
    /// The pattern to use.
    pub pattern: Pattern,
    /// The timing it gives.
    pub timing: Timing,
    /// The leaf of the flowchart, in words.
    pub leaf: &'static str,
    /// Why, and what to watch for.
    pub note: &'static str,
    /// The answers that led here, in order.
    pub path: Vec<Step>,
}

fn yes_no(b: bool) -> String {
    if b { "yes".into() } else { "no".into() }
}

/// Walks the tree as far as the answers go: the recommendation, or the next question
/// that needs an answer.
pub fn recommend(a: &Answers) -> Result<Recommendation, Question> {
    let mut path = Vec::new();
    let leaf = |pattern, timing, leaf, note, path| {
        Ok(Recommendation {
            pattern,
            timing,
            leaf,
            note,
            path,
        })
    };
    let immediate = a.immediate_feedback.ok_or(Question::ImmediateFeedback)?;
    path.push(Step {
        question: Question::ImmediateFeedback,
        answer: yes_no(immediate),
    });
    if immediate {
        let ms = a.respond_within_ms.ok_or(Question::RespondWithin)?;
        let fast = ms <= REAL_TIME_WITHIN_MS;
        path.push(Step {
            question: Question::RespondWithin,
            answer: format!(
                "{} ({} 10 s)",
                show_ms(ms),
                if fast { "within" } else { "over" }
            ),
        });
        if fast {
            return leaf(
                Pattern::RequestReply,
                Timing::RealTime,
                "real-time request-reply",
                "Salesforce calls out and waits; keep the callout under the 10 s default \
                 timeout and plan a fallback for when the other side is down.",
                path,
            );
        }
        let callback = a
            .can_wait_for_callback
            .ok_or(Question::CanWaitForCallback)?;
        path.push(Step {
            question: Question::CanWaitForCallback,
            answer: yes_no(callback),
        });
        if callback {
            return leaf(
                Pattern::FireAndForget,
                Timing::NearRealTime,
                "near-real-time fire-and-forget with a callback",
                "send the request without waiting and let the external system call back \
                 (remote call-in) with the result; make the receiver idempotent.",
                path,
            );
        }
        return leaf(
            Pattern::DataVirtualization,
            Timing::OnDemand,
            "consider data virtualization",
            "read the data live through Salesforce Connect instead of calling a slow \
             service; check that the data needs no triggers, approvals, standard reports \
             or offline access.",
            path,
        );
    }
    let volume = a.volume.ok_or(Question::Volume)?;
    let big = volume > BATCH_ABOVE;
    path.push(Step {
        question: Question::Volume,
        answer: format!("{volume} ({} 2,000)", if big { "over" } else { "not over" }),
    });
    if big {
        return leaf(
            Pattern::BatchSync,
            Timing::Batch,
            "batch data synchronization",
            "schedule Bulk API 2.0 jobs (through middleware past 50,000 records, \
             partitioned and off-peak past ten million) and handle partial failures.",
            path,
        );
    }
    let changes = a.change_driven.ok_or(Question::ChangeDriven)?;
    path.push(Step {
        question: Question::ChangeDriven,
        answer: yes_no(changes),
    });
    if changes {
        return leaf(
            Pattern::UiUpdate,
            Timing::NearRealTime,
            "near-real-time, event-driven (Change Data Capture or Platform Events)",
            "publish the changes and let subscribers react; they must store a replay \
             position and resume within the retention window. When one system must act \
             on each event, the same events make a fire-and-forget (P2).",
            path,
        );
    }
    leaf(
        Pattern::BatchSync,
        Timing::Batch,
        "scheduled near-real-time or batch",
        "nothing pushes the data, so move it on a schedule: frequent small runs for \
         near-real-time, nightly runs when hours of staleness are acceptable.",
        path,
    )
}

/// Parses a duration (`1500ms`, `10s`, `2m`, `1h`) into milliseconds.
pub fn parse_duration(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let factor = match unit.trim() {
        "ms" => 1,
        "s" => 1_000,
        "m" | "min" => 60_000,
        "h" => 3_600_000,
        "" => return Err(format!("`{s}` has no unit; write e.g. `{s}s` or `{s}ms`")),
        other => return Err(format!("unknown unit `{other}`; use ms, s, m or h")),
    };
    num.parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(factor))
        .ok_or_else(|| format!("`{s}` is not a duration like `1500ms`, `10s` or `2m`"))
}

fn show_ms(ms: u64) -> String {
    if ms.is_multiple_of(1000) {
        format!("{} s", ms / 1000)
    } else {
        format!("{ms} ms")
    }
}

/// The recommendation as printed by `landscape patterns --recommend`.
pub fn render(r: &Recommendation) -> String {
    let mut out = format!(
        "recommended: {}: {} (`{}`), {}\n  {}\n  {}\n\nbecause:\n",
        r.pattern.code(),
        r.pattern.short_name(),
        r.pattern.as_str(),
        r.timing.as_str(),
        r.leaf,
        r.note
    );
    for s in &r.path {
        out.push_str(&format!("  {} {}\n", s.question.text(), s.answer));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(
        immediate: Option<bool>,
        within: Option<u64>,
        callback: Option<bool>,
        volume: Option<u64>,
        changes: Option<bool>,
    ) -> Answers {
        Answers {
            immediate_feedback: immediate,
            respond_within_ms: within,
            can_wait_for_callback: callback,
            volume,
            change_driven: changes,
        }
    }

    fn leaf(a: Answers) -> (Pattern, Timing, usize) {
        let r = recommend(&a).expect("a leaf");
        (r.pattern, r.timing, r.path.len())
    }

    #[test]
    fn every_leaf_of_the_flowchart() {
        use Pattern::*;
        use Timing::*;
        // D: immediate feedback, fast answer.
        assert_eq!(
            leaf(answers(Some(true), Some(10_000), None, None, None)),
            (RequestReply, RealTime, 2)
        );
        // F: immediate feedback, slow answer, callback acceptable.
        assert_eq!(
            leaf(answers(Some(true), Some(10_001), Some(true), None, None)),
            (FireAndForget, NearRealTime, 3)
        );
        // G: immediate feedback, slow answer, no callback.
        assert_eq!(
            leaf(answers(Some(true), Some(30_000), Some(false), None, None)),
            (DataVirtualization, OnDemand, 3)
        );
        // I: no feedback needed, high volume.
        assert_eq!(
            leaf(answers(Some(false), None, None, Some(2_001), None)),
            (BatchSync, Batch, 2)
        );
        // K: low volume, change-driven.
        assert_eq!(
            leaf(answers(Some(false), None, None, Some(2_000), Some(true))),
            (UiUpdate, NearRealTime, 3)
        );
        // L: low volume, not change-driven.
        assert_eq!(
            leaf(answers(Some(false), None, None, Some(10), Some(false))),
            (BatchSync, Batch, 3)
        );
    }

    #[test]
    fn missing_answers_become_the_next_question() {
        assert_eq!(
            recommend(&Answers::default()),
            Err(Question::ImmediateFeedback)
        );
        assert_eq!(
            recommend(&answers(Some(true), None, None, Some(5), Some(true))),
            Err(Question::RespondWithin)
        );
        assert_eq!(
            recommend(&answers(Some(true), Some(60_000), None, None, None)),
            Err(Question::CanWaitForCallback)
        );
        assert_eq!(
            recommend(&answers(Some(false), Some(1), None, None, None)),
            Err(Question::Volume)
        );
        assert_eq!(
            recommend(&answers(Some(false), None, None, Some(1), None)),
            Err(Question::ChangeDriven)
        );
    }

    #[test]
    fn the_path_is_printed() {
        let r = recommend(&answers(Some(true), Some(8_000), None, None, None)).expect("leaf");
        let text = render(&r);
        assert!(text.starts_with("recommended: P1: Request-Reply (`request-reply`), real-time"));
        assert!(text.contains("immediate feedback? yes"));
        assert!(text.contains("8 s (within 10 s)"));
    }

    #[test]
    fn durations_parse() {
        assert_eq!(parse_duration("10s"), Ok(10_000));
        assert_eq!(parse_duration("1500ms"), Ok(1_500));
        assert_eq!(parse_duration("2m"), Ok(120_000));
        assert!(parse_duration("10").is_err());
        assert!(parse_duration("ten s").is_err());
    }
}
