//! The onboarding dialogue's commands: the state machine is the engine's `Session`; the UI
//! holds its serialised state and passes it back with every step.

use crate::error::CommandError;
use cogov_engine::onboarding::Session;
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

/// How far the dialogue is.
#[derive(Debug, Clone, Serialize, TS)]
pub struct OnboardingProgress {
    /// Questions passed on the current path.
    pub answered: usize,
    /// Questions on the current path (it changes as answers branch).
    pub total: usize,
}

/// What the wizard shows after every step.
#[derive(Debug, Clone, Serialize, TS)]
pub struct OnboardingView {
    /// The session, opaque to the UI: pass it back unchanged.
    #[ts(type = "unknown")]
    pub state: Value,
    /// The question to answer now (its `default` is the answer kept from before, or the
    /// script's default), or null when the dialogue is finished.
    #[ts(type = "Question | null")]
    pub question: Option<Value>,
    /// Progress along the current path.
    pub progress: OnboardingProgress,
    /// The GCO as it stands, with defaults for what is not answered yet.
    #[ts(type = "unknown")]
    pub preview: Value,
    /// Why the last answer was refused, if it was.
    pub error: Option<String>,
    /// Whether every question on the path is answered.
    pub finished: bool,
}

fn view(session: &Session, error: Option<String>) -> Result<OnboardingView, CommandError> {
    let state = serde_json::to_value(session).map_err(|e| CommandError::internal(e.to_string()))?;
    let question = match session.current() {
        Some(q) => {
            let mut v = serde_json::to_value(q).map_err(|e| CommandError::internal(e.to_string()))?;
            if let (Some(obj), Some(s)) = (v.as_object_mut(), session.suggestion()) {
                obj.insert("default".into(), s);
            }
            Some(v)
        }
        None => None,
    };
    let (answered, total) = session.progress();
    Ok(OnboardingView {
        state,
        question,
        progress: OnboardingProgress { answered, total },
        preview: session.preview(),
        error,
        finished: session.is_finished(),
    })
}

fn restore(state: Value) -> Result<Session, CommandError> {
    serde_json::from_value(state).map_err(|e| CommandError::internal(format!("unreadable dialogue state: {e}")))
}

/// Starts a dialogue at its first question.
#[tauri::command]
pub fn onboarding_start() -> Result<OnboardingView, CommandError> {
    view(&Session::new(), None)
}

/// Answers the current question; a refused answer comes back as `error` with the state unchanged.
#[tauri::command]
pub fn onboarding_answer(state: Value, value: Value) -> Result<OnboardingView, CommandError> {
    let mut session = restore(state)?;
    match session.answer(value) {
        Ok(()) => view(&session, None),
        Err(e) => view(&session, Some(e.message)),
    }
}

/// Goes back one question (its answer is kept as the suggestion).
#[tauri::command]
pub fn onboarding_back(state: Value) -> Result<OnboardingView, CommandError> {
    let mut session = restore(state)?;
    session.back();
    view(&session, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_answer_keeps_the_state_and_says_why() {
        let start = onboarding_start().expect("start");
        let q = start.question.clone().expect("a first question");
        let answered = onboarding_answer(start.state.clone(), q["default"].clone()).expect("answer");
        assert!(answered.error.is_none());
        assert_eq!(answered.progress.answered, 1);
        // An object is no valid answer to any question kind.
        let refused = onboarding_answer(answered.state.clone(), serde_json::json!({"nonsense": true})).expect("view");
        assert!(refused.error.is_some());
        assert_eq!(refused.state, answered.state);
        let back = onboarding_back(answered.state).expect("back");
        assert_eq!(back.progress.answered, 0);
        assert_eq!(back.question.expect("first again")["id"], q["id"]);
    }
}
