import Foundation
import Testing

/// The `OutputOptions` group (`run`, and any command that produces a run) keeps its checks.
extension CLITests {
    @Test func tagWithoutHistoryIsAUsageError() throws {
        let outcome = try evalkit(["run", "Schemes/quickstart.json", "--tag", "x", "--no-history"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("--tag needs the history; remove --no-history"), "\(outcome.stderr)")
    }

    @Test func theOutputOptionsKeepTheirHelp() throws {
        let help = try evalkit(["run", "--help"])
        #expect(help.status == 0)
        for flag in ["--out <out>", "--format <format>", "--junit <junit>", "--baseline <baseline>", "--tag <tag>",
                     "--history <history>", "--no-history", "--allow-different-data", "--quiet", "--predictions"] {
            #expect(help.stdout.contains(flag), "\(flag)")
        }
        let empty = try evalkit(["run", "Schemes/quickstart.json", "--tag", ""])
        #expect(empty.status == 2 && empty.stderr.contains("--tag needs a name"), "\(empty.stderr)")
    }
}
