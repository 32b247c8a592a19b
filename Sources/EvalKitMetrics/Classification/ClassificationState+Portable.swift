/// The byte layout of the classification states (docs/scale.md, "State files"): every stored
/// field in declaration order; pending (not yet sorted) parts are written as they are, so a
/// state reads back field for field.

extension ConfusionCells: PortableValue {
    public func write(to writer: inout StateWriter) {
        writer.write(classCount)
        writer.write(plain: dense)
        writer.write(plain: keys)
        writer.write(plain: values)
        let pendingPairs = pending.sorted { $0.key < $1.key }
        writer.write(plain: pendingPairs.map(\.key))
        writer.write(plain: pendingPairs.map(\.value))
    }

    public init(from reader: inout StateReader) throws {
        let classCount = try reader.readInt()
        try reader.require(classCount >= 1 && classCount <= Int(Int32.max), "a class count of \(classCount)")
        self.init(classCount: classCount, sparse: true)
        dense = try reader.readPlain()
        keys = try reader.readPlain()
        values = try reader.readPlain()
        let pendingKeys = try reader.readPlain([Int64].self)
        let pendingValues = try reader.readPlain([Int64].self)
        try reader.require(dense.isEmpty || dense.count == classCount * classCount, "a dense confusion matrix of \(dense.count) cells for \(classCount) classes")
        try reader.require(keys.count == values.count && pendingKeys.count == pendingValues.count, "confusion keys and counts differ in length")
        let limit = Int64(classCount)
        try reader.require((keys + pendingKeys).allSatisfy { $0 >> 32 < limit && $0 & 0xFFFF_FFFF < limit && $0 >= 0 },
                           "a confusion cell outside \(classCount) classes")
        pending = Dictionary(uniqueKeysWithValues: zip(pendingKeys, pendingValues))
    }
}

extension ScoreRuns: PortableValue {
    public func write(to writer: inout StateWriter) {
        writer.write(pendingLimit)
        writer.write(plain: runKeys)
        writer.write(plain: runPositives)
        writer.write(plain: runNegatives)
        writer.write(plain: pendingPositive)
        writer.write(plain: pendingNegative)
    }

    public init(from reader: inout StateReader) throws {
        let limit = try reader.readInt()
        try reader.require(limit >= 1, "a pending limit of \(limit)")
        self.init(pendingLimit: limit)
        runKeys = try reader.readPlain()
        runPositives = try reader.readPlain()
        runNegatives = try reader.readPlain()
        pendingPositive = try reader.readPlain()
        pendingNegative = try reader.readPlain()
        try reader.require(runKeys.count == runPositives.count && runKeys.count == runNegatives.count, "score runs differ in length")
        try reader.require(zip(runKeys, runKeys.dropFirst()).allSatisfy { $0 < $1 }, "score runs not in ascending order")
    }
}

extension ClassProbabilityState: PortableValue {
    public func write(to writer: inout StateWriter) {
        writer.write(classCount)
        writer.write(plain: rowTruth)
        writer.write(plain: rowWeight)
        writer.write(plain: rowRank)
        writer.write(plain: rowLoss)
        writer.write(plain: columnKeys)
        writer.write(plain: columnRows)
        writer.write(plain: lossOrder)
        writer.write(sortedRows)
        writer.write(plain: pendingKeys)
        writer.write(rowsAboveOne)
        writer.write(unnormalisedRows)
        writer.write(largestSumDeviation)
    }

    public init(from reader: inout StateReader) throws {
        let classCount = try reader.readInt()
        try reader.require(classCount >= 2 && classCount <= 1 << 24, "a probability column count of \(classCount)")
        self.init(classCount: classCount)
        rowTruth = try reader.readPlain()
        rowWeight = try reader.readPlain()
        rowRank = try reader.readPlain()
        rowLoss = try reader.readPlain()
        columnKeys = try reader.readPlainArrays()
        columnRows = try reader.readPlainArrays()
        lossOrder = try reader.readPlain()
        sortedRows = try reader.readInt()
        pendingKeys = try reader.readPlainArrays()
        rowsAboveOne = try reader.read()
        unnormalisedRows = try reader.read()
        largestSumDeviation = try reader.readDouble()
        let rows = rowTruth.count
        try reader.require(rowWeight.count == rows && rowRank.count == rows && rowLoss.count == rows
                           && columnKeys.count == classCount && columnRows.count == classCount && pendingKeys.count == classCount
                           && (0...rows).contains(sortedRows) && (lossOrder.isEmpty || lossOrder.count == rows),
                           "class-probability rows differ in length")
        try reader.require(rowTruth.allSatisfy { $0 >= 0 && Int($0) < classCount }, "a row's true class outside \(classCount) columns")
        for c in 0..<classCount {
            try reader.require(columnKeys[c].count == columnRows[c].count && columnKeys[c].count == sortedRows
                               && pendingKeys[c].count == rows - sortedRows, "class-probability column \(c) differs in length")
            try reader.require(columnRows[c].allSatisfy { $0 >= 0 && Int($0) < rows }, "a row index outside \(rows) rows")
        }
        try reader.require(lossOrder.allSatisfy { $0 >= 0 && Int($0) < rows }, "a row index outside \(rows) rows")
    }
}

