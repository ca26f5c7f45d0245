// A textarea-like face on the CodeMirror JSON view's element (`value`, `selectionStart`,
// `selectionEnd`, `setSelectionRange`, `setRangeText`), so that scripts driving the studio
// (the end-to-end tests, assistive tools) read and edit the text as they would a textarea.
import { EditorSelection } from "@codemirror/state";
import type { EditorView } from "@codemirror/view";

export interface TextFacade {
  readonly value: string;
  readonly selectionStart: number;
  readonly selectionEnd: number;
  setSelectionRange(start: number, end: number): void;
  setRangeText(text: string, start: number, end: number, mode?: "select" | "start" | "end" | "preserve"): void;
}

export function installTextFacade(el: HTMLElement, view: EditorView): void {
  const facade: TextFacade = {
    get value() {
      return view.state.doc.toString();
    },
    get selectionStart() {
      return view.state.selection.main.from;
    },
    get selectionEnd() {
      return view.state.selection.main.to;
    },
    setSelectionRange(start, end) {
      view.focus();
      view.dispatch({ selection: EditorSelection.range(start, end), scrollIntoView: true });
    },
    setRangeText(text, start, end, mode = "preserve") {
      const anchor = mode === "start" ? start : mode === "end" || mode === "preserve" ? start + text.length : start;
      const head = mode === "select" ? start + text.length : anchor;
      view.dispatch({ changes: { from: start, to: end, insert: text }, selection: EditorSelection.range(anchor, head) });
    },
  };
  for (const [k, d] of Object.entries(Object.getOwnPropertyDescriptors(facade))) Object.defineProperty(el, k, d);
}
