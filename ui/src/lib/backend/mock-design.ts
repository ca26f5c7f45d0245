// A small, complete design embedded in the mock backend: the canned data of unit tests and
// of `npm run dev` in a plain browser. It lives as JSON (fixtures/harbour-commons.design.json)
// so that the Rust fixture test (src-tauri/tests/mock_fixtures.rs) runs the real engine on the
// very design the view tests use; the engine's answers for it are fixtures/*.views.json.
import design from "./fixtures/harbour-commons.design.json";

export const MOCK_DESIGN = design;
