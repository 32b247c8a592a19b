import EvalKit
import EvalKitData
import Foundation
import GRDB

extension RunHistory {
    /// The per-item outcomes a run recorded for an evaluation (runs recorded with `--tag` or
    /// `--out`), or nil.
    public func outcomes(runID: Int64, evaluation: String) throws -> ItemOutcomes? {
        let data = try reading { db in
            try Data.fetchOne(db, sql: """
                SELECT outcome.data FROM outcome JOIN evaluation ON evaluation.id = outcome.evaluation_id
                WHERE evaluation.run_id = ? AND evaluation.name = ?
                """, arguments: [runID, evaluation])
        }
        return try data.map { try ItemOutcomes.decode($0, file: "\(path) run \(runID)") }
    }
}
