//! A proposition drawn as plain SVG on the server (no script): time runs left to right, one lane
//! per stance (supports, reports, contradicts), one mark per attribution — coloured by stance,
//! shaped by the kind of its source, labelled with the source's Admiralty grade letter and linked
//! to its evidence (the claim in its document, or the document for the publisher's own
//! assertion). The lifecycle transitions (first reported, disputed, corroborated, acknowledged,
//! retracted) stand as labelled vertical markers across the lanes, each linking to its evidence.
//! The estimate series (troops, casualties…) are drawn on the same time axis by `series.rs`.
//!
//! Example: the North Korean deployment proposition of the sample corpus shows a burst of green
//! circles and squares from October 2024, red marks on the contradict lane (among them the
//! triangles of Russian and North Korean state media), a "disputed · Russia" marker in the first
//! week and "acknowledged" markers in April 2025.
//!
//! Stable hooks for tests and styles: each figure has `data-proposition="{id}"`, each
//! attribution mark `class="attribution stance-… kind-…"` with `data-document` and `data-claim`,
//! each lifecycle marker `class="transition stage-…"`.
//! Colours and shapes' looks come from classes in `assets/style.css` (the CSP forbids inline
//! style attributes; SVG geometry attributes are not styles).
//!
//! Known limits: the time axis is stretched where attributions crowd ([`Scale`]), so equal
//! distances are not equal durations (the date ticks say where); undated attributions cannot be
//! placed and are counted in the caption instead; marks closer than a mark's width stack in up to
//! [`MAX_ROWS`] rows per lane, beyond which they overlap (drawn semi-transparent so a cluster
//! reads darker).

use super::{claim_href, css_name, document_href};
use chrono::{DateTime, Datelike, NaiveDate};
use ledger::{Attribution, Kind, Polarity, PropositionView, Stage};
use maud::{Markup, html};
use model::DocId;

/// The width of a picture's view box; the CSS scales it to the page.
pub(super) const WIDTH: f64 = 960.0;
/// Room for lane and value labels left of the plot.
pub(super) const LEFT: f64 = 96.0;
/// Room right of the plot.
pub(super) const RIGHT: f64 = 40.0;
/// Half the size of an attribution mark.
const MARK: f64 = 9.0;
/// Vertical step between stacked marks.
const ROW: f64 = 22.0;
/// Most rows of stacked marks in one lane.
pub const MAX_ROWS: usize = 5;
/// Height of one row of lifecycle labels.
const CALLOUT: f64 = 16.0;

/// Where an attribution, transition or estimate's evidence is: its claim in the document page,
/// or the document itself for the publisher's own assertion.
pub fn evidence_href(document: DocId, claim: Option<usize>) -> String {
    match claim {
        Some(n) => claim_href(&document.to_string(), n),
        None => document_href(&document.to_string()),
    }
}

/// The time axis shared by a proposition's picture and its estimate charts.
///
/// News comes in bursts (a week of reports, months of quiet, a burst of acknowledgments), so a
/// plain linear axis piles most marks onto a few pixels. The axis is therefore half linear in
/// time and half in rank (the share of dated items before a time): time still runs left to
/// right, bursts get room, and the date ticks, placed on the same curve, show where it stretches.
#[derive(Clone, Debug)]
pub struct Scale {
    first: i64,
    last: i64,
    /// The rank curve: (time, share of items before it), increasing in both.
    nodes: Vec<(i64, f64)>,
}

/// The weight of time (against rank) in the axis.
const LINEAR: f64 = 0.5;

impl Scale {
    /// The axis of `p`'s dated attributions and estimates, padded so edge marks stay inside;
    /// `None` when nothing is dated.
    pub fn of(p: &PropositionView) -> Option<Scale> {
        let times = p.attributions.iter().filter_map(|a| a.published);
        let times = times.chain(p.series.iter().flat_map(|s| s.estimates.iter().filter_map(|e| e.published)));
        Scale::new(times.collect())
    }

    fn new(mut times: Vec<i64>) -> Option<Scale> {
        times.sort_unstable();
        let (&first, &last) = (times.first()?, times.last()?);
        // A single day still gets a visible span, centred; otherwise 3% on each side.
        let pad = if last - first < 86_400 { 86_400 * 15 } else { (last - first) * 3 / 100 };
        let n = times.len() as f64;
        let mut nodes = vec![(first - pad, 0.0)];
        let mut before = 0;
        for group in times.chunk_by(|a, b| a == b) {
            nodes.push((group[0], (before as f64 + group.len() as f64 / 2.0) / n));
            before += group.len();
        }
        nodes.push((last + pad, 1.0));
        Some(Scale { first: first - pad, last: last + pad, nodes })
    }

