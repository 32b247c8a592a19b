import Testing
@testable import EvalKit
import EvalKitData

/// The kinds' declared scheme surfaces are consistent with the common keys.
@Suite struct SchemeSurfaceTests {
    @Test(arguments: TaskRegistry.names)
    func surfaceExtendsTheCommonKeys(_ name: String) throws {
        let surface = try #require(TaskRegistry.kind(named: name)).surface
        #expect(Set(surface.predictionKeys).isDisjoint(with: SchemeSurface.commonPredictionKeys))
        #expect(Set(surface.manifest.columnKeys).isDisjoint(with: ManifestSurface.commonColumnKeys))
        #expect(surface.manifest.kind == name)
        #expect(Set(surface.roles).isSubset(of: DatasetManifest.roles) && surface.roles.contains("ground_truth"))
        #expect(!surface.optionKeys.isEmpty && !surface.formats.isEmpty)
    }

    @Test func anyManifestTakesEveryKindsColumns() {
        #expect(TaskRegistry.anyManifest.allowedColumnKeys == ["id", "label", "attributes", "labels", "object_attributes",
                                                               "onset", "offset", "frame", "duration", "fps", "object", "event_attributes",
                                                               "subject", "length", "frame_rate", "width", "height"])
    }
}
