//! The six Salesforce integration patterns and the timing vocabulary: the domain facts
//! every later stage (rules, labels, legend, tables) reads from one place.

use serde::Serialize;

/// How quickly data moves across a touchpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Timing {
    /// Under about two seconds, one record at a time; the caller waits.
    RealTime,
    /// Seconds to minutes, decoupled through events or queues.
    NearRealTime,
    /// Scheduled runs over large volumes; minutes to hours.
    Batch,
    /// Fetched when a user looks at it; nothing is stored.
    OnDemand,
}

impl Timing {
    /// Every timing with its file spelling, in documentation order.
    pub const ALL: [(&'static str, Timing); 4] = [
        ("real-time", Timing::RealTime),
        ("near-real-time", Timing::NearRealTime),
        ("batch", Timing::Batch),
        ("on-demand", Timing::OnDemand),
    ];

    /// The spelling used in files and outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Timing::RealTime => "real-time",
            Timing::NearRealTime => "near-real-time",
            Timing::Batch => "batch",
            Timing::OnDemand => "on-demand",
        }
    }

    /// Human wording for tables and legends.
    pub fn title(self) -> &'static str {
        match self {
            Timing::RealTime => "Real-time",
            Timing::NearRealTime => "Near-real-time",
            Timing::Batch => "Batch",
            Timing::OnDemand => "On-demand",
        }
    }
}

/// One of the six canonical integration patterns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Pattern {
    /// P1: Salesforce calls out and blocks until the answer arrives.
    RequestReply,
    /// P2: Salesforce hands a message over and carries on.
    FireAndForget,
    /// P3: scheduled bulk movement of records, either way.
    BatchSync,
    /// P4: an outside system calls into Salesforce's APIs.
    RemoteCallIn,
    /// P5: subscribers are pushed Salesforce data changes.
    UiUpdate,
    /// P6: external data is read live through external objects, never copied.
    DataVirtualization,
}

impl Pattern {
    /// All six, in pattern-number order.
    pub const ALL: [Pattern; 6] = [
        Pattern::RequestReply,
        Pattern::FireAndForget,
        Pattern::BatchSync,
        Pattern::RemoteCallIn,
        Pattern::UiUpdate,
        Pattern::DataVirtualization,
    ];

    /// The pattern number, 1–6.
    pub fn number(self) -> u8 {
        match self {
            Pattern::RequestReply => 1,
            Pattern::FireAndForget => 2,
            Pattern::BatchSync => 3,
            Pattern::RemoteCallIn => 4,
            Pattern::UiUpdate => 5,
            Pattern::DataVirtualization => 6,
        }
    }

