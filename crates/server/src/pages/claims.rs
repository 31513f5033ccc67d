//! `/claims?speaker=&about=&stance=&since=&until=`: claims filtered like the API's list, with
//! the filter form, stance, source and month facets, and pages.

use super::{Page, PageError, claims_table, facet, layout, pagination, with_query};
use crate::api::claims::{ClaimParams, STANCES, list};
use crate::params::Params;
use crate::state::AppState;
use axum::extract::State;
use maud::html;

/// `GET /claims`.
pub async fn page(State(state): State<AppState>, Params(params): Params<ClaimParams>) -> Result<Page, PageError> {
    let query = params.clone();
    let list = state.read(move |store| list(store, &query)).await?;
    let facets = list.facets.clone().unwrap_or_default();
    let value = |v: &Option<String>| v.clone().unwrap_or_default();
    let month_href = |month: &str| {
        let next = next_month(month);
        with_query(
            "/claims",
            &ClaimParams { since: Some(month.to_owned()), until: next, offset: None, ..params.clone() },
        )
    };
    let body = html! {
        h1 { "Claims" }
        form.filters action="/claims" method="get" {
            label { "Speaker " input type="text" name="speaker" value=(value(&params.speaker)) placeholder="name, entity id or words"; }
            label { "About " input type="text" name="about" value=(value(&params.about)) placeholder="entity id or name"; }
            label { "Stance "
                select name="stance" {
                    option value="" { "any" }
                    @for s in STANCES { option value=(s) selected[params.stance.as_deref() == Some(*s)] { (s) } }
                }
            }
            label { "Source grade "
                select name="grade" title="Admiralty reliability of the publishing source, this grade or better" {
                    option value="" { "any" }
                    @for g in ["A", "B", "C", "D", "E"] {
                        option value=(g) selected[params.grade.as_deref().is_some_and(|p| p.eq_ignore_ascii_case(g))] { (g) " or better" }
                    }
                }
            }
            label { "Since " input type="date" name="since" value=(value(&params.since)); }
            label { "Until " input type="date" name="until" value=(value(&params.until)); }
            button type="submit" { "Filter" }
            " " a href="/claims" { "Clear" }
        }
        div.with-facets {
            aside.facets {
                (facet("Stance", &facets.stance, params.stance.as_deref(), |s| with_query("/claims", &ClaimParams { stance: Some(s.to_owned()), offset: None, ..params.clone() })))
                (facet("Month", &facets.month, None, month_href))
                (facet("Source", &facets.source, None, |s| with_query("/documents", &[("source", s)])))
            }
            div.results {
                (claims_table(&list.items))
                (pagination(&list, |offset| with_query("/claims", &ClaimParams { offset: Some(offset), ..params.clone() })))
            }
        }
    };
    Ok(Page(layout("Claims", "/claims", body)))
}

/// The month after `YYYY-MM`, as `YYYY-MM`.
pub fn next_month(month: &str) -> Option<String> {
    let (year, month) = month.split_once('-')?;
    let (year, month): (i32, u32) = (year.parse().ok()?, month.parse().ok()?);
    Some(if month >= 12 { format!("{:04}-01", year + 1) } else { format!("{year:04}-{:02}", month + 1) })
}
