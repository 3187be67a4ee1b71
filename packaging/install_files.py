#!/usr/bin/env python3
"""Writes the pkg-config and CMake files of an ocikit install tree.

scripts/install.sh runs it after copying headers and libraries; the layers and
the third_party/system targets each one reaches come from `bazel query`, the
pkg-config modules of those targets from packaging/system_libs.txt. So the
.pc files and the CMake package list the same dependencies, both taken from
the BUILD files.

  install_files.py generate --root DIR --prefix PREFIX --version V --layers JSON
      JSON: [{"name": "spec", "description": "...", "layers": [],
              "system": ["absl_status", ...]}, ...]  (lower layers first)
      writes DIR/lib/pkgconfig/ocikit-<layer>[-header-only].pc and
      DIR/lib/cmake/ocikit/ocikit{Config,ConfigVersion}.cmake, where DIR is
      where PREFIX is staged (DIR == PREFIX unless packaging).
  install_files.py check BUILD_FILE TABLE
      checks the table against third_party/system/BUILD.bazel (a test).
"""
import argparse, json, os, re, subprocess, sys

HERE = os.path.dirname(os.path.realpath(__file__))
TABLE = os.path.join(HERE, 'system_libs.txt')


def read_table(path=TABLE):
    """{target: [pkg-config modules]}; [] for test-only targets ("-")."""
    table = {}
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.split('#', 1)[0].split()
            if not line:
                continue
            if len(line) < 2:
                sys.exit(f'{path}:{n}: expected "TARGET MODULE..." or "TARGET -"')
            table[line[0]] = [] if line[1:] == ['-'] else line[1:]
    return table


def modules_of(system_targets, table):
    """The pkg-config modules of some third_party/system targets, in order."""
    out = []
    for target in system_targets:
        if target not in table:
            sys.exit(f'{TABLE}: no line for third_party/system:{target}')
        if not table[target]:
            sys.exit(f'{TABLE}: third_party/system:{target} is marked test-only ("-"), '
                     'but an installed library depends on it')
        out += [m for m in table[target] if m not in out]
    return out


def pc_file(prefix, version, layer, modules, header_only):
    suffix = '-header-only' if header_only else ''
    requires = [f'ocikit-{lower}{suffix}' for lower in layer['layers']] + modules
    mode = 'header-only: definitions inline' if header_only else 'compiled: define OCIKIT_COMPILED_LIB'
    cflags = '-I${includedir} -I${includedir}/ocikit' + ('' if header_only else ' -DOCIKIT_COMPILED_LIB')
    libs = '' if header_only else f'-L${{libdir}} -locikit_{layer["name"]}'
    return (f'prefix={prefix}\nincludedir=${{prefix}}/include\nlibdir=${{prefix}}/lib\n\n'
            f'Name: ocikit-{layer["name"]}{suffix}\n'
            f'Description: ocikit {layer["name"]}/: {layer["description"]} ({mode}). Needs -std=c++20.\n'
            f'Version: {version}\nRequires: {" ".join(requires)}\n'
            f'Cflags: {cflags}\nLibs: {libs}\n')


CMAKE_HEAD = '''# ocikit's CMake package, written by scripts/install.sh (packaging/install_files.py).
#   find_package(ocikit CONFIG REQUIRED)
#   target_link_libraries(app PRIVATE ocikit::spec)   # or ocikit::spec_header_only
# Targets: ocikit::{layers} (compiled: static libraries, OCIKIT_COMPILED_LIB)
# and ocikit::<layer>_header_only; each brings the layers below it, C++20 and
# the system libraries (through pkg-config, as the ocikit-*.pc files list them).
include(CMakeFindDependencyMacro)
find_dependency(PkgConfig)
get_filename_component(_ocikit_prefix "${{CMAKE_CURRENT_LIST_DIR}}/../../.." ABSOLUTE)
set(_ocikit_includes "${{_ocikit_prefix}}/include;${{_ocikit_prefix}}/include/ocikit")
'''

CMAKE_LAYER = '''
# {name}/
if(NOT TARGET ocikit::{name})
  pkg_check_modules(ocikit_system_{name} REQUIRED IMPORTED_TARGET {modules})
  add_library(ocikit::{name}_header_only INTERFACE IMPORTED)
  set_target_properties(ocikit::{name}_header_only PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${{_ocikit_includes}}"
    INTERFACE_COMPILE_FEATURES cxx_std_20
    INTERFACE_LINK_LIBRARIES "{header_only_links}")
  add_library(ocikit::{name} STATIC IMPORTED)
  set_target_properties(ocikit::{name} PROPERTIES
    IMPORTED_LOCATION "${{_ocikit_prefix}}/lib/libocikit_{name}.a"
    IMPORTED_LINK_INTERFACE_LANGUAGES CXX
    INTERFACE_INCLUDE_DIRECTORIES "${{_ocikit_includes}}"
    INTERFACE_COMPILE_DEFINITIONS OCIKIT_COMPILED_LIB
    INTERFACE_COMPILE_FEATURES cxx_std_20
    INTERFACE_LINK_LIBRARIES "{compiled_links}")
endif()
'''

