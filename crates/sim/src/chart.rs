//! Charts of a report as SVG text (plotters' SVG backend: text is emitted as `<text>`
//! elements, so no font is needed to draw them).
//!
//! - [`treasury`]: the end-of-step balance, 5th–95th percentile band and median, beside the
//!   baseline's median and band;
//! - [`passed`]: passed proposals per step, median and band, beside the baseline's median;
//! - [`outcomes`]: mean outcomes per run for each proposal type, scenario beside baseline;
//! - [`risk`]: how each risk score moves from the design before the shocks to the design they
//!   leave, relative to its value before (drawn when the report carries its risk delta).

use crate::{Band, Report};
use plotters::prelude::*;

const WIDTH: u32 = 900;
const HEIGHT: u32 = 420;
const SCENARIO: RGBColor = RGBColor(200, 70, 40);
const BASELINE: RGBColor = RGBColor(40, 100, 180);

/// A chart that could not be drawn.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("chart: {0}")]
pub struct ChartError(pub String);

fn err<E: std::fmt::Debug>(e: E) -> ChartError {
    ChartError(format!("{e:?}"))
}

/// An axis value with thousands grouped (`1 250 000`), or one decimal below 10.
fn grouped(v: f64) -> String {
    if v.abs() < 10.0 && v.fract() != 0.0 {
        return format!("{v:.1}");
    }
    let digits = format!("{:.0}", v.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    if v < -0.5 { format!("-{out}") } else { out }
}

fn range(bands: &[&Band]) -> (f64, f64) {
    let values = bands.iter().flat_map(|b| b.p5.iter().chain(&b.p50).chain(&b.p95)).copied().filter(|v| v.is_finite());
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    let pad = ((hi - lo) * 0.05).max(1.0);
    (lo.min(0.0).min(lo - pad).max(if lo >= 0.0 { 0.0 } else { f64::NEG_INFINITY }), hi + pad)
}

fn band_chart(title: &str, y_label: &str, scenario: &Band, baseline: &Band) -> Result<String, ChartError> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let steps = scenario.p50.len().max(1);
        let (lo, hi) = range(&[scenario, baseline]);
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 20))
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(80)
            .build_cartesian_2d(0f64..steps as f64, lo..hi)
            .map_err(err)?;
        chart
            .configure_mesh()
            .x_desc("step")
            .x_label_formatter(&|t| format!("{t:.0}"))
            .y_desc(y_label)
            .y_label_formatter(&|v| grouped(*v))
            .light_line_style(WHITE.mix(0.0))
            .draw()
            .map_err(err)?;
        for (band, color, name) in [(baseline, BASELINE, "baseline"), (scenario, SCENARIO, "scenario")] {
            let upper: Vec<(f64, f64)> = band.p95.iter().enumerate().map(|(t, v)| (t as f64, *v)).collect();
            let lower: Vec<(f64, f64)> = band.p5.iter().enumerate().rev().map(|(t, v)| (t as f64, *v)).collect();
            let poly: Vec<(f64, f64)> = upper.into_iter().chain(lower).collect();
            chart.draw_series(std::iter::once(Polygon::new(poly, color.mix(0.18).filled()))).map_err(err)?;
            chart
                .draw_series(LineSeries::new(
                    band.p50.iter().enumerate().map(|(t, v)| (t as f64, *v)),
                    color.stroke_width(2),
                ))
                .map_err(err)?
                .label(format!("{name}: median, 5th–95th percentile band"))
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(2)));
        }
        chart
            .configure_series_labels()
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.3))
            .position(SeriesLabelPosition::UpperRight)
            .draw()
            .map_err(err)?;
        root.present().map_err(err)?;
    }
    Ok(svg)
}

/// Treasury balance over time: the scenario's band against the baseline's.
pub fn treasury(report: &Report) -> Result<String, ChartError> {
    band_chart("Treasury balance", "balance at end of step", &report.scenario.balance, &report.baseline.balance)
}

/// Passed proposals per step: the scenario's band against the baseline's.
pub fn passed(report: &Report) -> Result<String, ChartError> {
    band_chart("Passed proposals per step", "passed", &report.scenario.passed, &report.baseline.passed)
}

/// Mean outcomes per run for each proposal type, the scenario's bar beside the baseline's.
pub fn outcomes(report: &Report) -> Result<String, ChartError> {
    const KINDS: [&str; 4] = ["passed", "no_quorum", "rejected", "no_signers"];
    const COLORS: [RGBColor; 4] =
        [RGBColor(60, 150, 80), RGBColor(150, 150, 150), RGBColor(200, 70, 40), RGBColor(230, 160, 30)];
    let rows: Vec<(String, [f64; 4], [f64; 4])> = report
        .scenario
        .per_type
        .iter()
        .zip(&report.baseline.per_type)
        .map(|(s, b)| {
            (
                s.id.clone(),
                [s.passed, s.no_quorum, s.rejected, s.no_signers],
                [b.passed, b.no_quorum, b.rejected, b.no_signers],
            )
        })
        .collect();
    let max = rows.iter().flat_map(|(_, s, b)| [s.iter().sum::<f64>(), b.iter().sum::<f64>()]).fold(1.0, f64::max);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let n = rows.len().max(1) as f64;
        let mut chart = ChartBuilder::on(&root)
            .caption("Outcomes by proposal type (mean per run; left scenario, right baseline)", ("sans-serif", 18))
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(70)
            .build_cartesian_2d(0f64..n, 0f64..max * 1.1)
            .map_err(err)?;
        let labels: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(rows.len().max(1) * 2 + 1)
            .x_label_formatter(&|x| {
                let i = x.floor() as usize;
                if (x - x.floor() - 0.5).abs() < 1e-9 {
                    labels.get(i).cloned().unwrap_or_default()
                } else {
                    String::new()
                }
            })
            .y_desc("proposals per run")
            .draw()
            .map_err(err)?;
        for (i, (_, s, b)) in rows.iter().enumerate() {
            for (offset, values, alpha) in [(0.1, s, 1.0), (0.52, b, 0.45)] {
                let x0 = i as f64 + offset;
                let mut y = 0.0;
                for (k, v) in values.iter().enumerate() {
                    let rect = Rectangle::new([(x0, y), (x0 + 0.38, y + v)], COLORS[k].mix(alpha).filled());
                    chart.draw_series(std::iter::once(rect)).map_err(err)?;
                    y += v;
                }
            }
        }
        for (k, name) in KINDS.iter().enumerate() {
            let c = COLORS[k];
            chart
                .draw_series(std::iter::empty::<Rectangle<(f64, f64)>>())
                .map_err(err)?
                .label(*name)
                .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], c.filled()));
        }
        chart
            .configure_series_labels()
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.3))
            .position(SeriesLabelPosition::UpperRight)
            .draw()
            .map_err(err)?;
        root.present().map_err(err)?;
    }
    Ok(svg)
}

