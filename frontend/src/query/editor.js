// The SPARQL editor: CodeMirror 6 with codemirror-lang-sparql, Ctrl+Enter to run, the
// typeahead of complete.js, and errors marked at their line and column.
import {basicSetup} from "codemirror";
import {EditorView, keymap} from "@codemirror/view";
import {EditorState, Prec} from "@codemirror/state";
import {autocompletion} from "@codemirror/autocomplete";
import {setDiagnostics, lintGutter} from "@codemirror/lint";
import {sparql} from "codemirror-lang-sparql";
import {completionSource, declaredPrefixes, missingPrefixLines, prefixInsertion} from "./complete.js";

export function createEditor({parent, doc, label, nonce, onRun, onChange, terms}) {
  const extensions = [
    basicSetup,
    sparql(),
    autocompletion({override: [completionSource(terms)], icons: true, maxRenderedOptions: 60}),
    lintGutter(),
    Prec.highest(keymap.of([{key: "Mod-Enter", run: () => { onRun(); return true; }}])),
    EditorView.contentAttributes.of({"aria-label": label}),
    EditorView.updateListener.of((update) => { if (update.docChanged) onChange(); }),
  ];
  if (nonce) extensions.push(EditorView.cspNonce.of(nonce));
  const view = new EditorView({parent, state: EditorState.create({doc, extensions})});
  return {
    view,
    text: () => view.state.doc.toString(),
    setText(text) {
      view.dispatch({changes: {from: 0, to: view.state.doc.length, insert: text},
                     selection: {anchor: 0}, scrollIntoView: true});
      view.dispatch(setDiagnostics(view.state, []));
    },
    focus: () => view.focus(),
    // PREFIX lines for every known prefix the text uses but does not declare.
    addPrefixes(prefixes) {
      const lines = missingPrefixLines(view.state.doc.toString(), prefixes);
      if (!lines.length) return false;
      view.dispatch({changes: prefixInsertion(view.state.doc.toString(), lines.join("\n"))});
      return true;
    },
    declared: () => declaredPrefixes(view.state.doc.toString()),
    // Mark an error at a 1-based line and column (or clear the marks with null).
    markError(error, actions) {
      if (!error) { view.dispatch(setDiagnostics(view.state, [])); return; }
      const doc = view.state.doc;
      const line = doc.line(Math.min(Math.max(error.line, 1), doc.lines));
      const from = Math.min(line.from + Math.max(error.column - 1, 0), line.to);
      const word = /^[^\s{}().;,]+/.exec(doc.sliceString(from, line.to));
      const to = word ? from + word[0].length : Math.min(from + 1, doc.length);
      view.dispatch(setDiagnostics(view.state, [{
        from, to: Math.max(to, from), severity: "error", message: error.message,
        actions: actions || [],
      }]), {selection: {anchor: from}, scrollIntoView: true});
      return {from, to};
    },
  };
}
