//! PNG and PDF from our SVG: resvg draws it with the font embedded in the binary
//! (never the system's fonts), so every machine produces the same pixels.

use resvg::{tiny_skia, usvg};

/// Largest PNG we allocate, in pixels (64 MP): a huge landscape at a large `--scale`
/// must fail cleanly, not exhaust memory.
pub const MAX_PIXELS: u64 = 64 * 1024 * 1024;

/// Parses our SVG with a font database holding only the embedded DejaVu Sans faces,
/// with every generic family mapped to it.
fn tree(svg: &str) -> Result<usvg::Tree, String> {
    let mut opts = usvg::Options::default();
    {
        let db = opts.fontdb_mut();
        db.load_font_data(crate::layout::text::font_regular().to_vec());
        db.load_font_data(crate::layout::text::font_bold().to_vec());
        db.set_sans_serif_family("DejaVu Sans");
        db.set_serif_family("DejaVu Sans");
        db.set_monospace_family("DejaVu Sans");
    }
    opts.font_family = "DejaVu Sans".to_string();
    usvg::Tree::from_str(svg, &opts).map_err(|e| format!("cannot read the SVG: {e}"))
}

/// A PNG of the SVG at `scale` (1 = one pixel per SVG unit).
pub fn png(svg: &str, scale: f32) -> Result<Vec<u8>, String> {
    if !(scale.is_finite() && scale > 0.0 && scale <= 16.0) {
        return Err(format!(
            "--scale must be above 0 and at most 16, not {scale}"
        ));
    }
    let tree = tree(svg)?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(scale)
        .ok_or("the image is empty")?;
    let pixels = u64::from(size.width()) * u64::from(size.height());
    if pixels > MAX_PIXELS {
        return Err(format!(
            "a {}×{} PNG is over the limit of {MAX_PIXELS} pixels; lower --scale or render SVG",
            size.width(),
            size.height()
        ));
    }
    let mut pixmap =
        tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("cannot allocate the image")?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| format!("cannot encode the PNG: {e}"))
}

/// A one-page PDF of the SVG, with the fonts embedded as subsets.
pub fn pdf(svg: &str) -> Result<Vec<u8>, String> {
    let tree = tree(svg)?;
    svg2pdf::to_pdf(
        &tree,
        svg2pdf::ConversionOptions::default(),
        svg2pdf::PageOptions::default(),
    )
    .map_err(|e| format!("cannot write the PDF: {e}"))
}
