/// The byte layout of `ActEVVideoStatistics` (docs/scale.md, "State files"): positional, in
/// declaration order; optionals as a presence byte and the value.

extension ActEVAlignmentContext: PortableValue {
    public func write(to writer: inout StateWriter) {
        writer.write(systemInstances)
        writer.write(minimumConfidence)
        writer.write(maximumConfidence)
        writer.write(secondFrames)
        writer.write(prunedBounds != nil)
        if let bounds = prunedBounds {
            writer.write(bounds.minimum)
            writer.write(bounds.maximum)
        }
    }

    public init(from reader: inout StateReader) throws {
        self.init(systemInstances: try reader.readInt(), minimumConfidence: try reader.readDouble(),
                  maximumConfidence: try reader.readDouble(), secondFrames: try reader.readDouble())
        try reader.require(systemInstances >= 0, "a negative count of system instances")
        if try reader.readBool() {
            prunedBounds = (try reader.readDouble(), try reader.readDouble())
        }
    }
}

extension ActEVVideoStatistics.Detection: PortableValue {
    public func write(to writer: inout StateWriter) {
        writer.write(presenceConf)
        writer.write(matched)
        writer.write(nMIDE != nil)
        if let nMIDE { writer.write(nMIDE) }
        writer.write(timeFalseAlarmFrames)
    }

    public init(from reader: inout StateReader) throws {
        let conf = try reader.readDouble()
        let matched = try reader.readBool()
        let term: Double? = try reader.readBool() ? try reader.readDouble() : nil
        try reader.require(matched || term == nil, "a false alarm with an n-MIDE term")
        self.init(presenceConf: conf, matched: matched, nMIDE: term, timeFalseAlarmFrames: try reader.readInt())
    }
}

extension ActEVVideoStatistics.Activity: PortableValue {
    public func write(to writer: inout StateWriter) {
        writer.write(name)
        writer.write(references)
        writer.write(nonReferenceFrames)
        writer.write(detections)
    }

    public init(from reader: inout StateReader) throws {
        self.init(name: try reader.readString(), references: try reader.readInt(), nonReferenceFrames: try reader.readInt(),
                  detections: try reader.readArray())
        try reader.require(references >= 0, "a negative count of reference instances")
        for k in detections.indices.dropFirst() {
            try reader.require(detections[k - 1].presenceConf >= detections[k].presenceConf, "detections not by decreasing presenceConf")
        }
    }
}

extension ActEVVideoStatistics: PortableValue {
    public func write(to writer: inout StateWriter) {
        writer.write(file)
        writer.write(frameRate)
        writer.write(selectedFrames)
        writer.write(activities)
        writer.write(context)
    }

    public init(from reader: inout StateReader) throws {
        self.init(file: try reader.readString(), frameRate: try reader.readDouble(), selectedFrames: try reader.readInt(),
                  activities: try reader.readArray(), context: try reader.read())
        for k in activities.indices.dropFirst() {
            try reader.require(activities[k - 1].name < activities[k].name, "activities not in order of their names")
        }
    }
}
