#include <iostream>

#include "spec/codec.h"
#include "spec/default_spec.h"

int main() {
  ocikit::Spec spec = ocikit::DefaultLinuxSpec("default", "hello");
  spec.process->args = {"/bin/echo", "hello"};
  absl::StatusOr<ocikit::Spec> parsed = ocikit::ParseSpec(ocikit::Marshal(spec), "hello");
  if (!parsed.ok()) {
    std::cerr << parsed.status() << "\n";
    return 1;
  }
  std::cout << "hello from ocikit: " << parsed->process->args[0] << "\n";
}
