extension DatasetManifest.File {
    /// Checks the SHA-256 computed while the file was read (`actual`, lowercase hex) against the
    /// one the manifest records, if any: the digest comes from the one reading of the file, so a
    /// FIFO's bytes are checked too. Throws an `InputError` naming the file when they differ.
    public func checkDigest(_ actual: String, displayPath: String) throws {
        guard let expected = sha256, expected != actual else { return }
        throw InputError(file: displayPath, field: "sha256",
                         expected: "sha256 \(expected)", found: "sha256 \(actual)",
                         message: "the file differs from the one the dataset manifest describes",
                         hint: "update the manifest if the change is intended")
    }
}