    /// The x of time `t`.
    pub(super) fn x(&self, t: i64) -> f64 {
        let linear = (t - self.first) as f64 / (self.last - self.first) as f64;
        let at = self.nodes.partition_point(|&(time, _)| time <= t);
        let rank = match (at.checked_sub(1).map(|i| self.nodes[i]), self.nodes.get(at)) {
            (Some((t0, r0)), Some(&(t1, r1))) => r0 + (r1 - r0) * (t - t0) as f64 / (t1 - t0) as f64,
            (Some((_, r)), None) => r,
            (None, _) => 0.0,
        };
        LEFT + (WIDTH - LEFT - RIGHT) * (LINEAR * linear + (1.0 - LINEAR) * rank).clamp(0.0, 1.0)
    }

    /// Date ticks: years, then month starts, then the 8th, 15th and 22nd, then single days,
    /// each level filling only the room the coarser ones left (the axis stretches, so a burst
    /// gets day ticks while a quiet stretch keeps months), never two within a label's width.
    fn ticks(&self) -> Vec<(f64, String)> {
        let (Some(from), Some(to)) = (date_of(self.first), date_of(self.last)) else { return Vec::new() };
        let days = (to - from).num_days();
        let levels: [TickLevel; 4] = [
            (days > 730, |d| d.ordinal() == 1, "%Y"),
            (days <= 3660, |d| d.day() == 1, "%b %Y"),
            (days <= 1100, |d| [8, 15, 22].contains(&d.day()), "%b %-d"),
            (days <= 180, |d| d.day() != 1, "%b %-d"),
        ];
        let mut ticks: Vec<(f64, String)> = Vec::new();
        for (used, wanted, format) in levels {
            if !used {
                continue;
            }
            for day in from.iter_days().take_while(|d| *d <= to).filter(|d| wanted(*d)) {
                let t = day.and_hms_opt(0, 0, 0).map_or(self.first, |d| d.and_utc().timestamp());
                let x = self.x(t);
                if t >= self.first && ticks.iter().all(|&(other, _)| (x - other).abs() >= 70.0) {
                    ticks.push((x, day.format(format).to_string()));
                }
            }
        }
        ticks.sort_by(|a, b| a.0.total_cmp(&b.0));
        ticks
    }
}

/// A level of date ticks: whether the span uses it, which days it marks, their label format.
type TickLevel = (bool, fn(NaiveDate) -> bool, &'static str);

fn date_of(unix: i64) -> Option<NaiveDate> {
    DateTime::from_timestamp(unix, 0).map(|t| t.date_naive())
}

/// The picture of one proposition's attributions and lifecycle over time.
pub fn picture(p: &PropositionView) -> Markup {
    let id = p.id.to_string();
    let undated = p.attributions.iter().filter(|a| a.published.is_none()).count();
    let Some(scale) = Scale::of(p) else {
        return html! {
            figure.proposition-picture data-proposition=(id) {
                figcaption.muted { "No dated attribution to draw; " (undated) " undated." }
            }
        };
    };
    let lanes = lanes(p, &scale);
    let callouts = callouts(p, &scale);
    let callout_rows = callouts.iter().map(|c| c.row + 1).max().unwrap_or(0);
    let top = 6.0 + CALLOUT * callout_rows as f64;
    let heights: Vec<f64> = lanes.iter().map(|l| ROW * l.rows as f64 + 12.0).collect();
    let axis_y = top + heights.iter().sum::<f64>();
    let height = axis_y + 40.0;
    let lane_tops: Vec<f64> = heights.iter().scan(top, |y, h| Some(std::mem::replace(y, *y + h))).collect();
    let label = format!("Attributions of proposition {id} over time");
    html! {
        figure.proposition-picture data-proposition=(id) {
            svg xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {WIDTH} {height:.0}")) role="img" aria-label=(label) {
                @for (lane, lane_top) in lanes.iter().zip(&lane_tops) {
                    @let middle = lane_top + ROW * lane.rows as f64 / 2.0 + 6.0;
                    text class={ "lane-label stance-" (lane.stance.as_str()) } x="4" y=(format!("{:.1}", middle + 4.0)) { (lane_name(lane.stance)) }
                    line.lane x1=(LEFT) x2=(WIDTH - RIGHT) y1=(fmt(middle)) y2=(fmt(middle)) {}
                }
                @for c in &callouts {
                    @let y = 6.0 + CALLOUT * c.row as f64 + CALLOUT - 4.0;
                    a class={ "transition stage-" (c.stage.as_str()) } href=(c.href) {
                        title { (c.tooltip) }
                        line.transition-line x1=(fmt(c.x)) x2=(fmt(c.x)) y1=(fmt(y + 3.0)) y2=(fmt(axis_y)) {}
                        text.transition-label x=(fmt(c.label_x)) y=(fmt(y)) text-anchor=(c.anchor) { (c.text) }
                    }
                }
                @for (lane, lane_top) in lanes.iter().zip(&lane_tops) {
                    @for m in &lane.marks {
                        (mark(m.attribution, m.x, lane_top + 6.0 + ROW * m.row as f64 + ROW / 2.0))
                    }
                }
                (axis(&scale, axis_y))
            }
            @if undated > 0 { figcaption.muted { (undated) " undated attribution(s) not drawn." } }
        }
    }
}

