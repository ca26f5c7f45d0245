//! The operator's questions, answered from the records: build throughput and durations,
//! validation pass rate and the top reason codes, release success, rollback frequency and
//! case lead time. Read-only.

use crate::cases::lead_time_hours;
use crate::{Store, StoreError};
use serde::Serialize;

/// Count, mean and percentiles of a set of figures (nearest rank).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Summary {
    /// How many figures.
    pub count: u32,
    /// Their mean (0 when there are none).
    pub mean: f64,
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
    /// Largest.
    pub max: f64,
}

impl Summary {
    /// Summarises `values` (any order).
    pub fn of(mut values: Vec<f64>) -> Summary {
        if values.is_empty() {
            return Summary::default();
        }
        values.sort_by(f64::total_cmp);
        let n = values.len();
        let rank = |p: f64| values[((p * n as f64).ceil() as usize).clamp(1, n) - 1];
        Summary {
            count: n as u32,
            mean: values.iter().sum::<f64>() / n as f64,
            p50: rank(0.5),
            p95: rank(0.95),
            max: values[n - 1],
        }
    }
}

/// Builds started on one day (UTC).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DayCount {
    /// `YYYY-MM-DD`.
    pub day: String,
    /// Builds that passed every gate.
    pub passed: u32,
    /// Builds that stopped at a gate.
    pub failed: u32,
}

/// How long one stage takes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StageDuration {
    /// The stage.
    pub stage: String,
    /// Its run times in milliseconds (stages that ran).
    pub ms: Summary,
}

/// A reason code and how often it occurred.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CodeCount {
    /// The code.
    pub code: String,
    /// How many times.
    pub count: u32,
}

/// The pipeline's metrics, over one design or all.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Metrics {
    /// The design, or none for every design in the store.
    pub instance: Option<String>,
    /// Builds recorded.
    pub builds: u32,
    /// Builds that passed every gate.
    pub builds_passed: u32,
    /// Builds per day, oldest first.
    pub builds_per_day: Vec<DayCount>,
    /// Whole-build durations in milliseconds (sum of stage times).
    pub build_ms: Summary,
    /// Per-stage durations, in pipeline order.
    pub stage_ms: Vec<StageDuration>,
    /// Validations run (one per saved version).
    pub validations: u32,
    /// Share of validations without blocking findings, 0..=1.
    pub validation_pass_rate: Option<f64>,
    /// The reason codes validations found most, most frequent first (at most 10).
    pub top_reason_codes: Vec<CodeCount>,
    /// The reason codes that failed builds stopped on.
    pub gate_failures: Vec<CodeCount>,
    /// Release steps asked for.
    pub releases: u32,
    /// Release steps refused.
    pub releases_refused: u32,
    /// Share of release steps done, 0..=1.
    pub release_success_rate: Option<f64>,
    /// Versions saved.
    pub versions: u32,
    /// Versions that are rollbacks.
    pub version_rollbacks: u32,
    /// Channel rollbacks.
    pub release_rollbacks: u32,
    /// Rollbacks (of versions and channels) per saved version.
    pub rollback_rate: Option<f64>,
    /// Cases opened.
    pub cases: u32,
    /// Cases not yet resolved.
    pub cases_open: u32,
    /// Hours from opening to resolution, over resolved cases.
    pub case_lead_time_hours: Summary,
}

fn ratio(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| f64::from(part) / f64::from(whole))
}

