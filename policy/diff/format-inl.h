// File: policy/diff/format-inl.h
//
// Definitions of policy/diff/format.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_DIFF_FORMAT_INL_H_
#define OCIKIT_POLICY_DIFF_FORMAT_INL_H_

#include "policy/diff/format.h"
#include "spec/internal/compile_mode.h"
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "policy/diff/change.h"
#include "re2/re2.h"
#include "spec/json/writer.h"

namespace ocikit {

OCIKIT_INLINE absl::StatusOr<std::vector<Change>> FilterChanges(std::vector<Change> changes,
                                                         const std::vector<std::string>& patterns) {
  if (patterns.empty()) return changes;
  std::vector<std::unique_ptr<RE2>> res;
  for (const std::string& p : patterns) {
    auto re = std::make_unique<RE2>(p, RE2::Quiet);
    if (!re->ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("invalid pattern \"", p, "\": ", re->error(), "; expected an RE2 regular expression"));
    }
    res.push_back(std::move(re));
  }
  std::erase_if(changes, [&res](const Change& c) {
    const std::string path = c.path.ToString();
    return std::any_of(res.begin(), res.end(), [&path](const auto& re) { return RE2::PartialMatch(path, *re); });
  });
  return changes;
}

OCIKIT_INLINE std::vector<ChangeCounts> CountChangesBySection(const std::vector<Change>& changes) {
  std::vector<ChangeCounts> out;
  for (const std::vector<const Change*>& group : diff_internal::GroupBySection(changes)) {
    ChangeCounts& counts = out.emplace_back();
    counts.section = group.front()->section;
    for (const Change* c : group) ++counts.by_kind[static_cast<size_t>(c->kind)];
  }
  return out;
}

namespace diff_internal {

// Re-indents compact JSON (as the diff holds values), each line starting
// with `prefix`. Hand-written: the value is already valid canonical JSON, so
// only strings need care; no parser is needed to lay it out.
OCIKIT_INLINE std::string IndentJson(absl::string_view json, absl::string_view prefix) {
  std::string out(prefix);
  int depth = 0;
  const auto newline = [&](int d) { absl::StrAppend(&out, "\n", prefix, std::string(2 * static_cast<size_t>(d), ' ')); };
  for (size_t i = 0; i < json.size(); ++i) {
    const char ch = json[i];
    if (ch == '"') {
      const size_t start = i++;
      while (i < json.size() && json[i] != '"') i += json[i] == '\\' ? 2 : 1;
      absl::StrAppend(&out, json.substr(start, i - start + 1));
    } else if ((ch == '{' || ch == '[') && i + 1 < json.size() && (json[i + 1] == '}' || json[i + 1] == ']')) {
      absl::StrAppend(&out, json.substr(i++, 2));  // {} and [] stay on one line
    } else if (ch == '{' || ch == '[') {
      out.push_back(ch);
      newline(++depth);
    } else if (ch == '}' || ch == ']') {
      newline(--depth);
      out.push_back(ch);
    } else if (ch == ',') {
      out.push_back(ch);
      newline(depth);
    } else if (ch == ':') {
      out.append(": ");
    } else {
      out.push_back(ch);
    }
  }
  return out;
}

OCIKIT_INLINE absl::string_view KindColor(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kAdded:
      return "\x1b[32m";
    case ChangeKind::kRemoved:
      return "\x1b[31m";
    case ChangeKind::kChanged:
      return "\x1b[33m";
    case ChangeKind::kMoved:
      return "\x1b[35m";
  }
  return "";
}

// JSON a person reads: the umask in octal, as umask(1) prints it; an object
// or array too long for one line indented below its line.
OCIKIT_INLINE std::string DisplayValue(const Change& c, const std::string& value) {
  uint64_t mask = 0;
  if (c.path.Pattern() == "process.user.umask" && absl::SimpleAtoi(value, &mask)) {
    return absl::StrFormat("%04o", mask);
  }
  if (value.size() <= kOneLineValue || (value.front() != '{' && value.front() != '[')) return value;
  return absl::StrCat("\n", IndentJson(value, "    "));
}

// Appends a DisplayValue, without a space before a value that starts a new line.
OCIKIT_INLINE void AppendValue(std::string& line, const std::string& value) {
  if (!value.empty() && value.front() == '\n' && !line.empty() && line.back() == ' ') line.pop_back();
  line.append(value);
}

