import Foundation
import Testing
import EvalKit
@testable import EvalKitReports

/// The report's git commit, read from repository files laid out by hand in a temporary directory
/// (no git needed): HEAD to a loose ref, to a packed ref, detached, a `.git` file of a linked
/// worktree (`gitdir:` and `commondir`), a scheme below the repository root, and no repository.
@Suite struct GitHeadTests {
    static let commitA = "1111111111111111111111111111111111111111"
    static let commitB = "2222222222222222222222222222222222222222"
    static let commitC = String(repeating: "3", count: 64)

    /// A new directory with `files` (path relative to it → content); returns its path.
    func layout(_ files: [String: String]) throws -> String {
        let root = NSTemporaryDirectory() + "evalkit-githead-" + UUID().uuidString
        for (path, content) in files {
            let full = root + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try content.write(toFile: full, atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(atPath: root + "/Schemes/nested", withIntermediateDirectories: true)
        return root
    }

    @Test func headToALooseRef() throws {
        let root = try layout([".git/HEAD": "ref: refs/heads/main\n", ".git/refs/heads/main": Self.commitA + "\n",
                               ".git/packed-refs": "# pack-refs with: peeled fully-peeled sorted\n\(Self.commitB) refs/heads/main\n"])
        #expect(GitHead.commit(near: root) == Self.commitA, "a loose ref wins over packed-refs")
        #expect(GitHead.commit(near: root + "/Schemes/nested") == Self.commitA, "found walking up")
        #expect(ReportProvenance.capture(schemePath: root + "/Schemes/nested/scheme.json").gitCommit == Self.commitA)
    }

    @Test func headToAPackedRef() throws {
        let root = try layout([".git/HEAD": "ref: refs/heads/release/1.0\n",
                               ".git/packed-refs": """
                                   # pack-refs with: peeled fully-peeled sorted
                                   \(Self.commitA) refs/heads/main
                                   \(Self.commitB) refs/heads/release/1.0
                                   ^\(Self.commitA)
                                   \(Self.commitA) refs/tags/v1

                                   """])
        #expect(GitHead.commit(near: root + "/Schemes") == Self.commitB)
    }

    @Test func detachedHead() throws {
        let root = try layout([".git/HEAD": Self.commitB + "\n"])
        #expect(GitHead.commit(near: root) == Self.commitB)
        let sha256 = try layout([".git/HEAD": Self.commitC])
        #expect(GitHead.commit(near: sha256) == Self.commitC, "SHA-256 repositories")
    }

    /// A linked worktree: `.git` is a file naming the worktree's git directory, whose `commondir`
    /// leads to the main repository's refs.
    @Test func gitdirFileOfALinkedWorktree() throws {
        let root = try layout([
            "main/.git/HEAD": "ref: refs/heads/main\n",
            "main/.git/refs/heads/main": Self.commitA + "\n",
            "main/.git/packed-refs": "\(Self.commitB) refs/heads/feature\n",
            "main/.git/worktrees/feature/HEAD": "ref: refs/heads/feature\n",
            "main/.git/worktrees/feature/commondir": "../..\n",
            "feature/.git": "gitdir: ../main/.git/worktrees/feature\n",
        ])
        try FileManager.default.createDirectory(atPath: root + "/feature/Schemes", withIntermediateDirectories: true)
        #expect(GitHead.commit(near: root + "/feature/Schemes") == Self.commitB)
        #expect(GitHead.commit(near: root + "/main") == Self.commitA)
        // An absolute gitdir (a submodule or a worktree made with absolute paths), detached.
        try "\(Self.commitC)\n".write(toFile: root + "/main/.git/worktrees/feature/HEAD", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: root + "/detached", withIntermediateDirectories: true)
        try "gitdir: \(root)/main/.git/worktrees/feature\n".write(toFile: root + "/detached/.git", atomically: true, encoding: .utf8)
        #expect(GitHead.commit(near: root + "/detached") == Self.commitC)
    }

    @Test func noCommitWhereThereIsNone() throws {
        // An unborn branch, a ref outside refs/, a broken gitdir file, and no repository at all.
        let unborn = try layout([".git/HEAD": "ref: refs/heads/main\n"])
        #expect(GitHead.commit(near: unborn) == nil)
        let escaping = try layout([".git/HEAD": "ref: ../../etc/passwd\n"])
        #expect(GitHead.commit(near: escaping) == nil)
        let broken = try layout([".git": "not a gitdir line\n"])
        #expect(GitHead.commit(near: broken) == nil)
        let short = try layout([".git/HEAD": "abc123\n"])
        #expect(GitHead.commit(near: short) == nil)
        // The temporary directory is not in a repository on any machine this runs on.
        let none = try layout(["Schemes/scheme.json": "{}"])
        if GitHead.commit(near: NSTemporaryDirectory()) == nil {
            #expect(GitHead.commit(near: none + "/Schemes") == nil)
        }
    }
}
