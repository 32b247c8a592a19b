import Foundation

/// The commit `HEAD` names in the git repository that holds a directory, read from the files of
/// the repository itself (no `git` process): `HEAD`, the loose ref it points to, or
/// `packed-refs`. A `.git` *file* (`gitdir: PATH`, as in linked worktrees and submodules) leads
/// to the real git directory, and its `commondir` to the shared refs.
///
/// Nil when the directory is in no repository, `HEAD` names a branch without a commit yet, or
/// the refs are in a form this does not read (the reftable backend). The one source of a run's
/// commit: the HTML report's provenance and the run history both read it here.
public enum GitHead {
    /// The commit of the repository holding `directory` (the nearest `.git` walking up).
    public static func commit(near directory: String) -> String? {
        var current = URL(fileURLWithPath: directory).standardizedFileURL.path
        while true {
            let candidate = current == "/" ? "/.git" : current + "/.git"
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory) {
                guard let gitDirectory = isDirectory.boolValue ? candidate : linkedDirectory(candidate) else { return nil }
                return commit(gitDirectory: gitDirectory)
            }
            if current == "/" || current.isEmpty { return nil }
            current = (current as NSString).deletingLastPathComponent
        }
    }

    /// The commit `HEAD` of `gitDirectory` names, following symbolic refs (at most 8 levels).
    static func commit(gitDirectory: String) -> String? {
        let common = read(gitDirectory + "/commondir").map { resolve($0, against: gitDirectory) } ?? gitDirectory
        guard var content = read(gitDirectory + "/HEAD") else { return nil }
        for _ in 0..<8 {
            if isObjectName(content) { return content }
            guard content.hasPrefix("ref:") else { return nil }
            let ref = content.dropFirst(4).trimmingCharacters(in: .whitespaces)
            guard ref.hasPrefix("refs/"), !ref.split(separator: "/").contains("..") else { return nil }
            // Per-worktree refs live in the worktree's own directory, the others in the common one.
            if let loose = read(gitDirectory + "/" + ref) ?? (common == gitDirectory ? nil : read(common + "/" + ref)) {
                content = loose
                continue
            }
            return packed(ref, in: common)
        }
        return nil
    }

    /// The git directory a `.git` file (`gitdir: PATH`, relative to the file's directory) names.
    static func linkedDirectory(_ file: String) -> String? {
        guard let content = read(file), content.hasPrefix("gitdir:") else { return nil }
        let path = content.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespaces)
        guard !path.isEmpty else { return nil }
        return resolve(path, against: (file as NSString).deletingLastPathComponent)
    }

    /// The commit of `ref` in `packed-refs` (`<hash> <ref>` lines; `#` and peeled `^` lines skipped).
    static func packed(_ ref: String, in directory: String) -> String? {
        guard let text = read(directory + "/packed-refs") else { return nil }
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") && !line.hasPrefix("^") {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[1] == ref, isObjectName(String(parts[0])) { return String(parts[0]) }
        }
        return nil
    }

    /// A full SHA-1 (40) or SHA-256 (64) object name in lowercase hexadecimal.
    static func isObjectName(_ text: String) -> Bool {
        (text.utf8.count == 40 || text.utf8.count == 64)
            && text.utf8.allSatisfy { ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f")) }
    }

    /// `path` as an absolute path (relative ones against `base`).
    static func resolve(_ path: String, against base: String) -> String {
        let absolute = path.hasPrefix("/") ? path : base + "/" + path
        return URL(fileURLWithPath: absolute).standardizedFileURL.path
    }

    /// A small file's content, trimmed; nil when it cannot be read.
    static func read(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path), data.count <= 1 << 24 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
