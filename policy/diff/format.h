// File: policy/diff/format.h
//
// Output of the semantic diff (policy/diff/diff.h): human text, structured JSON,
// an RFC 6902 JSON Patch and a per-section summary, plus `--ignore` filtering
// of changes by an RE2 pattern on their path.
//
// Text, grouped by section in the order the model lists them. Paste it into a
// ```diff block and GitHub colours the + and - lines:
//   --- a/config.json
//   +++ b/config.json
//   @@ process.env @@
//   ~ process.env[name=PATH]: "PATH=/bin" -> "PATH=/usr/bin:/bin"
//   @@ mounts @@
//   + mounts[destination=/data]: {"destination":"/data","type":"bind",...}
//   > mounts[destination=/run]: moved after mounts[destination=/proc] (position 6 -> 2)
//   3 changes: 1 added, 0 removed, 1 changed, 1 moved
//
// Values are compact JSON, except: an object or array longer than
// kOneLineValue characters is indented on the lines below; the umask is
// octal (0022); a set element whose number of copies changed reads
// `"CAP_CHOWN" listed 2 times -> 1 (de-duplicated)`.
//
// Stat:
//    process.env | 1 ~1
//    mounts      | 2 +1 >1
//    2 sections, 3 changes: 1 added, 0 removed, 1 changed, 1 moved
//
// Example:
//   absl::StatusOr<std::vector<Change>> kept = FilterChanges(d.changes, {"^linux\\.cgroupsPath$"});
//   std::cout << FormatDiffText(*kept, {.a_name = "a.json", .b_name = "b.json"});
//
// Dependencies: absl_hash absl_status absl_strings re2
#ifndef OCIKIT_POLICY_DIFF_FORMAT_H_
#define OCIKIT_POLICY_DIFF_FORMAT_H_

#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "policy/diff/change.h"

namespace ocikit {

// Drops the changes whose path (FieldPath::ToString()) matches any of the
// RE2 patterns (a partial match, as grep; anchor with ^ and $). An invalid
// pattern is an InvalidArgument error naming it.
absl::StatusOr<std::vector<Change>> FilterChanges(std::vector<Change> changes,
                                                         const std::vector<std::string>& patterns);

inline constexpr size_t kOneLineValue = 120;

struct DiffTextOptions {
  bool color = false;  // ANSI colours
  std::string a_name;  // for the "---" / "+++" lines; none when both are empty
  std::string b_name;
};

// Counts of changes by kind, for one section or all.
struct ChangeCounts {
  std::string section;
  std::array<size_t, 4> by_kind{};  // indexed by ChangeKind

  size_t total() const { return by_kind[0] + by_kind[1] + by_kind[2] + by_kind[3]; }
  size_t of(ChangeKind k) const { return by_kind[static_cast<size_t>(k)]; }
};

// The counts per section, in order of first appearance.
std::vector<ChangeCounts> CountChangesBySection(const std::vector<Change>& changes);

namespace diff_internal {

inline constexpr absl::string_view kReset = "\x1b[0m";

absl::string_view KindColor(ChangeKind kind);

// "3 changes: 1 added, 0 removed, 1 changed, 1 moved"
std::string Summary(const std::vector<Change>& changes);

}  // namespace diff_internal

// One line per change under "@@ section @@" headers, except that elements
// added to or removed from one set share a line:
//   - process.capabilities.bounding: "CAP_MKNOD", "CAP_NET_RAW"
// "" when there are no changes.
std::string FormatDiffText(const std::vector<Change>& changes, const DiffTextOptions& options);

// " section | total +a -r ~c >m" per section, then the totals; "" when
// there are no changes.
std::string FormatDiffStat(const std::vector<Change>& changes, bool color = false);

namespace diff_internal {

void WriteDiffJson(std::string& out, const std::vector<Change>& changes, absl::string_view a_name,
                          absl::string_view b_name);

}  // namespace diff_internal

// The changes as one JSON document (indented by 2):
//   {"equal": false, "a": ..., "b": ..., "summary": {...},
//    "sections": [{"section": "mounts", "added": 1, ...}],
//    "changes": [{"path": ..., "section": ..., "kind": "changed",
//                 "old": <json>, "new": <json>}, ...]}
// Moved changes carry "from" and "to" (positions) instead of old and new;
// "element": true marks a value that is one element of the set at "path".
std::string FormatDiffJson(const std::vector<Change>& changes, absl::string_view a_name,
                                  absl::string_view b_name);

// The patch as an RFC 6902 document, one operation per line.
std::string FormatJsonPatch(const std::vector<PatchOp>& patch);

namespace diff_internal {
std::string IndentJson(absl::string_view json, absl::string_view prefix);
std::string DisplayValue(const Change& c, const std::string& value);
std::string MoveText(const Change& c);
// The changes by section, sections in order of first appearance.
std::vector<std::vector<const Change*>> GroupBySection(const std::vector<Change>& changes);
void AppendValue(std::string& line, const std::string& value);
// The text line of changes[k]; advances k over the set elements it joins.
std::string ChangeLine(const std::vector<const Change*>& changes, size_t& k);
}  // namespace diff_internal

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "policy/diff/format-inl.h"
#endif

#endif  // OCIKIT_POLICY_DIFF_FORMAT_H_
