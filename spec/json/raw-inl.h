// File: spec/json/raw-inl.h
//
// Definitions of spec/json/raw.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_JSON_RAW_INL_H_
#define OCIKIT_SPEC_JSON_RAW_INL_H_

#include "spec/json/raw.h"
#include "spec/internal/compile_mode.h"
#include <string>
#include "absl/strings/string_view.h"
#include <utility>
#include <vector>

namespace ocikit::json {

OCIKIT_INLINE void AppendIndented(std::string& out, absl::string_view compact, int indent, int depth) {
  const auto newline = [&](int level) {
    out.push_back('\n');
    out.append(static_cast<size_t>(level) * static_cast<size_t>(indent), ' ');
  };
  size_t i = 0;
  while (i < compact.size()) {
    const char c = compact[i];
    switch (c) {
      case '"': {
        const size_t start = i++;
        while (i < compact.size() && compact[i] != '"') i += compact[i] == '\\' ? 2 : 1;
        ++i;
        out.append(compact.data() + start, i - start);
        continue;
      }
      case '{':
      case '[': {
        const char close = c == '{' ? '}' : ']';
        out.push_back(c);
        if (i + 1 < compact.size() && compact[i + 1] == close) {
          out.push_back(close);
          i += 2;
          continue;
        }
        newline(++depth);
        break;
      }
      case '}':
      case ']':
        newline(--depth);
        out.push_back(c);
        break;
      case ',':
        out.push_back(',');
        newline(depth);
        break;
      case ':':
        out.append(": ");
        break;
      default:
        out.push_back(c);
    }
    ++i;
  }
}
}  // namespace ocikit::json

#endif  // OCIKIT_SPEC_JSON_RAW_INL_H_