/// The risk delta: one bar per score, its change relative to the value before, red when
/// for the worse and green when for the better, labelled with the old and new values and levels.
/// `None` when the report carries no risk delta.
pub fn risk(report: &Report) -> Result<Option<String>, ChartError> {
    let Some(deltas) = report.derived.risk_delta.as_ref().and_then(|d| d["deltas"].as_array()) else {
        return Ok(None);
    };
    let rows: Vec<(String, f64, String)> = deltas
        .iter()
        .rev() // the first score on top
        .map(|d| {
            let name = d["name"].as_str().unwrap_or_default().to_owned();
            let (old, delta) = (d["old"].as_f64().unwrap_or(0.0), d["delta"].as_f64().unwrap_or(0.0));
            // Relative to the value before (scores' ranges differ too much to share an axis);
            // from zero, any change counts as 100 %.
            let share = match (old.abs() > 1e-9, delta == 0.0) {
                (_, true) => 0.0,
                (true, false) => (delta / old.abs()).clamp(-2.0, 2.0),
                (false, false) => 1.0,
            };
            let sign = if d["worse"].as_bool() == Some(true) { 1.0 } else { -1.0 };
            let label = format!(
                "{:.3} → {:.3} ({} → {})",
                d["old"].as_f64().unwrap_or(0.0),
                d["new"].as_f64().unwrap_or(0.0),
                d["old_level"].as_str().unwrap_or("?"),
                d["new_level"].as_str().unwrap_or("?")
            );
            // Drawn on a worse-is-right axis whatever the score's direction.
            (name, sign * share.abs(), label)
        })
        .collect();
    let reach = rows.iter().map(|r| r.1.abs()).fold(0.05, f64::max) * 1.15;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let n = rows.len().max(1) as f64;
        let mut chart = ChartBuilder::on(&root)
            .caption("Risk delta: the design the shocks leave against the design before", ("sans-serif", 18))
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(190)
            .build_cartesian_2d(-reach..reach, 0f64..n)
            .map_err(err)?;
        let names: Vec<String> = rows.iter().map(|r| r.0.replace('_', " ")).collect();
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(rows.len() * 2 + 1)
            .y_label_formatter(&|y| {
                let i = y.floor() as usize;
                if (y - y.floor() - 0.5).abs() < 1e-9 {
                    names.get(i).cloned().unwrap_or_default()
                } else {
                    String::new()
                }
            })
            .x_label_formatter(&|x| format!("{:+.0}%", x * 100.0))
            .x_desc("change relative to the value before (right: worse, left: better)")
            .draw()
            .map_err(err)?;
        chart
            .draw_series(std::iter::once(PathElement::new(vec![(0.0, 0.0), (0.0, n)], BLACK.stroke_width(1))))
            .map_err(err)?;
        for (i, (_, x, label)) in rows.iter().enumerate() {
            let color = if *x > 0.0 { SCENARIO } else { RGBColor(60, 150, 80) };
            let (y0, y1) = (i as f64 + 0.2, i as f64 + 0.8);
            chart.draw_series(std::iter::once(Rectangle::new([(0.0, y0), (*x, y1)], color.filled()))).map_err(err)?;
            let at = if *x >= 0.0 { -reach * 0.98 } else { reach * 0.35 };
            chart
                .draw_series(std::iter::once(Text::new(label.clone(), (at, i as f64 + 0.62), ("sans-serif", 13))))
                .map_err(err)?;
        }
        root.present().map_err(err)?;
    }
    Ok(Some(svg))
}

/// Every chart, as `(file name, SVG text)`; `risk.svg` when the report carries its risk delta.
pub fn all(report: &Report) -> Result<Vec<(&'static str, String)>, ChartError> {
    let mut out =
        vec![("treasury.svg", treasury(report)?), ("passed.svg", passed(report)?), ("outcomes.svg", outcomes(report)?)];
    if let Some(svg) = risk(report)? {
        out.push(("risk.svg", svg));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn axis_values_group_thousands() {
        assert_eq!(super::grouped(1_250_000.0), "1\u{202f}250\u{202f}000");
        assert_eq!(super::grouped(999.0), "999");
        assert_eq!(super::grouped(-4500.0), "-4\u{202f}500");
        assert_eq!(super::grouped(2.5), "2.5");
    }
}