/// The legend of [`picture`]: stance colours, source-kind shapes, copies and lifecycle markers.
pub fn legend() -> Markup {
    let stances = [Polarity::Support, Polarity::Report, Polarity::Contradict];
    let shapes = [
        (Shape::Circle, "newspaper or broadcaster"),
        (Shape::Square, "wire agency"),
        (Shape::Triangle, "government or state media"),
        (Shape::Diamond, "intelligence, analyst or fact-checker"),
        (Shape::Hexagon, "unknown kind"),
    ];
    html! {
        div.picture-legend {
            span.legend-group {
                @for s in stances {
                    span.legend-item {
                        svg.legend-mark xmlns="http://www.w3.org/2000/svg" viewBox="-11 -11 22 22" aria-hidden="true" {
                            g class={ "legend-stance stance-" (s.as_str()) } { (Shape::Circle.draw(0.0, 0.0)) }
                        }
                        (lane_name(s))
                    }
                }
            }
            span.legend-group {
                @for (shape, name) in shapes {
                    span.legend-item {
                        svg.legend-mark xmlns="http://www.w3.org/2000/svg" viewBox="-13 -13 26 26" aria-hidden="true" {
                            g.legend-shape { (shape.draw(0.0, 0.0)) }
                        }
                        (name)
                    }
                }
            }
            span.legend-group.muted {
                "Letters: the source's reliability grade (A best … F cannot be judged). Faded marks: near-duplicate copies, not counted as voices. Ringed marks: the actor itself acknowledging. Vertical markers: lifecycle transitions."
            }
        }
    }
}

/// `YYYY-MM-DD` (UTC) of a Unix time, or "undated".
pub fn day(unix: Option<i64>) -> String {
    unix.and_then(|t| DateTime::from_timestamp(t, 0)).map_or("undated".into(), |t| t.format("%Y-%m-%d").to_string())
}

/// The words of a stage ("first reported").
pub fn stage_name(stage: Stage) -> &'static str {
    match stage {
        Stage::FirstReported => "first reported",
        Stage::Disputed => "disputed",
        Stage::Corroborated => "corroborated",
        Stage::Acknowledged => "acknowledged",
        Stage::Retracted => "retracted",
    }
}

/// The words of a source kind ("state media"), or "unknown".
pub fn kind_name(kind: Option<Kind>) -> &'static str {
    match kind {
        Some(Kind::StateMedia) => "state media",
        Some(Kind::Wire) => "wire",
        Some(Kind::Newspaper) => "newspaper",
        Some(Kind::Broadcaster) => "broadcaster",
        Some(Kind::Government) => "government",
        Some(Kind::Intelligence) => "intelligence",
        Some(Kind::Analyst) => "analyst",
        Some(Kind::FactChecker) => "fact-checker",
        None => "unknown",
    }
}

fn lane_name(stance: Polarity) -> &'static str {
    match stance {
        Polarity::Support => "supports",
        Polarity::Report => "reports",
        Polarity::Contradict => "contradicts",
    }
}

