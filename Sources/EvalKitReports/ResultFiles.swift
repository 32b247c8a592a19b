import EvalKit
import EvalKitData
import Foundation

/// A run's result files: `results.json`, the HTML report (`report.html`), the outcome sidecars
/// (`outcomes/<n>.bin`), per-item tables (`<table>-<n>.csv`), plots (`<plot>-<n>.png`,
/// `PlotRenderer`) in the `--out` directory, and the JUnit report. They are staged (`StagedFiles`)
/// and moved into place together, so a reader never sees a half-written results.json or
/// report.html and a failed run leaves none behind.
public enum ResultFiles {
    /// Stages every result file of `result` into `directory` (created when missing).
    /// `provenance`: the run's time and git commit for report.html (nil: captured now); `threads`
    /// encode the plots' PNGs.
    public static func stage(_ result: RunResult, into directory: String, files: StagedFiles,
                             provenance: ReportProvenance? = nil, threads: Threads = .available) throws {
        try files.createDirectory(directory)
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        // The engine withholds item-level outputs of an aggregate_only run; checked again here,
        // where the files are written.
        let itemLevel = result.privacy == .full
        for (index, evaluation) in result.evaluations.enumerated() {
            if itemLevel, let outcomes = evaluation.outcomes {
                try files.createDirectory(path("outcomes"))
                try files.add(outcomes.encoded(), to: path("outcomes/\(index + 1).bin"))
            }
            for table in evaluation.computed.itemTables where itemLevel || !table.itemLevel {
                try files.add(Data(table.csv.utf8), to: path("\(table.name)-\(index + 1).csv"))
            }
        }
        var warnings: [String] = []
        let plots = try PlotRenderer.render(result, warnings: &warnings, threads: threads)
        for warning in warnings { StandardStreams.error("warning: \(warning)\n") }
        for plot in plots { try files.add(plot.png, to: path(plot.file)) }
        let report = HTMLReport.render(result, plots: plots,
                                       provenance: provenance ?? .capture(schemePath: result.schemePath))
        try files.add(Data(report.utf8), to: path("report.html"))
        try files.add(Data(ResultsJSON.text(result).utf8), to: path("results.json"))
    }

    /// Files in `directory` that an aggregate_only run of `result` does not write but that may be
    /// item-level outputs of an earlier run into the same directory: the `outcomes/` sidecars and
    /// CSV tables other than the ones `result` writes. The run leaves them (they are not its
    /// files) and warns; relative names, sorted.
    public static func earlierItemLevelFiles(in directory: String, result: RunResult) -> [String] {
        guard result.privacy == .aggregateOnly,
              let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var written = Set<String>()
        for (index, evaluation) in result.evaluations.enumerated() {
            for table in evaluation.computed.itemTables where !table.itemLevel { written.insert("\(table.name)-\(index + 1).csv") }
        }
        var found = names.filter { $0.hasSuffix(".csv") && !written.contains($0) }
        if let sidecars = try? FileManager.default.contentsOfDirectory(atPath: (directory as NSString).appendingPathComponent("outcomes")),
           sidecars.contains(where: { $0.hasSuffix(".bin") }) {
            found.append("outcomes/")
        }
        return found.sorted()
    }

    /// Stages the JUnit XML report (`--junit FILE`).
    public static func stageJUnit(_ result: RunResult, to destination: OutputDestination, duration: Double?,
                                  files: StagedFiles) throws {
        try files.add(Data(JUnitReport.render(result, duration: duration).utf8), to: destination, what: "--junit")
    }

    /// Writes every result file of `result` into `directory` at once (stage, then commit).
    public static func write(_ result: RunResult, to directory: String, provenance: ReportProvenance? = nil) throws {
        let files = StagedFiles()
        do {
            try stage(result, into: directory, files: files, provenance: provenance)
            try files.commit()
        } catch {
            files.discard()
            throw error
        }
    }

    /// Writes the JUnit XML report to `path` (stage, then commit).
    public static func writeJUnit(_ result: RunResult, to path: String, duration: Double? = nil) throws {
        let files = StagedFiles()
        do {
            try stageJUnit(result, to: OutputDestination.check(path, what: "--junit"), duration: duration, files: files)
            try files.commit()
        } catch {
            files.discard()
            throw error
        }
    }
}

/// An output location that cannot be written: reported like bad input (exit 2).
public func InputErrorForOutput(path: String, message: String) -> Error {
    EvalKitData.InputError(file: path, message: message)
}