impl Store {
    /// The metrics of one design, or of the whole store.
    pub fn metrics(&self, instance: Option<&str>) -> Result<Metrics, StoreError> {
        let err = |e| StoreError::sqlite(&self.path, e);
        let c = &self.conn;
        // Every query filters on the design when one is given (`?1 IS NULL OR i.name = ?1`).
        let count = |sql: &str| -> Result<u32, StoreError> { c.query_row(sql, [instance], |r| r.get(0)).map_err(err) };
        const BUILDS: &str = "FROM build_records b JOIN governance_versions v ON v.id = b.version_id \
             JOIN governance_instances i ON i.id = v.instance_id WHERE (?1 IS NULL OR i.name = ?1)";
        const VERSIONS: &str = "FROM governance_versions v JOIN governance_instances i ON i.id = v.instance_id WHERE (?1 IS NULL OR i.name = ?1)";
        const RELEASES: &str = "FROM release_records r JOIN governance_instances i ON i.id = r.instance_id WHERE (?1 IS NULL OR i.name = ?1)";

        let builds = count(&format!("SELECT COUNT(*) {BUILDS}"))?;
        let builds_passed = count(&format!("SELECT COUNT(*) {BUILDS} AND b.status = 'passed'"))?;
        let mut stmt = c
            .prepare(&format!(
                "SELECT substr(b.started_at, 1, 10) AS day, SUM(b.status = 'passed'), SUM(b.status = 'failed') \
                 {BUILDS} GROUP BY day ORDER BY day"
            ))
            .map_err(err)?;
        let builds_per_day = stmt
            .query_map([instance], |r| Ok(DayCount { day: r.get(0)?, passed: r.get(1)?, failed: r.get(2)? }))
            .map_err(err)?
            .collect::<Result<_, _>>()
            .map_err(err)?;
        let mut stmt = c
            .prepare(
                "SELECT s.build_id, s.stage, s.status, s.duration_us FROM build_stages s JOIN build_records b \
                 ON b.id = s.build_id JOIN governance_versions v ON v.id = b.version_id JOIN governance_instances i \
                 ON i.id = v.instance_id WHERE (?1 IS NULL OR i.name = ?1) ORDER BY s.build_id, s.seq",
            )
            .map_err(err)?;
        let rows: Vec<(i64, String, String, i64)> = stmt
            .query_map([instance], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .map_err(err)?
            .collect::<Result<_, _>>()
            .map_err(err)?;
        let mut per_build: Vec<(i64, f64)> = Vec::new();
        let mut per_stage: Vec<(String, Vec<f64>)> = Vec::new();
        for (build, stage, status, us) in rows {
            let ms = us as f64 / 1000.0;
            match per_build.last_mut() {
                Some((b, total)) if *b == build => *total += ms,
                _ => per_build.push((build, ms)),
            }
            if status == "passed" || status == "failed" {
                match per_stage.iter_mut().find(|(s, _)| *s == stage) {
                    Some((_, v)) => v.push(ms),
                    None => per_stage.push((stage, vec![ms])),
                }
            }
        }
        let build_ms = Summary::of(per_build.into_iter().map(|(_, ms)| ms).collect());
        let stage_ms = per_stage.into_iter().map(|(stage, v)| StageDuration { stage, ms: Summary::of(v) }).collect();

        const VALIDATIONS: &str = "FROM governance_validations gv JOIN governance_versions v ON v.id = gv.version_id \
             JOIN governance_instances i ON i.id = v.instance_id WHERE (?1 IS NULL OR i.name = ?1)";
        let validations = count(&format!("SELECT COUNT(*) {VALIDATIONS}"))?;
        let passing = count(&format!("SELECT COUNT(*) {VALIDATIONS} AND gv.blocking = 0"))?;
        let codes = |sql: &str| -> Result<Vec<CodeCount>, StoreError> {
            let mut stmt = c.prepare(sql).map_err(err)?;
            stmt.query_map([instance], |r| Ok(CodeCount { code: r.get(0)?, count: r.get(1)? }))
                .map_err(err)?
                .collect::<Result<_, _>>()
                .map_err(err)
        };
        let top_reason_codes = codes(
            "SELECT json_extract(f.value, '$.code') AS code, COUNT(*) AS n FROM governance_validations gv \
             JOIN governance_versions v ON v.id = gv.version_id JOIN governance_instances i ON i.id = v.instance_id, \
             json_each(gv.report, '$.findings') f WHERE (?1 IS NULL OR i.name = ?1) AND code IS NOT NULL \
             GROUP BY code ORDER BY n DESC, code LIMIT 10",
        )?;
        let gate_failures = codes(&format!(
            "SELECT b.reason_code AS code, COUNT(*) AS n {BUILDS} AND b.status = 'failed' AND code IS NOT NULL \
             GROUP BY code ORDER BY n DESC, code"
        ))?;

        let releases = count(&format!("SELECT COUNT(*) {RELEASES}"))?;
        let releases_refused = count(&format!("SELECT COUNT(*) {RELEASES} AND r.status = 'refused'"))?;
        let release_rollbacks =
            count(&format!("SELECT COUNT(*) {RELEASES} AND r.action = 'rollback' AND r.status = 'done'"))?;
        let versions = count(&format!("SELECT COUNT(*) {VERSIONS}"))?;
        let version_rollbacks = count(&format!("SELECT COUNT(*) {VERSIONS} AND v.kind = 'rollback'"))?;

        let cases = self.cases(instance, None)?;
        let lead = cases.iter().filter_map(lead_time_hours).collect();
        Ok(Metrics {
            instance: instance.map(str::to_owned),
            builds,
            builds_passed,
            builds_per_day,
            build_ms,
            stage_ms,
            validations,
            validation_pass_rate: ratio(passing, validations),
            top_reason_codes,
            gate_failures,
            releases,
            releases_refused,
            release_success_rate: ratio(releases - releases_refused, releases),
            versions,
            version_rollbacks,
            release_rollbacks,
            rollback_rate: ratio(version_rollbacks + release_rollbacks, versions),
            cases: cases.len() as u32,
            cases_open: cases.iter().filter(|c| c.state != crate::cases::CaseState::Resolved).count() as u32,
            case_lead_time_hours: Summary::of(lead),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Summary;

    #[test]
    fn nearest_rank_percentiles() {
        let s = Summary::of((1..=20).rev().map(f64::from).collect());
        assert_eq!((s.count, s.mean, s.p50, s.p95, s.max), (20, 10.5, 10.0, 19.0, 20.0));
        assert_eq!(Summary::of(vec![]), Summary::default());
        assert_eq!(Summary::of(vec![3.0]).p95, 3.0);
    }
}
