/// The polyphonic sound detection score for the `events` task (docs/events/psds.md): every
/// distinct score of the system events is an operating point (events scoring at least it), the
/// PSD-ROC is built over all of them, and `psds` is its normalised area up to `max_efpr`; per class
/// `psd_roc_area` is the class's own ROC area on the same scale.
extension EventsMetrics {
    public static func addPSDSMetrics(_ state: EventsState, parameters: PSDSParameters, to computed: inout ComputedMetrics) {
        let whole = state.videos.filter { !$0.isPart }
        let videos = whole.compactMap { video in video.psds.map { (statistics: $0, weight: video.weight) } }
        guard !videos.isEmpty, videos.count == whole.count else { return }
        var metrics = computed.metrics
        let result: PSDSResult
        do throws(PSDSError) {
            result = try PSDS.compute(videos, classes: state.labels.count, parameters: parameters)
        } catch {
            metrics.set("psds", .nan, undefinedReason: "\(error)")
            computed.metrics = metrics
            return
        }
        metrics.set("psds", result.value, undefinedReason: result.undefinedReason)
        computed.metrics = metrics
        guard computed.perClass.count == state.labels.count, result.classes.count == state.labels.count else { return }
        for (k, curve) in result.classes.enumerated() {
            computed.perClass[k].metrics.set("psd_roc_area", curve.area, undefinedReason: curve.undefinedReason)
        }
    }
}