OCIKIT_INLINE std::vector<std::vector<const Change*>> GroupBySection(const std::vector<Change>& changes) {
  std::vector<std::vector<const Change*>> groups;
  absl::flat_hash_map<absl::string_view, size_t> index;
  for (const Change& c : changes) {
    const auto [it, added] = index.emplace(c.section, groups.size());
    if (added) groups.emplace_back();
    groups[it->second].push_back(&c);
  }
  return groups;
}

OCIKIT_INLINE std::string MoveText(const Change& c) {
  std::string text = c.after.empty() ? "moved to the start" : absl::StrCat("moved after ", c.after);
  if (c.from != c.to) absl::StrAppend(&text, " (position ", c.from, " -> ", c.to, ")");
  return text;
}

OCIKIT_INLINE std::string ChangeLine(const std::vector<const Change*>& changes, size_t& k) {
  const Change& c = *changes[k];
  std::string line = absl::StrCat(std::string(1, ChangeKindSymbol(c.kind)), " ", c.path.ToString(), ": ");
  switch (c.kind) {
    case ChangeKind::kAdded:
    case ChangeKind::kRemoved: {
      const auto value = [](const Change& e) { return e.kind == ChangeKind::kAdded ? e.new_value : e.old_value; };
      AppendValue(line, DisplayValue(c, value(c)));
      // Elements added to (removed from) one set share a line.
      while (c.element && k + 1 < changes.size() && changes[k + 1]->element && changes[k + 1]->kind == c.kind &&
             !changes[k + 1]->copies && changes[k + 1]->path == c.path) {
        line.append(", ");
        AppendValue(line, DisplayValue(c, value(*changes[++k])));
      }
      break;
    }
    case ChangeKind::kChanged:
      if (c.copies) {
        absl::StrAppend(&line, c.old_value, " listed ", c.from, c.from == 1 ? " time" : " times", " -> ", c.to,
                        c.to < c.from ? " (de-duplicated)" : " (duplicated)");
      } else {
        AppendValue(line, DisplayValue(c, c.old_value));
        line.append(" -> ");
        AppendValue(line, DisplayValue(c, c.new_value));
      }
      break;
    case ChangeKind::kMoved:
      absl::StrAppend(&line, MoveText(c));
      break;
  }
  return line;
}

OCIKIT_INLINE std::string Summary(const std::vector<Change>& changes) {
  std::array<size_t, 4> n{};
  for (const Change& c : changes) ++n[static_cast<size_t>(c.kind)];
  return absl::StrCat(changes.size(), changes.size() == 1 ? " change: " : " changes: ", n[0], " added, ", n[1],
                      " removed, ", n[2], " changed, ", n[3], " moved");
}
}  // namespace diff_internal

OCIKIT_INLINE std::string FormatDiffText(const std::vector<Change>& changes, const DiffTextOptions& options) {
  if (changes.empty()) return "";
  const auto paint = [&options](absl::string_view color, absl::string_view text) {
    return options.color ? absl::StrCat(color, text, diff_internal::kReset) : std::string(text);
  };
  std::string out;
  if (!options.a_name.empty() || !options.b_name.empty()) {
    absl::StrAppend(&out, paint("\x1b[1m", absl::StrCat("--- ", options.a_name)), "\n",
                    paint("\x1b[1m", absl::StrCat("+++ ", options.b_name)), "\n");
  }
  for (const std::vector<const Change*>& in_section : diff_internal::GroupBySection(changes)) {
    absl::StrAppend(&out, paint("\x1b[36m", absl::StrCat("@@ ", in_section.front()->section, " @@")), "\n");
    for (size_t k = 0; k < in_section.size(); ++k) {
      const std::string line = diff_internal::ChangeLine(in_section, k);
      absl::StrAppend(&out, paint(diff_internal::KindColor(in_section[k]->kind), line), "\n");
    }
  }
  absl::StrAppend(&out, diff_internal::Summary(changes), "\n");
  return out;
}

