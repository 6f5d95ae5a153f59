// The SPARQL editor: CodeMirror 6 with codemirror-lang-sparql, Ctrl+Enter to run, the
// typeahead of complete.js, and errors marked at their line and column.
import {basicSetup} from "codemirror";
import {EditorView, keymap} from "@codemirror/view";
import {EditorState, Prec} from "@codemirror/state";
import {autocompletion} from "@codemirror/autocomplete";
import {HighlightStyle, syntaxHighlighting} from "@codemirror/language";
import {tags} from "@lezer/highlight";
import {setDiagnostics, lintGutter} from "@codemirror/lint";
import {sparql} from "codemirror-lang-sparql";
import {completionSource, declaredPrefixes, missingPrefixLines, prefixInsertion} from "./complete.js";

// The page's colours (WCAG AA on the editor's background), before CodeMirror's defaults.
const highlight = HighlightStyle.define([
  {tag: tags.keyword, color: "#8b1a6b", fontWeight: "700"},
  {tag: [tags.variableName], color: "#0b5b3a"},
  {tag: [tags.url, tags.namespace, tags.typeName], color: "#0b4f94"},
  {tag: tags.string, color: "#8a3d00"},
  {tag: tags.comment, color: "#5b6370", fontStyle: "italic"},
  {tag: [tags.integer, tags.float, tags.bool], color: "#7b3fa0"},
  {tag: tags.annotation, color: "#8a3d00"},
]);

export function createEditor({parent, doc, label, nonce, onRun, onChange, terms}) {
  const extensions = [
    Prec.high(syntaxHighlighting(highlight)),
    basicSetup,
    sparql(),
    autocompletion({override: [completionSource(terms)], icons: true, maxRenderedOptions: 60}),
    lintGutter(),
    Prec.highest(keymap.of([{key: "Mod-Enter", run: () => { onRun(); return true; }}])),
    // tabindex: the content is the scroller's keyboard stop (axe: scrollable-region-focusable)
    EditorView.contentAttributes.of({"aria-label": label, tabindex: "0"}),
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
