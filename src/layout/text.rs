//! Text measuring with the font embedded in the binary.
//!
//! Takes a string, a font size and a weight; returns widths and line heights in px.
//! The same font bytes are handed to the PNG renderer ([`font_regular`], [`font_bold`]),
//! so a box sized here fits the text that resvg draws, on any machine, with or
//! without fonts installed.

use super::Size;
use std::cell::Cell;
use std::sync::OnceLock;
use ttf_parser::Face;

/// DejaVu Sans regular, as TTF bytes. Exposed so the renderer loads the very font the
/// layout was measured with.
pub fn font_regular() -> &'static [u8] {
    dejavu::sans::regular()
}

/// DejaVu Sans bold, as TTF bytes (see [`font_regular`]).
pub fn font_bold() -> &'static [u8] {
    dejavu::sans::bold()
}

/// Measures text in the embedded DejaVu Sans faces.
///
/// Widths are sums of horizontal advances plus `kern` table pairs, computed in integer
/// font units and scaled once, so results are deterministic across platforms.
/// Characters the font lacks are measured as the `.notdef` glyph.
pub struct TextMeasure {
    regular: Option<Measured>,
    bold: Option<Measured>,
}

/// A parsed face with what measuring looks up most: the glyph and advance of each
/// ASCII character, read from the tables the first time it is met. It holds exactly
/// what the tables say, so widths are the same as from the tables alone, only found
/// faster. (Kerning pairs are looked up each time: a cache of them cost small
/// landscapes more in hashing than it saved.)
struct Measured {
    face: Face<'static>,
    /// Per ASCII character: its glyph and horizontal advance in font units.
    ascii: Vec<Cell<Option<(ttf_parser::GlyphId, i64)>>>,
}

impl Measured {
    fn new(face: Face<'static>) -> Measured {
        Measured {
            face,
            ascii: vec![Cell::new(None); 128],
        }
    }

    /// Glyph of `ch` (`.notdef` if the font lacks it) and its advance.
    fn lookup(face: &Face<'static>, ch: char) -> (ttf_parser::GlyphId, i64) {
        let gid = face.glyph_index(ch).unwrap_or(ttf_parser::GlyphId(0));
        (gid, i64::from(face.glyph_hor_advance(gid).unwrap_or(0)))
    }

    fn glyph(&self, ch: char) -> (ttf_parser::GlyphId, i64) {
        let Some(slot) = self.ascii.get(ch as usize) else {
            return Measured::lookup(&self.face, ch);
        };
        match slot.get() {
            Some(g) => g,
            None => {
                let g = Measured::lookup(&self.face, ch);
                slot.set(Some(g));
                g
            }
        }
    }

    /// Horizontal kerning between glyphs `a` and `b` from the `kern` table.
    fn kern(&self, a: ttf_parser::GlyphId, b: ttf_parser::GlyphId) -> i64 {
        let Some(table) = self.face.tables().kern else {
            return 0;
        };
        table
            .subtables
            .into_iter()
            .filter(|sub| sub.horizontal && !sub.variable)
            .find_map(|sub| sub.glyphs_kerning(a, b))
            .map_or(0, i64::from)
    }
}

impl Default for TextMeasure {
    fn default() -> Self {
        Self::new()
    }
}

/// Fallback advance in em when a face cannot be parsed (never expected with the
/// embedded bytes, but measuring must not panic).
const FALLBACK_ADVANCE_EM: f64 = 0.6;
/// DejaVu Sans hhea metrics (ascender 1901, descender -483, line gap 0, upem 2048),
/// used only if the face cannot be parsed.
const FALLBACK_LINE_HEIGHT_EM: f64 = (1901.0 + 483.0) / 2048.0;

impl TextMeasure {
    /// Parses the embedded faces once; keep one `TextMeasure` and reuse it.
    pub fn new() -> Self {
        TextMeasure {
            regular: Face::parse(font_regular(), 0).ok().map(Measured::new),
            bold: Face::parse(font_bold(), 0).ok().map(Measured::new),
        }
    }

