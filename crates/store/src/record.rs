//! Record states and actions kept in the database as lowercase words (`passed`, `deploy`,
//! `voting`, …). Each is a Rust enum whose serde, SQL and display forms are the same word, so
//! stored rows and JSON keep their bytes; a stored word no enum knows is a typed error
//! (`GOV-S033`) that names the column's concept and the word, never a panic or a silent default.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSqlOutput, ValueRef};

/// A stored word that is not one of its concept's values (a newer CoGov wrote it, or the file
/// was edited by hand).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the stored {concept} `{value}` is not one this CoGov knows")]
pub struct UnknownValue {
    /// The concept (`build status`, `deploy action`, …).
    pub concept: &'static str,
    /// The word found.
    pub value: String,
}

/// Declares a record enum: serde as snake_case words, `as_str`, `Display`, `FromStr` (error
/// [`UnknownValue`]) and SQL conversions, all from one list of (variant, word) pairs.
macro_rules! record_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident: $concept:literal {
            $($(#[$vmeta:meta])* $variant:ident = $word:literal,)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        $vis enum $name {
            $($(#[$vmeta])* #[serde(rename = $word)] $variant,)+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored word.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $word,)+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::record::UnknownValue;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($word => Ok($name::$variant),)+
                    _ => Err($crate::record::UnknownValue { concept: $concept, value: s.to_owned() }),
                }
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                $crate::record::to_sql(self.as_str())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                $crate::record::from_sql(value)
            }
        }
    };
}
pub(crate) use record_enum;

/// The SQL form of a record word.
pub(crate) fn to_sql(word: &'static str) -> rusqlite::Result<ToSqlOutput<'static>> {
    Ok(ToSqlOutput::from(word))
}

/// Reads a record word; an unknown one becomes [`UnknownValue`] inside rusqlite's conversion
/// error, which [`crate::StoreError::sqlite`] turns into `GOV-S033`.
pub(crate) fn from_sql<T>(value: ValueRef<'_>) -> FromSqlResult<T>
where
    T: std::str::FromStr<Err = UnknownValue>,
{
    let s = <String as FromSql>::column_result(value)?;
    s.parse().map_err(|e: UnknownValue| FromSqlError::Other(Box::new(e)))
}

/// The unknown stored word behind a rusqlite error, if that is what it is (so every crate that
/// reads record enums reports it as `GOV-S033`).
pub fn unknown_value(e: &rusqlite::Error) -> Option<&UnknownValue> {
    match e {
        rusqlite::Error::FromSqlConversionFailure(_, _, inner) => inner.downcast_ref::<UnknownValue>(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::StoreError;
    use crate::builds::BuildStatus;
    use crate::bundles::DeployAction;
    use crate::cases::{CaseKind, CaseState};
    use crate::proposals::ProposalState;
    use crate::releases::{ReleaseAction, ReleaseStatus};
    use crate::versions::VersionKind;
    use cogov_model::ErrorCode;
    use rusqlite::Connection;
    use std::path::Path;

    /// Every record enum's words, in declaration order.
    fn words() -> Vec<Vec<&'static str>> {
        fn w<T: Copy>(all: &[T], f: fn(T) -> &'static str) -> Vec<&'static str> {
            all.iter().map(|v| f(*v)).collect()
        }
        vec![
            w(VersionKind::ALL, VersionKind::as_str),
            w(ProposalState::ALL, ProposalState::as_str),
            w(BuildStatus::ALL, BuildStatus::as_str),
            w(DeployAction::ALL, DeployAction::as_str),
            w(ReleaseAction::ALL, ReleaseAction::as_str),
            w(ReleaseStatus::ALL, ReleaseStatus::as_str),
            w(CaseKind::ALL, CaseKind::as_str),
            w(CaseState::ALL, CaseState::as_str),
        ]
    }

    #[test]
    fn each_enum_has_exactly_the_words_a_checked_column_allows() {
        let schema: String = crate::MIGRATIONS.iter().map(|m| m.1).collect();
        for words in words() {
            let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
            let list = format!("IN ({}))", quoted.join(", "));
            assert!(
                schema.lines().any(|l| l.contains("CHECK") && l.contains(&list)),
                "no column's CHECK allows exactly {list}"
            );
        }
    }

    #[test]
    fn json_sql_and_display_are_the_same_word() {
        let conn = Connection::open_in_memory().expect("db");
        for s in ReleaseAction::ALL {
            assert_eq!(serde_json::to_value(s).expect("json"), s.as_str());
            assert_eq!(serde_json::from_value::<ReleaseAction>(s.as_str().into()).expect("back"), *s);
            assert_eq!(format!("{s:<9}|"), format!("{:<9}|", s.as_str()), "padding is honoured");
            let read: ReleaseAction = conn.query_row("SELECT ?1", [s], |r| r.get(0)).expect("sql");
            assert_eq!(read, *s);
        }
    }

    #[test]
    fn an_unknown_stored_word_is_gov_s033_naming_it() {
        let conn = Connection::open_in_memory().expect("db");
        let e = conn.query_row("SELECT 'escalated'", [], |r| r.get::<_, CaseState>(0)).expect_err("unknown");
        let err = StoreError::sqlite(Path::new("cogov.db"), e);
        assert_eq!(err.code, ErrorCode::StoredValueUnknown);
        assert_eq!(err.message, "the stored case state `escalated` is not one this CoGov knows");
        assert_eq!("Escalated".parse::<CaseState>().expect_err("case matters").value, "Escalated");
    }
}
