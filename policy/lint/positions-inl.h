// File: policy/lint/positions-inl.h
//
// Definitions of policy/lint/positions.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_LINT_POSITIONS_INL_H_
#define OCIKIT_POLICY_LINT_POSITIONS_INL_H_

#include "policy/lint/positions.h"
#include "spec/internal/compile_mode.h"
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "policy/lint/types.h"
#include "spec/json/encoding.h"
#include "spec/json/reader.h"

namespace ocikit {

namespace internal {

OCIKIT_INLINE size_t CountCodePoints(absl::string_view text, size_t from, size_t to) {
  size_t n = 0;
  for (size_t i = from; i < to && i < text.size(); ++i) {
    n += (static_cast<unsigned char>(text[i]) & 0xC0u) != 0x80u ? 1 : 0;
  }
  return n;
}
}  // namespace internal

OCIKIT_INLINE JsonPosition PositionAt(absl::string_view text, size_t offset, size_t end_offset) {
  JsonPosition p;
  p.found = true;
  p.offset = std::min(offset, text.size());
  p.end_offset = std::max(end_offset, p.offset);
  p.line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < p.offset; ++i) {
    if (text[i] == '\n') {
      ++p.line;
      line_start = i + 1;
    }
  }
  p.column = p.offset - line_start + 1;
  p.char_column = internal::CountCodePoints(text, line_start, p.offset) + 1;
  size_t end = p.end_offset;
  for (size_t i = p.offset; i < end && i < text.size(); ++i) {
    if (text[i] == '\n') end = i;  // keep the region on one line
  }
  p.end_column = end - line_start + 1;
  p.char_end_column = internal::CountCodePoints(text, line_start, end) + 1;
  return p;
}

OCIKIT_INLINE std::vector<JsonPosition> FindJsonPointers(absl::string_view text, const std::vector<std::string>& pointers) {
  std::vector<JsonPosition> out(pointers.size());
  absl::flat_hash_map<std::string, size_t> targets;
  absl::flat_hash_set<std::string> prefixes;
  for (size_t i = 0; i < pointers.size(); ++i) {
    targets.emplace(pointers[i], i);
    std::string p = pointers[i];
    while (true) {
      prefixes.insert(p);
      if (p.empty()) break;
      p.resize(p.rfind('/'));
    }
  }
  internal::JsonPointerScanner(text, targets, prefixes, out).Run();
  // Duplicated pointers share one target entry: copy its result.
  for (size_t i = 0; i < pointers.size(); ++i) {
    const size_t first = targets.at(pointers[i]);
    if (first != i) out[i] = out[first];
  }
  // Offsets to lines and columns, in one pass over the sorted offsets.
  std::vector<size_t> order;
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i].found) order.push_back(i);
  }
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return out[a].offset < out[b].offset; });
  size_t line = 1;
  size_t line_start = 0;
  size_t scanned = 0;
  // Code points from line_start to counted_to: counted on from the previous
  // finding, not from the line start again (quadratic on one-line files).
  size_t counted_to = 0;
  size_t code_points = 0;
  for (const size_t i : order) {
    JsonPosition& p = out[i];
    while (scanned < p.offset && scanned < text.size()) {
      const void* nl = std::memchr(text.data() + scanned, '\n', std::min(p.offset, text.size()) - scanned);
      if (nl == nullptr) {
        scanned = p.offset;
        break;
      }
      ++line;
      scanned = static_cast<size_t>(static_cast<const char*>(nl) - text.data()) + 1;
      line_start = scanned;
    }
    if (counted_to < line_start) counted_to = line_start, code_points = 0;
    code_points += internal::CountCodePoints(text, counted_to, p.offset);
    counted_to = std::max(counted_to, p.offset);
    p.line = line;
    p.column = p.offset - line_start + 1;
    p.char_column = code_points + 1;
    size_t end = std::max(p.end_offset, p.offset);
    for (size_t k = p.offset; k < end && k < text.size(); ++k) {
      if (text[k] == '\n') end = k;
    }
    p.end_column = end - line_start + 1;
    p.char_end_column = code_points + internal::CountCodePoints(text, p.offset, end) + 1;
  }
  return out;
}

OCIKIT_INLINE void LocateFindings(absl::string_view text, std::vector<LintFinding>& findings) {
  if (findings.empty()) return;
  // Every finding's pointer and its ancestors, deepest first per finding.
  std::vector<std::string> pointers;
  std::vector<std::pair<size_t, size_t>> ranges;  // per finding: [begin, end) in `pointers`
  for (const LintFinding& f : findings) {
    const size_t begin = pointers.size();
    absl::StatusOr<std::string> pointer = f.path.ToJsonPointer();
    std::string p = pointer.ok() ? *std::move(pointer) : std::string();
    while (true) {
      pointers.push_back(p);
      if (p.empty()) break;
      p.resize(p.rfind('/'));
    }
    ranges.emplace_back(begin, pointers.size());
  }
  const std::vector<JsonPosition> positions = FindJsonPointers(text, pointers);
  for (size_t i = 0; i < findings.size(); ++i) {
    for (size_t k = ranges[i].first; k < ranges[i].second; ++k) {
      const JsonPosition& p = positions[k];
      if (!p.found) continue;
      LintFinding& f = findings[i];
      f.line = p.line;
      f.column = p.column;
      f.char_column = p.char_column;
      f.end_column = p.end_column;
      f.char_end_column = p.char_end_column;
      break;
    }
  }
}
}  // namespace ocikit

#endif  // OCIKIT_POLICY_LINT_POSITIONS_INL_H_