struct Lane<'a> {
    stance: Polarity,
    rows: usize,
    marks: Vec<Placed<'a>>,
}

struct Placed<'a> {
    attribution: &'a Attribution,
    x: f64,
    row: usize,
}

/// The lanes with at least one dated attribution, each mark given the first row where it does
/// not touch the previous mark (the least crowded row when all are taken).
fn lanes<'a>(p: &'a PropositionView, scale: &Scale) -> Vec<Lane<'a>> {
    let mut out = Vec::new();
    for stance in [Polarity::Support, Polarity::Report, Polarity::Contradict] {
        let mut dated: Vec<(i64, &Attribution)> =
            p.attributions.iter().filter(|a| a.stance == stance).filter_map(|a| Some((a.published?, a))).collect();
        if dated.is_empty() {
            continue;
        }
        dated.sort_by_key(|(_, a)| a.order());
        let mut ends: Vec<f64> = Vec::new();
        let mut marks = Vec::with_capacity(dated.len());
        for (t, attribution) in dated {
            let x = scale.x(t);
            let row = match ends.iter().position(|&end| end + 2.0 * MARK + 3.0 <= x) {
                Some(row) => row,
                None if ends.len() < MAX_ROWS => {
                    ends.push(f64::NEG_INFINITY);
                    ends.len() - 1
                }
                None => (0..ends.len()).min_by(|&a, &b| ends[a].total_cmp(&ends[b])).unwrap_or(0),
            };
            ends[row] = x;
            marks.push(Placed { attribution, x, row });
        }
        out.push(Lane { stance, rows: ends.len().max(1), marks });
    }
    out
}

struct Callout {
    stage: Stage,
    x: f64,
    label_x: f64,
    anchor: &'static str,
    row: usize,
    text: String,
    tooltip: String,
    href: String,
}

/// The dated lifecycle transitions as labelled markers, labels stacked in rows so none overlap.
fn callouts(p: &PropositionView, scale: &Scale) -> Vec<Callout> {
    let mut rows: Vec<f64> = Vec::new();
    let mut out = Vec::new();
    for t in &p.lifecycle {
        let Some(published) = t.published else { continue };
        let x = scale.x(published);
        let text = format!("{} · {}", stage_name(t.stage), t.by);
        let width = 6.2 * text.chars().count() as f64 + 10.0;
        // Labels start at their marker, or end there when they would run off the right edge.
        let (start, anchor, label_x) =
            if x + width > WIDTH { (x - width, "end", x - 3.0) } else { (x, "start", x + 3.0) };
        let row = rows.iter().position(|&end| end <= start).unwrap_or_else(|| {
            rows.push(f64::NEG_INFINITY);
            rows.len() - 1
        });
        rows[row] = start + width;
        let tooltip = format!(
            "{} {} by {}{}",
            stage_name(t.stage),
            day(t.published),
            t.by,
            t.source.as_deref().map(|s| format!(" (in {s})")).unwrap_or_default()
        );
        out.push(Callout {
            stage: t.stage,
            x,
            label_x,
            anchor,
            row,
            text,
            tooltip,
            href: evidence_href(t.document, t.claim),
        });
    }
    out
}

/// One attribution mark: its shape, its grade letter and its tooltip, as a link to its evidence.
fn mark(a: &Attribution, x: f64, y: f64) -> Markup {
    let shape = Shape::of(a.kind);
    let mut class = format!("attribution stance-{} kind-{}", a.stance.as_str(), css_name(kind_name(a.kind)));
    if a.copy {
        class.push_str(" copy");
    }
    if a.acknowledgment {
        class.push_str(" acknowledgment");
    }
    let letter_y = if shape == Shape::Triangle { y + 6.0 } else { y + 4.0 };
    html! {
        a class=(class) href=(evidence_href(a.document, a.claim)) data-document=(a.document.to_string()) data-claim=[a.claim] {
            title {
                (day(a.published)) " · " (a.source.as_deref().unwrap_or("unknown source"))
                " (grade " (a.grade.to_string()) ", " (kind_name(a.kind)) ") · " (a.stance.as_str())
                @if let Some(s) = &a.speaker { " · " (s) } ": " (a.text)
                @if a.copy { " [near-duplicate copy]" }
            }
            @if a.acknowledgment { circle.ring cx=(fmt(x)) cy=(fmt(y)) r=(fmt(MARK + 2.5)) {} }
            (shape.draw(x, y))
            text.grade-letter x=(fmt(x)) y=(fmt(letter_y)) text-anchor="middle" { (a.grade.to_string()) }
        }
    }
}