    /// The value written in files (`request-reply`).
    pub fn as_str(self) -> &'static str {
        match self {
            Pattern::RequestReply => "request-reply",
            Pattern::FireAndForget => "fire-and-forget",
            Pattern::BatchSync => "batch-sync",
            Pattern::RemoteCallIn => "remote-call-in",
            Pattern::UiUpdate => "ui-update",
            Pattern::DataVirtualization => "data-virtualization",
        }
    }

    /// The short name used in arrow labels and legends.
    pub fn short_name(self) -> &'static str {
        match self {
            Pattern::RequestReply => "Request-Reply",
            Pattern::FireAndForget => "Fire-and-Forget",
            Pattern::BatchSync => "Batch Sync",
            Pattern::RemoteCallIn => "Remote Call-In",
            Pattern::UiUpdate => "UI Update",
            Pattern::DataVirtualization => "Virtualization",
        }
    }

    /// The full name of the pattern.
    pub fn full_name(self) -> &'static str {
        match self {
            Pattern::RequestReply => "Remote Process Invocation — Request-Reply",
            Pattern::FireAndForget => "Remote Process Invocation — Fire-and-Forget",
            Pattern::BatchSync => "Batch Data Synchronization",
            Pattern::RemoteCallIn => "Remote Call-In",
            Pattern::UiUpdate => "UI Update Based on Data Changes",
            Pattern::DataVirtualization => "Data Virtualization",
        }
    }

    /// The timing the pattern has unless a touchpoint says otherwise.
    pub fn canonical_timing(self) -> Timing {
        match self {
            Pattern::RequestReply | Pattern::RemoteCallIn => Timing::RealTime,
            Pattern::FireAndForget | Pattern::UiUpdate => Timing::NearRealTime,
            Pattern::BatchSync => Timing::Batch,
            Pattern::DataVirtualization => Timing::OnDemand,
        }
    }

    /// Who starts the exchange.
    pub fn initiator(self) -> &'static str {
        match self {
            Pattern::RequestReply | Pattern::FireAndForget | Pattern::DataVirtualization => {
                "Salesforce"
            }
            Pattern::BatchSync => "either side",
            Pattern::RemoteCallIn => "the external system",
            Pattern::UiUpdate => "a Salesforce data change, pushed to subscribers",
        }
    }

    /// Which way the data moves, seen from Salesforce.
    pub fn direction(self) -> &'static str {
        match self {
            Pattern::RequestReply | Pattern::FireAndForget => "Salesforce to external",
            Pattern::BatchSync => "either way",
            Pattern::RemoteCallIn => "external to Salesforce",
            Pattern::UiUpdate => "Salesforce changes out to subscribers",
            Pattern::DataVirtualization => "external data read from Salesforce, never copied",
        }
    }

    /// The technologies usually used to build it.
    pub fn technologies(self) -> &'static str {
        match self {
            Pattern::RequestReply => {
                "REST or SOAP callouts with Named Credentials, Flow HTTP callouts, External Services"
            }
            Pattern::FireAndForget => {
                "Platform Events, Outbound Messages, Queueable Apex with a callout, Change Data Capture"
            }
            Pattern::BatchSync => {
                "Bulk API 2.0, Data Loader, MuleSoft batch, Informatica, Scheduled Apex"
            }
            Pattern::RemoteCallIn => {
                "REST or SOAP API, Composite API, GraphQL API, Apex REST services"
            }
            Pattern::UiUpdate => "Change Data Capture, Platform Events, Pub/Sub API, Streaming API",
            Pattern::DataVirtualization => {
                "Salesforce Connect with OData 2.0/4.0, cross-org or custom Apex adapters"
            }
        }
    }

    /// The trade-off to defend when choosing it.
    pub fn trade_off(self) -> &'static str {
        match self {
            Pattern::RequestReply => {
                "the user gets an answer at once, but the transaction blocks and an outage \
                 of the other side becomes a Salesforce failure; keep a fallback"
            }
            Pattern::FireAndForget => {
                "Salesforce is decoupled and never waits, but success is not confirmed, \
                 data is eventually consistent and duplicates arrive; the receiver must be idempotent"
            }
            Pattern::BatchSync => {
                "moves huge volumes predictably and off-peak, but data is stale between \
                 runs and partial failures need handling"
            }
            Pattern::RemoteCallIn => {
                "the outside system controls timing and reuses Salesforce logic, but API \
                 limits, OAuth and retries are its burden"
            }
            Pattern::UiUpdate => {
                "changes are pushed within seconds without polling, but events are kept \
                 only for a limited window and subscribers must replay after a disconnect"
            }
            Pattern::DataVirtualization => {
                "no copy, always current, but slower per query, unavailable offline, and \
                 external objects miss triggers, approvals and standard reports"
            }
        }
    }

    /// `P3`
    pub fn code(self) -> String {
        format!("P{}", self.number())
    }

    /// Parses the file spelling or `P1`…`P6`.
    pub fn parse(s: &str) -> Option<Pattern> {
        Pattern::ALL
            .into_iter()
            .find(|p| p.as_str() == s || p.code() == s)
    }

    /// Every accepted spelling, for "did you mean" and error messages.
    pub fn spellings() -> Vec<String> {
        let mut v: Vec<String> = Pattern::ALL
            .iter()
            .map(|p| p.as_str().to_string())
            .collect();
        v.extend(Pattern::ALL.iter().map(|p| p.code()));
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_codes_parse_to_the_same_pattern() {
        for p in Pattern::ALL {
            assert_eq!(Pattern::parse(p.as_str()), Some(p));
            assert_eq!(Pattern::parse(&format!("P{}", p.number())), Some(p));
        }
        assert_eq!(Pattern::parse("P7"), None);
        assert_eq!(
            Pattern::DataVirtualization.canonical_timing(),
            Timing::OnDemand
        );
    }
}
