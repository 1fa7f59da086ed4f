import Foundation

/// Paths inside this repository, found from this file's own location.
public enum RepositoryPath {
    public static var root: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    public static func file(_ relative: String) -> String { root + "/" + relative }
}
