#include <iostream>

#include <ocikit/policy/lint/lint.h>
#include <ocikit/spec/codec.h>
#include <ocikit/spec/default_spec.h>

int main() {
  ocikit::Spec spec = ocikit::DefaultLinuxSpec("default", "hello");
  spec.process->args = {"/bin/echo", "hello"};
  const ocikit::LintResult lint = ocikit::LintSpec(spec, ocikit::LintOptions());
  std::cout << "hello from ocikit: " << ocikit::Marshal(spec).size() << " bytes of config.json, "
            << lint.findings.size() << " lint findings\n";
  return lint.findings.empty() ? 0 : 1;
}