    /// Width in px of a single line `s` at font size `size` (px). Newlines are not
    /// interpreted: measure each line separately and take the widest.
    pub fn text_width(&self, s: &str, size: f64, bold: bool) -> f64 {
        let size = if size.is_finite() && size > 0.0 {
            size
        } else {
            0.0
        };
        let face = if bold { &self.bold } else { &self.regular };
        let Some(face) = face else {
            return s.chars().count() as f64 * FALLBACK_ADVANCE_EM * size;
        };
        let upem = f64::from(face.face.units_per_em().max(1));
        let mut units: i64 = 0;
        let mut prev: Option<ttf_parser::GlyphId> = None;
        for ch in s.chars() {
            let (gid, advance) = face.glyph(ch);
            units += advance;
            if let Some(p) = prev {
                units += face.kern(p, gid);
            }
            prev = Some(gid);
        }
        units as f64 * size / upem
    }

    /// Distance in px between consecutive baselines at font size `size`:
    /// (ascender − descender + line gap) from DejaVu Sans' `hhea` table, scaled to
    /// `size`. Regular and bold share these metrics. An associated function, so callers
    /// without a `TextMeasure` at hand (the SVG writer) can use it.
    pub fn line_height(size: f64) -> f64 {
        let size = if size.is_finite() && size > 0.0 {
            size
        } else {
            0.0
        };
        // (units per em, ascender − descender + line gap), read once.
        static METRICS: OnceLock<Option<(f64, f64)>> = OnceLock::new();
        let metrics = METRICS.get_or_init(|| {
            Face::parse(font_regular(), 0).ok().map(|face| {
                let upem = f64::from(face.units_per_em().max(1));
                let units = i32::from(face.ascender()) - i32::from(face.descender())
                    + i32::from(face.line_gap());
                (upem, f64::from(units))
            })
        });
        match metrics {
            Some((upem, units)) => units * size / upem,
            None => FALLBACK_LINE_HEIGHT_EM * size,
        }
    }
}

impl TextMeasure {
    /// Size of a text box: the widest line plus `pad_x` on each side, the lines at
    /// [`TextMeasure::line_height`] plus `pad_y` above and below, rounded up to whole px,
    /// at least `min_w` wide. Boxes in whole px keep coordinates short and stable.
    pub fn box_size(
        &self,
        lines: &[String],
        size: f64,
        bold: bool,
        pad_x: f64,
        pad_y: f64,
        min_w: f64,
    ) -> Size {
        let widest = lines
            .iter()
            .map(|l| self.text_width(l, size, bold))
            .fold(0.0, f64::max);
        let n = lines.len().max(1) as f64;
        let clean = |v: f64| if v.is_finite() && v > 0.0 { v } else { 0.0 };
        Size {
            w: (widest + 2.0 * clean(pad_x)).max(clean(min_w)).ceil(),
            h: (n * Self::line_height(size) + 2.0 * clean(pad_y)).ceil(),
        }
    }
}