extension ClassificationState: PortableValue {
    public func write(to writer: inout StateWriter) {
        writer.write(classCount)
        writer.write(cells)
        writer.write(plain: missingCells)
        writer.write(scores)
        writer.write(probabilities)
    }

    public init(from reader: inout StateReader) throws {
        let classCount = try reader.readInt()
        try reader.require(classCount >= 1 && classCount <= Int(Int32.max), "a class count of \(classCount)")
        self.init(classCount: 1)
        self.classCount = classCount
        cells = try reader.read()
        missingCells = try reader.readPlain()
        scores = try reader.readOptional()
        probabilities = try reader.readOptional()
        try reader.require(cells.classCount == classCount && missingCells.count == classCount,
                           "a classification state's tables disagree on its \(classCount) classes")
    }
}

extension LabelScoreRows: PortableValue {
    public func write(to writer: inout StateWriter) {
        writer.write(targetCount)
        writer.write(plain: rowWeight)
        writer.write(plain: truth)
        writer.write(plain: columnKeys)
        writer.write(plain: columnRows)
        writer.write(plain: pendingKeys)
        writer.write(sortedRows)
    }

    public init(from reader: inout StateReader) throws {
        let targets = try reader.readInt()
        try reader.require(targets >= 1 && targets <= 1 << 20, "a target count of \(targets)")
        self.init(targetCount: targets)
        rowWeight = try reader.readPlain()
        truth = try reader.readPlainArrays()
        columnKeys = try reader.readPlainArrays()
        columnRows = try reader.readPlainArrays()
        pendingKeys = try reader.readPlainArrays()
        sortedRows = try reader.readInt()
        let rows = rowWeight.count
        try reader.require(truth.count == targets && columnKeys.count == targets && columnRows.count == targets
                           && pendingKeys.count == targets && (0...rows).contains(sortedRows), "label score rows differ in length")
        for j in 0..<targets {
            try reader.require(truth[j].count == rows && columnKeys[j].count == sortedRows && columnRows[j].count == sortedRows
                               && pendingKeys[j].count == rows - sortedRows
                               && columnRows[j].allSatisfy { $0 >= 0 && Int($0) < rows }, "label score rows of target \(j) differ in length")
        }
    }
}

extension OutcomePattern: PortableValue {
    public func write(to writer: inout StateWriter) {
        writer.write(words.0)
        writer.write(words.1)
        writer.write(words.2)
        writer.write(words.3)
    }

    public init(from reader: inout StateReader) throws {
        self.init()
        words = (try reader.read(), try reader.read(), try reader.read(), try reader.read())
    }
}

extension MultilabelState: PortableValue {
    public func write(to writer: inout StateWriter) {
        writer.write(targetCount)
        writer.write(targets)
        let profilePairs = profiles.sorted { $0.key < $1.key }
        writer.write(plain: profilePairs.map(\.key))
        writer.write(plain: profilePairs.map(\.value))
        writer.write(rowCount)
        writer.write(patterns != nil)
        if let patterns {
            let pairs = patterns.sorted { $0.key < $1.key }
            writer.write(pairs.map(\.key))
            writer.write(plain: pairs.map(\.value))
        }
        writer.write(scoreRows)
    }

    public init(from reader: inout StateReader) throws {
        let targetCount = try reader.readInt()
        try reader.require(targetCount >= 1 && targetCount <= 1 << 20, "a target count of \(targetCount)")
        self.init(targetCount: targetCount)
        targets = try reader.readArray()
        let profileKeys = try reader.readPlain([UInt64].self)
        let profileValues = try reader.readPlain([Int64].self)
        try reader.require(targets.count == targetCount && targets.allSatisfy { $0.classCount == 2 }
                           && profileKeys.count == profileValues.count, "a multilabel state's targets disagree")
        profiles = Dictionary(zip(profileKeys, profileValues), uniquingKeysWith: &+)
        rowCount = try reader.read()
        if try reader.readBool() {
            let keys = try reader.readArray(OutcomePattern.self)
            let values = try reader.readPlain([Int64].self)
            try reader.require(keys.count == values.count, "outcome patterns and counts differ in length")
            patterns = Dictionary(zip(keys, values), uniquingKeysWith: &+)
        } else {
            patterns = nil
        }
        scoreRows = try reader.readOptional()
    }
}