/// The time axis at height `y`, with date ticks.
pub(super) fn axis(scale: &Scale, y: f64) -> Markup {
    html! {
        line.axis x1=(LEFT) x2=(WIDTH - RIGHT) y1=(fmt(y)) y2=(fmt(y)) {}
        text.axis-note x=(WIDTH - RIGHT) y=(fmt(y + 34.0)) text-anchor="end" { "time stretched where attributions crowd" }
        @for (tx, label) in scale.ticks() {
            line.tick x1=(fmt(tx)) x2=(fmt(tx)) y1=(fmt(y)) y2=(fmt(y + 5.0)) {}
            text.tick-label x=(fmt(tx)) y=(fmt(y + 18.0)) text-anchor="middle" { (label) }
        }
    }
}

/// The shape of a source kind's marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Circle,
    Square,
    Triangle,
    Diamond,
    Hexagon,
}

impl Shape {
    fn of(kind: Option<Kind>) -> Shape {
        match kind {
            Some(Kind::Newspaper | Kind::Broadcaster) => Shape::Circle,
            Some(Kind::Wire) => Shape::Square,
            Some(Kind::Government | Kind::StateMedia) => Shape::Triangle,
            Some(Kind::Intelligence | Kind::Analyst | Kind::FactChecker) => Shape::Diamond,
            None => Shape::Hexagon,
        }
    }

    fn draw(self, x: f64, y: f64) -> Markup {
        let s = MARK;
        match self {
            Shape::Circle => html! { circle.shape cx=(fmt(x)) cy=(fmt(y)) r=(fmt(s)) {} },
            Shape::Square => {
                html! { rect.shape x=(fmt(x - 0.85 * s)) y=(fmt(y - 0.85 * s)) width=(fmt(1.7 * s)) height=(fmt(1.7 * s)) {} }
            }
            Shape::Triangle => {
                let corners = [(x, y - 1.25 * s), (x + 1.15 * s, y + 0.85 * s), (x - 1.15 * s, y + 0.85 * s)];
                html! { polygon.shape points=(points_of(&corners)) {} }
            }
            Shape::Diamond => {
                let corners = [(x, y - 1.2 * s), (x + 1.2 * s, y), (x, y + 1.2 * s), (x - 1.2 * s, y)];
                html! { polygon.shape points=(points_of(&corners)) {} }
            }
            Shape::Hexagon => {
                let corners: Vec<(f64, f64)> = (0..6)
                    .map(|i| {
                        let angle = std::f64::consts::FRAC_PI_3 * f64::from(i);
                        (x + 1.05 * s * angle.cos(), y + 1.05 * s * angle.sin())
                    })
                    .collect();
                html! { polygon.shape points=(points_of(&corners)) {} }
            }
        }
    }
}

/// SVG `points` of a polygon.
pub(super) fn points_of(corners: &[(f64, f64)]) -> String {
    corners.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect::<Vec<_>>().join(" ")
}

/// A coordinate with one decimal.
pub(super) fn fmt(v: f64) -> String {
    format!("{v:.1}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_keeps_time_order_and_gives_a_burst_room() {
        let day = 86_400;
        // Fifty reports within eight hours, then one two hundred days later.
        let mut times: Vec<i64> = (0..50).map(|i| i * 600).collect();
        times.push(200 * day);
        let scale = Scale::new(times).expect("dated");
        let xs: Vec<f64> = (-20..=220).map(|d| scale.x(d * day / 2)).collect();
        assert!(xs.windows(2).all(|w| w[0] <= w[1]), "time runs left to right");
        assert!(xs.iter().all(|x| (LEFT..=WIDTH - RIGHT).contains(x)), "inside the plot");
        let linear = (WIDTH - LEFT - RIGHT) * (49.0 * 600.0) / (200.0 * day as f64);
        assert!(scale.x(49 * 600) - scale.x(0) > 100.0 * linear.max(1.0), "the burst is spread out");
        let ticks = scale.ticks();
        assert!(ticks.len() >= 4, "{ticks:?}");
        assert!(ticks.windows(2).all(|w| w[1].0 - w[0].0 >= 70.0), "labels never touch: {ticks:?}");
    }
}
