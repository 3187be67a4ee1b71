// Fuzz target: config.json parse and marshal. For any bytes, ParseSpec
// returns a Spec or an error (never crashes), in both readings (strict, and
// Go's with go_semantics). For every Spec it returns:
//   - parse(marshal(x)) == x, compact and indented, in the same reading;
//   - marshal is stable: marshal(parse(marshal(x))) == marshal(x);
//   - the indented form is the compact form re-indented (same value).
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "spec/codec.h"
#include "spec/config.h"
#include "spec/fuzz/check.h"

namespace {

void RoundTrip(absl::string_view text, bool go_semantics) {
  ocikit::ParseOptions options;
  options.go_semantics = go_semantics;
  const absl::StatusOr<ocikit::Spec> spec = ocikit::ParseSpec(text, "fuzz", options);
  if (!spec.ok()) {
    OCIKIT_FUZZ_CHECK(!spec.status().message().empty(), "an error without a message");
    return;
  }
  const std::string compact = ocikit::Marshal(*spec);
  const absl::StatusOr<ocikit::Spec> again = ocikit::ParseSpec(compact, "marshal", options);
  OCIKIT_FUZZ_CHECK(again.ok(), "Marshal's output does not parse: ", again.status().ToString(), "\n", compact);
  OCIKIT_FUZZ_CHECK(*again == *spec, "parse(marshal(x)) != x\n", compact);
  OCIKIT_FUZZ_CHECK(ocikit::Marshal(*again) == compact, "marshal is not stable\n", compact, "\n",
                    ocikit::Marshal(*again));
  const std::string indented = ocikit::MarshalIndent(*spec, 4);
  const absl::StatusOr<ocikit::Spec> from_indented = ocikit::ParseSpec(indented, "indented", options);
  OCIKIT_FUZZ_CHECK(from_indented.ok() && *from_indented == *spec, "parse(marshalIndent(x)) != x\n", indented);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text = ocikit::fuzz::AsText(data, size);
  RoundTrip(text, /*go_semantics=*/false);
  RoundTrip(text, /*go_semantics=*/true);
  return 0;
}