OCIKIT_INLINE std::string FormatDiffStat(const std::vector<Change>& changes, bool color) {
  if (changes.empty()) return "";
  const std::vector<ChangeCounts> sections = CountChangesBySection(changes);
  size_t width = 0;
  for (const ChangeCounts& s : sections) width = std::max(width, s.section.size());
  std::string out;
  for (const ChangeCounts& s : sections) {
    absl::StrAppend(&out, " ", s.section, std::string(width - s.section.size(), ' '), " | ", s.total());
    for (ChangeKind k : {ChangeKind::kAdded, ChangeKind::kRemoved, ChangeKind::kChanged, ChangeKind::kMoved}) {
      if (s.of(k) == 0) continue;
      const std::string count = absl::StrCat(std::string(1, ChangeKindSymbol(k)), s.of(k));
      absl::StrAppend(&out, " ", color ? absl::StrCat(diff_internal::KindColor(k), count, diff_internal::kReset) : count);
    }
    out.push_back('\n');
  }
  absl::StrAppend(&out, " ", sections.size(), sections.size() == 1 ? " section, " : " sections, ",
                  diff_internal::Summary(changes), "\n");
  return out;
}

namespace diff_internal {

OCIKIT_INLINE void WriteDiffJson(std::string& out, const std::vector<Change>& changes, absl::string_view a_name,
                          absl::string_view b_name) {
  json::Writer w(out, 2);
  const auto counts = [&w](const std::array<size_t, 4>& n) {
    w.Key("added");
    w.Uint(n[0]);
    w.Key("removed");
    w.Uint(n[1]);
    w.Key("changed");
    w.Uint(n[2]);
    w.Key("moved");
    w.Uint(n[3]);
  };
  std::array<size_t, 4> total{};
  for (const Change& c : changes) ++total[static_cast<size_t>(c.kind)];
  w.BeginObject();
  w.Key("equal");
  w.Bool(changes.empty());
  w.Key("a");
  w.String(a_name);
  w.Key("b");
  w.String(b_name);
  w.Key("summary");
  w.BeginObject();
  w.Key("changes");
  w.Uint(changes.size());
  counts(total);
  w.EndObject();
  w.Key("sections");
  w.BeginArray();
  for (const ChangeCounts& s : CountChangesBySection(changes)) {
    w.BeginObject();
    w.Key("section");
    w.String(s.section);
    counts(s.by_kind);
    w.EndObject();
  }
  w.EndArray();
  w.Key("changes");
  w.BeginArray();
  for (const Change& c : changes) {
    w.BeginObject();
    w.Key("path");
    w.String(c.path.ToString());
    w.Key("section");
    w.String(c.section);
    w.Key("kind");
    w.String(ChangeKindName(c.kind));
    if (c.element) {
      w.Key("element");
      w.Bool(true);
    }
    if (c.kind == ChangeKind::kMoved) {
      w.Key("from");
      w.Uint(c.from);
      w.Key("to");
      w.Uint(c.to);
      w.Key("after");
      if (c.after.empty()) {
        w.Null();
      } else {
        w.String(c.after);
      }
    }
    if (c.copies) {
      w.Key("copies");
      w.BeginObject();
      w.Key("a");
      w.Uint(c.from);
      w.Key("b");
      w.Uint(c.to);
      w.EndObject();
    }
    if (c.kind == ChangeKind::kRemoved || c.kind == ChangeKind::kChanged) {
      w.Key("old");
      w.Raw(json::RawJson{c.old_value});
    }
    if (c.kind == ChangeKind::kAdded || c.kind == ChangeKind::kChanged) {
      w.Key("new");
      w.Raw(json::RawJson{c.new_value});
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}
}  // namespace diff_internal

OCIKIT_INLINE std::string FormatDiffJson(const std::vector<Change>& changes, absl::string_view a_name,
                                  absl::string_view b_name) {
  std::string out;
  diff_internal::WriteDiffJson(out, changes, a_name, b_name);
  out.push_back('\n');
  return out;
}

OCIKIT_INLINE std::string FormatJsonPatch(const std::vector<PatchOp>& patch) {
  if (patch.empty()) return "[]\n";
  std::string out = "[\n";
  for (size_t i = 0; i < patch.size(); ++i) {
    const PatchOp& op = patch[i];
    std::string line;
    json::Writer w(line, 0);
    w.BeginObject();
    w.Key("op");
    w.String(op.op);
    if (op.op == "move" || op.op == "copy") {
      w.Key("from");
      w.String(op.from);
    }
    w.Key("path");
    w.String(op.path);
    if (op.op == "add" || op.op == "replace" || op.op == "test") {
      w.Key("value");
      w.Raw(json::RawJson{op.value});
    }
    w.EndObject();
    w.Finish();
    absl::StrAppend(&out, "  ", line, i + 1 < patch.size() ? ",\n" : "\n");
  }
  out.append("]\n");
  return out;
}
}  // namespace ocikit

#endif  // OCIKIT_POLICY_DIFF_FORMAT_INL_H_
