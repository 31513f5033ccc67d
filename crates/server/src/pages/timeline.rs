//! A timeline of claims drawn as plain SVG on the server (no script): time runs left to right,
//! one lane per role (claims the entity made, claims about it), one mark per claim coloured by
//! stance, each mark a link to the claim in its document with the claim as tooltip.
//!
//! Limits: undated claims cannot be placed and are counted under the picture instead; marks on
//! the same day overlap (they are drawn semi-transparent so a cluster reads darker).

use super::{claim_href, css_name, date};
use chrono::DateTime;
use maud::{Markup, html};
use store::ClaimRow;

const WIDTH: f64 = 960.0;
const LEFT: f64 = 90.0;
const RIGHT: f64 = 50.0;
const LANE: f64 = 44.0;
const TOP: f64 = 10.0;

/// The timeline of `lanes` (a label and its claims each).
pub fn timeline(lanes: &[(&str, &[ClaimRow])]) -> Markup {
    let when =
        |c: &ClaimRow| c.published.as_deref().and_then(|p| DateTime::parse_from_rfc3339(p).ok()).map(|t| t.timestamp());
    let times: Vec<i64> = lanes.iter().flat_map(|(_, claims)| claims.iter().filter_map(when)).collect();
    let undated: usize = lanes.iter().map(|(_, claims)| claims.iter().filter(|c| when(c).is_none()).count()).sum();
    let (Some(&first), Some(&last)) = (times.iter().min(), times.iter().max()) else {
        return html! { p.muted { "No dated claims to draw." } };
    };
    // A single day still gets a visible span, centred.
    let (first, last) = if last - first < 86_400 { (first - 86_400 * 15, last + 86_400 * 15) } else { (first, last) };
    let x = |t: i64| LEFT + (WIDTH - LEFT - RIGHT) * (t - first) as f64 / (last - first) as f64;
    let height = TOP + LANE * lanes.len() as f64 + 24.0;
    let axis_y = TOP + LANE * lanes.len() as f64;
    let ticks: Vec<(f64, String)> = (0..=5)
        .map(|i| {
            let t = first + (last - first) * i / 5;
            let label = DateTime::from_timestamp(t, 0).map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
            (x(t), label)
        })
        .collect();
    html! {
        figure.timeline {
            svg xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {WIDTH} {height}")) role="img" aria-label="Timeline of claims" {
                @for (row, (label, claims)) in lanes.iter().enumerate() {
                    @let y = TOP + LANE * row as f64 + LANE / 2.0;
                    text.lane-label x="4" y=(y + 4.0) { (label) }
                    line.lane x1=(LEFT) x2=(WIDTH - RIGHT) y1=(y) y2=(y) {}
                    @for c in claims.iter() {
                        @if let Some(t) = when(c) {
                            a.mark href=(claim_href(&c.document, c.claim)) {
                                circle class={ "dot stance-" (css_name(&c.stance)) } cx=(format!("{:.1}", x(t))) cy=(y) r="6" {
                                    title { (date(c.published.as_deref())) " · " (c.speaker.as_deref().unwrap_or("(unattributed)")) " " (c.cue) " (" (c.stance) "): " (c.content) }
                                }
                            }
                        }
                    }
                }
                line.axis x1=(LEFT) x2=(WIDTH - RIGHT) y1=(axis_y) y2=(axis_y) {}
                @for (tx, label) in &ticks {
                    line.tick x1=(format!("{tx:.1}")) x2=(format!("{tx:.1}")) y1=(axis_y) y2=(axis_y + 5.0) {}
                    text.tick-label x=(format!("{tx:.1}")) y=(axis_y + 18.0) text-anchor="middle" { (label) }
                }
            }
            @if undated > 0 { figcaption.muted { (undated) " undated claim(s) not drawn." } }
        }
    }
}
