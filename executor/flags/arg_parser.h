// File: executor/flags/arg_parser.h
//
// A small table-driven parser for command lines in the form Docker and Podman
// users type: `--name value`, `--name=value`, `-e VALUE`, `-eVALUE`, combined
// short booleans (`-it`), repeatable flags that accumulate, and `--` to end
// flags. Abseil flags are process-global, last-one-wins and have no short
// forms, so they cannot express this; the parser is re-entrant, which also
// lets golden tests parse a file of arguments per case.
//
// With RequireUtf8(), every value and positional must be valid UTF-8 (what a
// config.json can hold); a flag marked `bytes` (a host file path that does not
// end in the spec) is exempt. The error names the flag and the offending byte
// in hex, never the raw bytes.
//
// Example:
//   FlagSet flags;
//   std::vector<std::string> env;
//   flags.Add({.name = "env", .short_name = 'e', .value_name = "KEY=VALUE",
//              .help = "set an environment variable",
//              .set = [&](absl::string_view v) { env.emplace_back(v); return absl::OkStatus(); }});
//   absl::StatusOr<std::vector<std::string>> rest = flags.Parse({"-e", "A=1", "sh"});  // rest == {"sh"}
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_EXECUTOR_FLAGS_ARG_PARSER_H_
#define OCIKIT_EXECUTOR_FLAGS_ARG_PARSER_H_

#include <algorithm>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "spec/internal/edit_distance.h"

namespace ocikit {

struct Flag {
  std::string name;             // long name, without dashes: "read-only"
  char short_name = 0;          // 'e', or 0 for none
  std::string value_name;       // "KEY=VALUE"; empty for a boolean flag
  std::string help;             // one line
  // Receives the value ("true"/"false" for booleans); errors are reported
  // with the flag's name.
  std::function<absl::Status(absl::string_view value)> set;
  // The value may be any bytes, even with RequireUtf8 (a host path such as
  // --from FILE that is read, not written into the spec).
  bool bytes = false;
};

// The offset of the first byte of `s` that does not start a valid UTF-8
// sequence (Go's unicode/utf8 rules), or npos when `s` is valid UTF-8.
size_t FirstInvalidUtf8(absl::string_view s);

// "not valid UTF-8 (byte 0xff at offset 3)": names the byte, never echoes it.
std::string DescribeInvalidUtf8(absl::string_view s, size_t offset);

// Setters for the common flag kinds: a string, a repeatable string, a boolean.
inline auto AssignFlag(std::string& field) {
  return [&field](absl::string_view v) {
    field = std::string(v);
    return absl::OkStatus();
  };
}
inline auto AppendFlag(std::vector<std::string>& field) {
  return [&field](absl::string_view v) {
    field.emplace_back(v);
    return absl::OkStatus();
  };
}
inline auto BoolFlag(bool& field) {
  return [&field](absl::string_view v) {
    field = v == "true";
    return absl::OkStatus();
  };
}

// `-h` / `--help`, the same on every ocikit command (so `-h` is not
// Docker's short form of --hostname here).
inline Flag HelpFlag(bool& help) { return {"help", 'h', "", "show this help", BoolFlag(help)}; }

class FlagSet {
 public:
  void Add(Flag flag) { flags_.push_back(std::move(flag)); }

  // From now on, values and positionals must be valid UTF-8 (see above).
  void RequireUtf8() { utf8_ = true; }

