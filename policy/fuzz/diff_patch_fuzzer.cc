// Fuzz target: the semantic diff and patch. The input is "A<RS>B" (RS = 0x1e).
//   - When both parse as config.json: patch(A, diff(A, B)) == B (the RFC 6902
//     patch DiffSpecs writes, applied by ApplySpecPatch, gives B's canonical
//     JSON byte for byte), unless a number is beyond what nlohmann/json keeps
//     (then the patch is refused saying so, as policy/diff/patch.h says);
//     equal canonical JSON means no change; every output format renders.
//   - When only A parses, B is applied to A as a patch (`ocikit patch A B`):
//     it fails cleanly, or its result text is a config.json ocikit reads,
//     in Go's member order and in the input's (MemberOrder) alike.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "policy/diff/diff.h"
#include "policy/diff/format.h"
#include "policy/diff/patch.h"
#include "spec/codec.h"
#include "spec/fuzz/check.h"

namespace ocikit {
namespace {

// nlohmann/json keeps numbers as 64-bit integers or doubles (patch.h): a
// spec or patch with a number it would respell (1e400, 0e400, 2^64) is
// refused with Unimplemented, never rounded.
bool BeyondNlohmannNumbers(const absl::Status& s) { return s.code() == absl::StatusCode::kUnimplemented; }

void CheckDiff(const Spec& a, const Spec& b) {
  const SpecDiff d = DiffSpecs(a, b);
  const std::string patch = FormatJsonPatch(d.patch);
  const absl::StatusOr<PatchOutcome> patched = ApplySpecPatch(a, patch, PatchType::kJsonPatch);
  if (BeyondNlohmannNumbers(patched.status())) return;
  OCIKIT_FUZZ_CHECK(patched.ok(), "diff's patch does not apply: ", patched.status().ToString(), "\n", patch);
  OCIKIT_FUZZ_CHECK(Marshal(patched->spec) == Marshal(b), "patch(a, diff(a, b)) != b\n", patch);
  if (Marshal(a) == Marshal(b)) OCIKIT_FUZZ_CHECK(d.equal() && d.patch.empty(), "equal specs differ");
  FormatDiffText(d.changes, {});
  FormatDiffStat(d.changes);
  FormatDiffJson(d.changes, "a.json", "b.json");
}

void CheckPatch(absl::string_view a_text, absl::string_view patch_text) {
  const absl::StatusOr<PatchOutcome> out = ApplyPatchToText(a_text, patch_text, PatchType::kAuto, 4);
  if (!out.ok()) {
    OCIKIT_FUZZ_CHECK(!out.status().message().empty(), "an error without a message");
    return;
  }
  const absl::StatusOr<Spec> reread = ParseSpec(out->text, "patched");
  OCIKIT_FUZZ_CHECK(reread.ok(), "the patched text does not parse: ", reread.status().ToString(), "\n", out->text);
  OCIKIT_FUZZ_CHECK(Marshal(*reread) == Marshal(out->spec), "the patched text is not the patched spec");
  const absl::StatusOr<PatchOutcome> in_order =
      ApplyPatchToText(a_text, patch_text, PatchType::kAuto, 4, "config.json", MemberOrder::kInput);
  OCIKIT_FUZZ_CHECK(in_order.ok(), "the patch applies in Go's member order only: ", in_order.status().ToString());
  const absl::StatusOr<Spec> reread_in_order = ParseSpec(in_order->text, "patched");
  OCIKIT_FUZZ_CHECK(reread_in_order.ok() && Marshal(*reread_in_order) == Marshal(out->spec),
                    "the patched text in the input's member order is not the patched spec\n", in_order->text);
}

}  // namespace
}  // namespace ocikit

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<absl::string_view> parts = ocikit::fuzz::SplitParts(ocikit::fuzz::AsText(data, size), 2);
  const absl::StatusOr<ocikit::Spec> a = ocikit::ParseSpec(parts[0], "a.json");
  if (!a.ok()) return 0;
  const absl::StatusOr<ocikit::Spec> b = ocikit::ParseSpec(parts[1], "b.json");
  if (b.ok()) {
    ocikit::CheckDiff(*a, *b);
  } else {
    ocikit::CheckPatch(parts[0], parts[1]);
  }
  return 0;
}
