//! The static assets, compiled into the binary: one stylesheet and one small script.

use axum::http::header;
use axum::response::IntoResponse;

/// `GET /assets/style.css`.
pub async fn style() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "max-age=300")],
        include_str!("../../assets/style.css"),
    )
}

/// `GET /assets/app.js`.
pub async fn script() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "max-age=300")],
        include_str!("../../assets/app.js"),
    )
}
