import EvalKit
import EvalKitData

/// The footer of the HTML report: what the numbers were computed from and by what, so that a
/// reader can check them: the scheme (name, path, sha256), evalkit's version, when the run was
/// made, the git commit holding the scheme, and per evaluation every file read with its sha256.
enum HTMLProvenance {
    static func render(_ result: RunResult, provenance: ReportProvenance, outline: HTMLOutline, into out: inout String) {
        outline.open("provenance", title: "Provenance", level: 2, footer: true, into: &out)
        HTMLTable.open(into: &out, caption: nil, columns: [], className: "p")
        let commit = provenance.gitCommit.map { "<code>\(HTMLEscaping.escape($0))</code>" } ?? "none (the scheme is not in a git repository)"
        let rows: [(String, String)] = [
            ("scheme", HTMLEscaping.escape(result.schemeName)),
            ("scheme path", "<code>\(HTMLEscaping.escape(result.schemePath))</code>"),
            ("scheme sha256", "<code>\(HTMLEscaping.escape(result.schemeSHA256))</code>"),
            ("evalkit version", HTMLEscaping.escape(result.version)),
            ("run at", "<time datetime=\"\(provenance.timeText)\">\(provenance.timeText)</time>"),
            ("git commit", commit),
        ]
        for (name, value) in rows { HTMLTable.row(into: &out, header: name, cells: [value]) }
        HTMLTable.close(into: &out)
        for e in result.evaluations {
            out += "<h3>Files of \(HTMLEscaping.escape(e.name))</h3>\n"
            HTMLTable.open(into: &out, caption: nil, columns: ["role", "path", "rows", "sha256"], className: "p")
            var files = e.files.map { (role: $0.role, path: $0.path, rows: NumberFormatting.count($0.rows), sha256: $0.sha256) }
            if files.isEmpty {
                // A result made without the file list (older results): the two digests of §4.
                files = [("ground_truth", e.manifestPath ?? e.datasetName, "", e.datasetSHA256),
                         ("predictions", e.predictionsPath, "", e.predictionsSHA256)]
            }
            for file in files {
                HTMLTable.row(into: &out, header: HTMLEscaping.escape(file.role.replacingOccurrences(of: "_", with: " ")),
                              cells: ["<code>\(HTMLEscaping.escape(file.path))</code>", file.rows,
                                      "<code>\(HTMLEscaping.escape(file.sha256))</code>"])
            }
            HTMLTable.close(into: &out)
            if let setup = e.setupSHA256 {
                out += "<p><small>setup sha256 (task, options, slicing): <code>\(HTMLEscaping.escape(setup))</code></small></p>\n"
            }
        }
        out += "</footer>\n"
    }
}