/// Splits `text` into lines of at most about `max_chars` characters, breaking after
/// spaces or `/` (design: labels longer than ~28 characters are wrapped). Explicit
/// newlines are kept; a word longer than `max_chars` stays whole on its own line.
/// Deterministic and allocation-light; counts `char`s, not bytes.
pub fn wrap(text: &str, max_chars: usize) -> Vec<String> {
    let max = max_chars.max(1);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut len = 0usize;
        // tokens end after a space or a '/', so the break character stays on the
        // first line ("SAP/" | "ERP")
        let mut token = String::new();
        let flush =
            |token: &mut String, line: &mut String, len: &mut usize, out: &mut Vec<String>| {
                let tl = token.chars().count();
                if *len > 0 && *len + tl.saturating_sub(usize::from(token.ends_with(' '))) > max {
                    out.push(line.trim_end().to_string());
                    line.clear();
                    *len = 0;
                }
                line.push_str(token);
                *len += tl;
                token.clear();
            };
        for ch in para.chars() {
            token.push(ch);
            if ch == ' ' || ch == '/' {
                flush(&mut token, &mut line, &mut len, &mut out);
            }
        }
        flush(&mut token, &mut line, &mut len, &mut out);
        out.push(line.trim_end().to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_weight() {
        let m = TextMeasure::new();
        let a = m.text_width("Salesforce", 12.0, false);
        let b = m.text_width("Salesforce Org", 12.0, false);
        assert!(a > 40.0 && a < 90.0, "{a}");
        assert!(b > a);
        assert!(m.text_width("Salesforce", 12.0, true) > a);
        assert_eq!(m.text_width("", 12.0, false), 0.0);
        assert_eq!(m.text_width("abc", f64::NAN, false), 0.0);
    }

    /// Widths read through the glyph cache equal widths read from the
    /// font tables directly, for ASCII, kerned pairs ("AV", "To") and characters
    /// outside ASCII or the font, on first and on repeated use.
    #[test]
    fn cached_widths_equal_the_tables() {
        let direct = |s: &str, bold: bool| -> f64 {
            let face = Face::parse(if bold { font_bold() } else { font_regular() }, 0).unwrap();
            let kern = face.tables().kern.unwrap();
            let mut units = 0i64;
            let mut prev: Option<ttf_parser::GlyphId> = None;
            for ch in s.chars() {
                let gid = face.glyph_index(ch).unwrap_or(ttf_parser::GlyphId(0));
                units += i64::from(face.glyph_hor_advance(gid).unwrap_or(0));
                if let Some(p) = prev {
                    units += kern
                        .subtables
                        .into_iter()
                        .filter(|sub| sub.horizontal && !sub.variable)
                        .find_map(|sub| sub.glyphs_kerning(p, gid))
                        .map_or(0, i64::from);
                }
                prev = Some(gid);
            }
            units as f64 * 12.0 / f64::from(face.units_per_em())
        };
        let m = TextMeasure::new();
        let kerned = direct("AV", false) < direct("A", false) + direct("V", false);
        assert!(kerned, "the font kerns AV");
        for s in [
            "AVATAR To Yo",
            "Zürich Straße → ERP",
            "日本 \u{10FFFF}",
            "WAVE/AV",
        ] {
            for bold in [false, true] {
                for _ in 0..2 {
                    assert_eq!(m.text_width(s, 12.0, bold), direct(s, bold), "{s}");
                }
            }
        }
    }

    #[test]
    fn wraps_at_spaces_and_slashes() {
        assert_eq!(
            wrap("P3: Batch Sync of invoices to the finance ledger", 28),
            vec![
                "P3: Batch Sync of invoices".to_string(),
                "to the finance ledger".to_string()
            ]
        );
        assert_eq!(
            wrap("SFTP/CSV/nightly", 6),
            vec![
                "SFTP/".to_string(),
                "CSV/".to_string(),
                "nightly".to_string()
            ]
        );
        assert_eq!(wrap("a\nb", 28), vec!["a".to_string(), "b".to_string()]);
        assert_eq!(wrap("", 28), vec![String::new()]);
        assert_eq!(
            wrap("supercalifragilistic", 5),
            vec!["supercalifragilistic".to_string()]
        );
    }

    #[test]
    fn box_sizes_are_whole_pixels() {
        let m = TextMeasure::new();
        let b = m.box_size(&["Sales Cloud".to_string()], 12.0, true, 12.0, 8.0, 90.0);
        assert_eq!(b.w.fract(), 0.0);
        assert!(b.w >= 90.0 && b.h >= 30.0, "{b:?}");
    }

    #[test]
    fn line_height_from_hhea() {
        let h = TextMeasure::line_height(10.0);
        assert!((h - 11.64).abs() < 0.05, "{h}");
    }
}
