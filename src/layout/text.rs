//! Text measuring with the font embedded in the binary.
//!
//! Takes a string, a font size and a weight; returns widths and line heights in px.
//! The same font bytes are handed to the PNG renderer ([`font_regular`], [`font_bold`]),
//! so a box sized here fits the text that resvg draws, on any machine, with or
//! without fonts installed.

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
    regular: Option<Face<'static>>,
    bold: Option<Face<'static>>,
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
            regular: Face::parse(font_regular(), 0).ok(),
            bold: Face::parse(font_bold(), 0).ok(),
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
        let upem = f64::from(face.units_per_em().max(1));
        let mut units: i64 = 0;
        let mut prev: Option<ttf_parser::GlyphId> = None;
        for ch in s.chars() {
            let gid = face.glyph_index(ch).unwrap_or(ttf_parser::GlyphId(0));
            units += i64::from(face.glyph_hor_advance(gid).unwrap_or(0));
            if let (Some(p), Some(kern)) = (prev, face.tables().kern) {
                let pair = kern
                    .subtables
                    .into_iter()
                    .filter(|sub| sub.horizontal && !sub.variable)
                    .find_map(|sub| sub.glyphs_kerning(p, gid));
                units += pair.map_or(0, i64::from);
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
        // Parsing only locates the tables; it is cheap enough to do per call.
        match Face::parse(font_regular(), 0) {
            Ok(face) => {
                let upem = f64::from(face.units_per_em().max(1));
                let units = i32::from(face.ascender()) - i32::from(face.descender())
                    + i32::from(face.line_gap());
                f64::from(units) * size / upem
            }
            Err(_) => FALLBACK_LINE_HEIGHT_EM * size,
        }
    }
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

    #[test]
    fn line_height_from_hhea() {
        let h = TextMeasure::line_height(10.0);
        assert!((h - 11.64).abs() < 0.05, "{h}");
    }
}
