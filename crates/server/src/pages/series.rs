//! One estimate series of a proposition (troops, casualties, killed, wounded) as a small SVG
//! chart on the proposition picture's time axis: the value upwards from zero, a single figure as
//! a dot, a range as a vertical bar with caps, a lower or upper bound as an arrowhead; each mark
//! links to its evidence and carries its words as a tooltip.
//!
//! Why: "how many, according to whom, and when" is the analyst's question about a deployment or
//! a toll; drawn on the same axis as the attributions, estimates line up with who said what.
//!
//! Stable hooks: each chart is `figure.series-chart` with `data-proposition` and
//! `data-measure`; each estimate `class="estimate bound-…"` with `data-document`/`data-claim`.
//!
//! Known limits: a linear value axis, so a small estimate beside a huge one sits near zero;
//! figures are written only where they do not overlap a mark or an earlier figure (the tooltip
//! always has it); undated estimates are counted, not drawn.

use super::css_name;
use super::picture::{LEFT, RIGHT, Scale, WIDTH, axis, day, evidence_href, fmt, points_of};
use ledger::{Estimate, PropositionView, Series};
use maud::{Markup, html};

/// Plot height of an estimate chart.
const CHART: f64 = 110.0;

/// A figure written beside its mark: left, baseline, text.
type FigureLabel = (f64, f64, String);