CMAKE_VERSION = '''set(PACKAGE_VERSION "{version}")
# Compatible with a request for this version or an older one of the same major.
string(REGEX MATCH "^[0-9]+" _ocikit_major "${{PACKAGE_VERSION}}")
if(PACKAGE_FIND_VERSION VERSION_GREATER PACKAGE_VERSION OR
   NOT PACKAGE_FIND_VERSION_MAJOR STREQUAL _ocikit_major)
  set(PACKAGE_VERSION_COMPATIBLE FALSE)
else()
  set(PACKAGE_VERSION_COMPATIBLE TRUE)
  if(PACKAGE_FIND_VERSION STREQUAL PACKAGE_VERSION)
    set(PACKAGE_VERSION_EXACT TRUE)
  endif()
endif()
'''


def cmake_config(layers, table):
    out = CMAKE_HEAD.format(layers=', '.join(l['name'] for l in layers))
    for layer in layers:
        system = f'PkgConfig::ocikit_system_{layer["name"]}'
        out += CMAKE_LAYER.format(
            name=layer['name'], modules=' '.join(modules_of(layer['system'], table)),
            header_only_links=';'.join([f'ocikit::{l}_header_only' for l in layer['layers']] + [system]),
            compiled_links=';'.join([f'ocikit::{l}' for l in layer['layers']] + [system]))
    return out + 'unset(_ocikit_includes)\nunset(_ocikit_prefix)\n'


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        f.write(text)


def generate(args):
    table = read_table()
    with open(args.layers) as f:
        layers = json.load(f)
    for layer in layers:
        modules = modules_of(layer['system'], table)
        for header_only in (False, True):
            name = f'ocikit-{layer["name"]}{"-header-only" if header_only else ""}.pc'
            write(os.path.join(args.root, 'lib/pkgconfig', name),
                  pc_file(args.prefix, args.version, layer, modules, header_only))
    cmake_dir = os.path.join(args.root, 'lib/cmake/ocikit')
    write(os.path.join(cmake_dir, 'ocikitConfig.cmake'), cmake_config(layers, table))
    write(os.path.join(cmake_dir, 'ocikitConfigVersion.cmake'), CMAKE_VERSION.format(version=args.version))


def build_targets(build_file):
    """{target: [-l flags]} of the cc_library targets of a BUILD file."""
    with open(build_file) as f:
        text = f.read()
    targets = {}
    for block in re.findall(r'cc_library\((.*?)\n\)', text, re.S):
        name = re.search(r'name\s*=\s*"([^"]+)"', block).group(1)
        targets[name] = re.findall(r'"(-l[^"]+)"', block)
    return targets


def pkg_config_libs(modules):
    out = subprocess.run(['pkg-config', '--libs'] + modules, capture_output=True, text=True)
    if out.returncode:
        return None, out.stderr.strip()
    return set(out.stdout.split()), ''


def check(args):
    table, targets = read_table(args.table), build_targets(args.build_file)
    problems = [f'{args.table}: no line for target "{t}" of {args.build_file}' for t in targets if t not in table]
    problems += [f'{args.table}: "{t}" is not a cc_library of {args.build_file}' for t in table if t not in targets]
    for target, modules in table.items():
        if target not in targets or not modules:
            continue
        libs, error = pkg_config_libs(modules)
        if libs is None:
            problems.append(f'{args.table}: {target}: pkg-config {" ".join(modules)} failed: {error}')
            continue
        missing = [flag for flag in targets[target] if flag not in libs]
        if missing:
            problems.append(f'{args.table}: {target}: pkg-config --libs {" ".join(modules)} lacks '
                            f'{" ".join(missing)} (listed in {args.build_file})')
    for p in problems:
        print(p, file=sys.stderr)
    print(f'{len(table)} targets checked, {len(problems)} problems')
    return 1 if problems else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest='command', required=True)
    gen = sub.add_parser('generate')
    for flag in ('--root', '--prefix', '--version', '--layers'):
        gen.add_argument(flag, required=True)
    chk = sub.add_parser('check')
    chk.add_argument('build_file')
    chk.add_argument('table')
    args = parser.parse_args()
    if args.command == 'generate':
        generate(args)
        return 0
    return check(args)


if __name__ == '__main__':
    sys.exit(main())
