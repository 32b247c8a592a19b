/// The byte layout of `EventsState` (docs/scale.md, "State files").

extension GridCounts: PortableValue {
    public func write(to writer: inout StateWriter) {
        writer.write(plain: tp)
        writer.write(plain: fp)
        writer.write(plain: fn)
        writer.write(plain: tn)
        writer.write(substitutions)
        writer.write(deletions)
        writer.write(insertions)
        writer.write(units)
    }

    public init(from reader: inout StateReader) throws {
        self.init(classes: 0)
        tp = try reader.readPlain()
        fp = try reader.readPlain()
        fn = try reader.readPlain()
        tn = try reader.readPlain()
        try reader.require(fp.count == tp.count && fn.count == tp.count && tn.count == tp.count, "grid counts of different lengths")
        substitutions = try reader.read()
        deletions = try reader.read()
        insertions = try reader.read()
        units = try reader.read()
    }
}

extension EventCounts: PortableValue {
    public func write(to writer: inout StateWriter) {
        writer.write(plain: reference)
        writer.write(plain: system)
        writer.write(plain: tp)
        writer.write(substitutions)
    }

    public init(from reader: inout StateReader) throws {
        self.init(classes: 0)
        reference = try reader.readPlain()
        system = try reader.readPlain()
        tp = try reader.readPlain()
        try reader.require(system.count == reference.count && tp.count == reference.count, "event counts of different lengths")
        substitutions = try reader.read()
    }
}

extension EventsState.ObjectTally: PortableValue {
    public func write(to writer: inout StateWriter) {
        writer.write(name)
        writer.write(reference)
        writer.write(system)
        writer.write(matched)
    }

    public init(from reader: inout StateReader) throws {
        self.init(name: try reader.readString(), reference: try reader.read(), system: try reader.read(), matched: try reader.read())
    }
}

extension EventsState.Video: PortableValue {
    public func write(to writer: inout StateWriter) {
        writer.write(name)
        writer.write(seconds)
        writer.write(segments)
        writer.write(frames)
        writer.write(events)
        writer.write(intervals)
        writer.write(objects)
        writer.write(actev)
        writer.write(psds)
        writer.write(alignment)
        writer.write(isPart)
        writer.write(weight)
    }

    public init(from reader: inout StateReader) throws {
        self.init(name: try reader.readString(), seconds: try reader.readDouble(), segments: try reader.read(),
                  frames: try reader.readOptional(), events: try reader.read(), intervals: try reader.readOptional())
        objects = try reader.readArray()
        actev = try reader.readOptional()
        psds = try reader.readOptional()
        alignment = try reader.readOptional()
        isPart = try reader.readBool()
        weight = try reader.read()
    }
}

extension EventsState: PortableValue {
    public func write(to writer: inout StateWriter) {
        writer.write(labels)
        writer.write(hasFrames)
        writer.write(videos)
    }

    public init(from reader: inout StateReader) throws {
        self.init(labels: try reader.readStrings(), hasFrames: try reader.readBool())
        videos = try reader.readArray()
        let classes = labels.count
        for (i, video) in videos.enumerated() {
            try reader.require(video.segments.classes == classes && video.events.classes == classes
                                   && (video.frames?.classes ?? classes) == classes && (video.frames != nil) == hasFrames
                                   && (video.intervals?.classes ?? classes) == classes,
                               "a video's counts do not have the state's \(classes) classes")
            if let alignment = video.alignment {
                try reader.require((alignment.reference.label + alignment.system.label).allSatisfy { $0 >= 0 && Int($0) < classes },
                                   "an aligned event's class is not one of the state's \(classes) classes")
            }
            try reader.require(i == 0 || videos[i - 1].name <= video.name, "videos not in order of their names")
        }
    }
}
