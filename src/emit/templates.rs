//! Handlebars templates: the defaults compiled into the binary, replaceable one file
//! at a time. Each format gets its own registry with its own escape function, so
//! `{{name}}` is escaped for the language it lands in, never with the HTML default.

use handlebars::Handlebars;
use serde::Serialize;

/// Every built-in template: (name, file name, text). Partials are included by name.
pub const BUILTIN: &[(&str, &str, &str)] = &[
    (
        "mermaid",
        "mermaid.hbs",
        include_str!("../../templates/mermaid.hbs"),
    ),
    (
        "mermaid_node",
        "partials/mermaid_node.hbs",
        include_str!("../../templates/partials/mermaid_node.hbs"),
    ),
    (
        "mermaid_zone",
        "partials/mermaid_zone.hbs",
        include_str!("../../templates/partials/mermaid_zone.hbs"),
    ),
    ("dot", "dot.hbs", include_str!("../../templates/dot.hbs")),
    (
        "dot_node",
        "partials/dot_node.hbs",
        include_str!("../../templates/partials/dot_node.hbs"),
    ),
    (
        "dot_zone",
        "partials/dot_zone.hbs",
        include_str!("../../templates/partials/dot_zone.hbs"),
    ),
    (
        "table",
        "table.hbs",
        include_str!("../../templates/table.hbs"),
    ),
    (
        "markdown",
        "markdown.hbs",
        include_str!("../../templates/markdown.hbs"),
    ),
];

/// Which language a template writes: decides the escape function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// Mermaid flowchart text.
    Mermaid,
    /// Graphviz DOT.
    Dot,
    /// Markdown.
    Markdown,
}

impl Language {
    fn of(template: &str) -> Language {
        if template.starts_with("mermaid") {
            Language::Mermaid
        } else if template.starts_with("dot") {
            Language::Dot
        } else {
            Language::Markdown
        }
    }
}

/// The template set in use: built-ins with any user overrides applied.
#[derive(Debug, Clone, Default)]
pub struct Templates {
    overrides: Vec<(String, String)>,
}

impl Templates {
    /// Replaces the template called `name` (a built-in name such as `dot` or
    /// `mermaid_zone`) with `text`. Unknown names are an error that lists the known.
    pub fn set(&mut self, name: &str, text: String) -> Result<(), String> {
        if !BUILTIN.iter().any(|(n, _, _)| *n == name) {
            let known: Vec<&str> = BUILTIN.iter().map(|(n, _, _)| *n).collect();
            return Err(format!(
                "there is no template called `{name}`; the templates are {}",
                known.join(", ")
            ));
        }
        self.overrides.retain(|(n, _)| n != name);
        self.overrides.push((name.to_string(), text));
        Ok(())
    }

    fn text(&self, name: &str) -> Option<&str> {
        self.overrides
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.as_str())
            .or_else(|| {
                BUILTIN
                    .iter()
                    .find(|(n, _, _)| *n == name)
                    .map(|(_, _, t)| *t)
            })
    }

    /// Renders template `name` with `data`, escaping with the template's language.
    pub fn render<T: Serialize>(&self, name: &str, data: &T) -> Result<String, String> {
        let lang = Language::of(name);
        let mut hb = Handlebars::new();
        hb.set_strict_mode(true);
        hb.register_escape_fn(match lang {
            Language::Mermaid => crate::escape::mermaid,
            Language::Dot => crate::escape::dot,
            Language::Markdown => crate::escape::markdown_cell,
        });
        for (n, _, _) in BUILTIN {
            if Language::of(n) != lang || (lang == Language::Markdown && *n != name) {
                continue;
            }
            let text = self.text(n).unwrap_or_default();
            hb.register_template_string(n, text)
                .map_err(|e| format!("template `{n}` does not compile: {e}"))?;
        }
        hb.render(name, data)
            .map_err(|e| format!("template `{name}` failed: {e}"))
    }
}