/// One measure's estimates as a small chart: time on the shared axis, the value upwards from
/// zero; ranges as vertical bars, lower and upper bounds as arrowheads. Figures are written
/// beside their marks where they do not overlap an earlier figure's label.
pub fn series_chart(p: &PropositionView, series: &Series) -> Markup {
    let dated: Vec<_> = series.estimates.iter().filter_map(|e| Some((e.published?, e))).collect();
    let undated = series.estimates.len() - dated.len();
    let scale = Scale::of(p).filter(|_| !dated.is_empty());
    let top_value =
        dated.iter().flat_map(|(_, e)| [e.figure.value, e.figure.min, e.figure.max]).flatten().fold(0.0_f64, f64::max);
    let top_value = nice(top_value);
    let bottom = 14.0 + CHART;
    let y = |v: f64| bottom - CHART * (v / top_value).clamp(0.0, 1.0);
    let height = bottom + 40.0;
    // Label boxes (left, baseline, width); the marks' own boxes first, so no label covers one.
    let mut placed: Vec<(f64, f64, f64)> = match &scale {
        Some(scale) => dated
            .iter()
            .flat_map(|(t, e)| {
                let f = &e.figure;
                [f.value, f.min, f.max].into_iter().flatten().map(|v| (scale.x(*t) - 6.0, y(v) + 4.0, 12.0))
            })
            .collect(),
        None => Vec::new(),
    };
    let mut label = |x: f64, y: f64, text: String| {
        let width = 6.0 * text.chars().count() as f64;
        let free = placed.iter().all(|&(px, py, pw)| x + width < px || px + pw < x || (y - py).abs() >= 12.0);
        free.then(|| {
            placed.push((x, y, width));
            (x, y, text)
        })
    };
    let points: Vec<(f64, &Estimate, Option<FigureLabel>)> = match &scale {
        Some(scale) => dated
            .iter()
            .map(|(t, e)| {
                let x = scale.x(*t);
                let f = &e.figure;
                let text = match (f.value, f.min, f.max) {
                    (Some(v), ..) => Some((v, compact(v))),
                    (None, Some(a), Some(b)) => Some((b, format!("{}–{}", compact(a), compact(b)))),
                    (None, Some(a), None) => Some((a, format!("≥ {}", compact(a)))),
                    (None, None, Some(b)) => Some((b, format!("≤ {}", compact(b)))),
                    (None, None, None) => None,
                };
                (x, *e, text.and_then(|(v, text)| label(x + 8.0, y(v) + 4.0, text)))
            })
            .collect(),
        None => Vec::new(),
    };
    html! {
        figure.series-chart data-proposition=(p.id.to_string()) data-measure=(series.measure) {
            figcaption { "Estimates: " strong { (series.measure) } }
            @if let Some(scale) = &scale {
                svg xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {WIDTH} {height:.0}")) role="img" aria-label=(format!("Estimates of {} over time", series.measure)) {
                    @for v in [0.0, top_value / 2.0, top_value] {
                        line.gridline x1=(LEFT) x2=(WIDTH - RIGHT) y1=(fmt(y(v))) y2=(fmt(y(v))) {}
                        text.value-label x=(LEFT - 8.0) y=(fmt(y(v) + 4.0)) text-anchor="end" { (compact(v)) }
                    }
                    @for (x, e, text) in &points {
                        @let (x, f) = (*x, &e.figure);
                        a class={ "estimate bound-" (css_name(&super::label(&f.bound))) } href=(evidence_href(e.document, e.claim)) data-document=(e.document.to_string()) data-claim=[e.claim] {
                            title { (day(e.published)) " · " (e.by) @if let Some(s) = &e.source { " (" (s) ")" } ": “" (f.text) "”" }
                            @match (f.value, f.min, f.max) {
                                (Some(v), ..) => circle.point cx=(fmt(x)) cy=(fmt(y(v))) r="5" {},
                                (None, Some(a), Some(b)) => {
                                    line.range x1=(fmt(x)) x2=(fmt(x)) y1=(fmt(y(a))) y2=(fmt(y(b) - 0.1)) {}
                                    line.cap x1=(fmt(x - 5.0)) x2=(fmt(x + 5.0)) y1=(fmt(y(a))) y2=(fmt(y(a))) {}
                                    line.cap x1=(fmt(x - 5.0)) x2=(fmt(x + 5.0)) y1=(fmt(y(b))) y2=(fmt(y(b))) {}
                                }
                                (None, Some(a), None) => polygon.point points=(points_of(&[(x - 6.0, y(a)), (x + 6.0, y(a)), (x, y(a) - 10.0)])) {},
                                (None, None, Some(b)) => polygon.point points=(points_of(&[(x - 6.0, y(b)), (x + 6.0, y(b)), (x, y(b) + 10.0)])) {},
                                (None, None, None) => {}
                            }
                            @if let Some((lx, ly, text)) = text {
                                text.estimate-label x=(fmt(*lx)) y=(fmt(*ly)) { (text) }
                            }
                        }
                    }
                    (axis(scale, bottom))
                }
            } @else {
                p.muted { "No dated estimate to draw." }
            }
            @if undated > 0 { p.muted { (undated) " undated estimate(s) not drawn." } }
        }
    }
}

/// A whole number with thousands separators, or a short form (`12k`, `1.5M`) above 10,000.
pub fn compact(v: f64) -> String {
    if v >= 1e6 {
        format!("{}M", trim(v / 1e6))
    } else if v >= 1e4 {
        format!("{}k", trim(v / 1e3))
    } else if v.fract() == 0.0 {
        let digits = format!("{v:.0}");
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        out
    } else {
        trim(v)
    }
}

fn trim(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map_or(s.clone(), str::to_owned)
}

/// The smallest of 1, 2, 2.5, 5 × a power of ten at or above `v` (1 for nothing).
fn nice(v: f64) -> f64 {
    if v <= 0.0 || !v.is_finite() {
        return 1.0;
    }
    let power = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0].into_iter().map(|m| m * power).find(|n| *n >= v).unwrap_or(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_short() {
        assert_eq!(compact(3000.0), "3,000");
        assert_eq!(compact(12_000.0), "12k");
        assert_eq!(compact(1_500_000.0), "1.5M");
        assert_eq!(compact(0.0), "0");
        assert_eq!(nice(11_000.0), 20_000.0);
        assert_eq!(nice(2_400.0), 2_500.0);
        assert_eq!(nice(0.0), 1.0);
    }
}