  // Parses `args`. Flags may be interspersed with positionals unless
  // `stop_at_positional`, in which case the first positional and everything
  // after it are returned as they are (the container command). Returns the
  // positionals.
  absl::StatusOr<std::vector<std::string>> Parse(const std::vector<std::string>& args,
                                                 bool stop_at_positional = false) const {
    std::vector<std::string> positionals;
    for (size_t i = 0; i < args.size(); ++i) {
      const std::string& arg = args[i];
      if (arg == "--") {
        positionals.insert(positionals.end(), args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
        break;
      }
      if (arg.size() < 2 || arg[0] != '-') {
        if (stop_at_positional) {
          positionals.insert(positionals.end(), args.begin() + static_cast<std::ptrdiff_t>(i), args.end());
          break;
        }
        positionals.push_back(arg);
        continue;
      }
      absl::Status s = arg[1] == '-' ? ParseLong(args, i) : ParseShort(args, i);
      if (!s.ok()) return s;
    }
    if (absl::Status s = CheckPositionals(positionals); !s.ok()) return s;
    return positionals;
  }

  // One line per flag: "  -e, --env KEY=VALUE   help".
  std::string Help() const {
    std::vector<std::pair<std::string, std::string>> rows;
    size_t width = 0;
    for (const Flag& f : flags_) {
      std::string left = f.short_name ? absl::StrCat("  -", std::string(1, f.short_name), ", --", f.name)
                                      : absl::StrCat("      --", f.name);
      if (!f.value_name.empty()) absl::StrAppend(&left, " ", f.value_name);
      width = std::max(width, left.size());
      rows.emplace_back(std::move(left), f.help);
    }
    std::string out;
    for (auto& [left, help] : rows) {
      absl::StrAppend(&out, left, std::string(width + 3 - left.size(), ' '), help, "\n");
    }
    return out;
  }

 private:
  const Flag* FindLong(absl::string_view name) const {
    for (const Flag& f : flags_) {
      if (f.name == name) return &f;
    }
    return nullptr;
  }
  const Flag* FindShort(char c) const {
    for (const Flag& f : flags_) {
      if (f.short_name == c) return &f;
    }
    return nullptr;
  }

  absl::Status Unknown(absl::string_view typed, absl::string_view name) const {
    const Flag* best = nullptr;
    // Suggest only close names: fewer than 3 edits, and at most half of what
    // was typed, so a short flag is not "corrected" into an unrelated one
    // (--rm is two edits from --from).
    size_t best_distance = std::min<size_t>(3, name.size() / 2 + 1);
    for (const Flag& f : flags_) {
      const size_t d = internal::EditDistance(name, f.name);
      if (d < best_distance) {
        best_distance = d;
        best = &f;
      }
    }
    return absl::InvalidArgumentError(absl::StrCat("unknown flag \"", typed, "\"",
                                                   best ? absl::StrCat("; did you mean --", best->name, "?") : ""));
  }

  absl::Status CheckPositionals(const std::vector<std::string>& positionals) const {
    if (!utf8_) return absl::OkStatus();
    for (size_t i = 0; i < positionals.size(); ++i) {
      if (const size_t bad = FirstInvalidUtf8(positionals[i]); bad != absl::string_view::npos) {
        return absl::InvalidArgumentError(absl::StrCat("argument ", i + 1, " is ", DescribeInvalidUtf8(positionals[i], bad),
                                                       "; config.json holds UTF-8 only"));
      }
    }
    return absl::OkStatus();
  }

  absl::Status Set(const Flag& f, absl::string_view value) const {
    if (const size_t bad = utf8_ && !f.bytes ? FirstInvalidUtf8(value) : absl::string_view::npos;
        bad != absl::string_view::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat("--", f.name, ": the value is ", DescribeInvalidUtf8(value, bad), "; config.json holds UTF-8 only"));
    }
    absl::Status s = f.set(value);
    if (s.ok()) return s;
    return absl::Status(s.code(), absl::StrCat("--", f.name, " \"", value, "\": ", s.message()));
  }

  absl::Status SetBool(const Flag& f, absl::string_view value) const {
    if (value != "true" && value != "false") {
      return absl::InvalidArgumentError(absl::StrCat("--", f.name, " takes no value or true/false, got \"", value, "\""));
    }
    return Set(f, value);
  }

  absl::Status ParseLong(const std::vector<std::string>& args, size_t& i) const {
    absl::string_view body = absl::string_view(args[i]).substr(2);
    const size_t eq = body.find('=');
    const absl::string_view name = body.substr(0, eq);
    const Flag* f = FindLong(name);
    if (f == nullptr) return Unknown(args[i].substr(0, eq == absl::string_view::npos ? args[i].size() : eq + 2), name);
    if (f->value_name.empty()) return SetBool(*f, eq == absl::string_view::npos ? "true" : body.substr(eq + 1));
    if (eq != absl::string_view::npos) return Set(*f, body.substr(eq + 1));
    if (i + 1 >= args.size()) return absl::InvalidArgumentError(absl::StrCat("flag --", f->name, " needs a value (", f->value_name, ")"));
    return Set(*f, args[++i]);
  }

  absl::Status ParseShort(const std::vector<std::string>& args, size_t& i) const {
    const std::string& arg = args[i];
    for (size_t k = 1; k < arg.size(); ++k) {
      const Flag* f = FindShort(arg[k]);
      if (f == nullptr) return absl::InvalidArgumentError(absl::StrCat("unknown flag \"-", std::string(1, arg[k]), "\""));
      if (f->value_name.empty()) {
        if (absl::Status s = SetBool(*f, "true"); !s.ok()) return s;
        continue;
      }
      if (k + 1 < arg.size()) return Set(*f, absl::string_view(arg).substr(k + 1));  // -eA=1
      if (i + 1 >= args.size()) return absl::InvalidArgumentError(absl::StrCat("flag -", std::string(1, arg[k]), " needs a value (", f->value_name, ")"));
      return Set(*f, args[++i]);
    }
    return absl::OkStatus();
  }

  std::vector<Flag> flags_;
  bool utf8_ = false;
};

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "executor/flags/arg_parser-inl.h"
#endif

#endif  // OCIKIT_EXECUTOR_FLAGS_ARG_PARSER_H_
