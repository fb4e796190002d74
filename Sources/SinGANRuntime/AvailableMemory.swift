import Foundation

/// How much more memory this process can use before the system (or its container) runs out:
/// the kernel's `MemAvailable`, capped by the cgroup v2 limit less its current use when the
/// process runs in a memory-limited cgroup. Falls back to the physical memory where neither is
/// readable.
public enum AvailableMemory {
    /// Bytes available now.
    public static func bytes() -> Int {
        var available = meminfoAvailable() ?? Int(clamping: ProcessInfo.processInfo.physicalMemory)
        if let headroom = cgroupHeadroom() { available = min(available, headroom) }
        return max(available, 0)
    }

    /// `bytes` as "1.2 GB" or "350 MB" (decimal units).
    public static func describe(_ bytes: Double) -> String {
        bytes >= 1e9 ? String(format: "%.1f GB", bytes / 1e9) : String(format: "%.0f MB", max(bytes / 1e6, 1))
    }

    /// `MemAvailable` of `/proc/meminfo`, in bytes.
    private static func meminfoAvailable() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let fields = line.split(separator: " ")
            if fields.count >= 2, let kibibytes = Int(fields[1]) { return kibibytes * 1024 }
        }
        return nil
    }

    /// The limit less the current use of this process's memory cgroup (v2 `memory.max` and
    /// `memory.current`, v1 `memory.limit_in_bytes` and `memory.usage_in_bytes`), when it has one.
    private static func cgroupHeadroom() -> Int? {
        let membership = (try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8)) ?? ""
        var candidates: [(directory: String, limit: String, usage: String)] = []
        for line in membership.split(separator: "\n") {
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            if fields[0] == "0" && fields[1].isEmpty {
                candidates.append(("/sys/fs/cgroup" + fields[2], "memory.max", "memory.current"))
            } else if fields[1].split(separator: ",").contains("memory") {
                candidates.append(("/sys/fs/cgroup/memory" + fields[2], "memory.limit_in_bytes", "memory.usage_in_bytes"))
            }
        }
        // Inside a container the cgroup path may not be visible; its own files sit at the root.
        candidates += [("/sys/fs/cgroup", "memory.max", "memory.current"),
                       ("/sys/fs/cgroup/memory", "memory.limit_in_bytes", "memory.usage_in_bytes")]
        func value(_ path: String) -> Int? {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
            return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        for candidate in candidates {
            guard FileManager.default.fileExists(atPath: candidate.directory + "/" + candidate.limit) else { continue }
            // "max" (v2) or a huge number (v1) means no limit.
            guard let limit = value(candidate.directory + "/" + candidate.limit) else { return nil }
            return limit - (value(candidate.directory + "/" + candidate.usage) ?? 0)
        }
        return nil
    }
}
