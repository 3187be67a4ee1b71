# Where ocikit is installed: the --prefix of scripts/install.sh, /usr for the .deb.
OCIKIT_PREFIX=${OCIKIT_PREFIX:-/usr}
export PKG_CONFIG_PATH="$OCIKIT_PREFIX/lib/pkgconfig"
# Compiled: links libocikit_policy.a and libocikit_spec.a.
${CXX:-g++} -std=c++20 -Wall -Wextra -Wpedantic -Werror hello.cc -o hello \
  $(pkg-config --cflags --libs ocikit-policy)
./hello
# Header-only: the definitions come inline with the headers.
${CXX:-g++} -std=c++20 -Wall -Wextra -Wpedantic -Werror hello.cc -o hello-header-only \
  $(pkg-config --cflags --libs ocikit-policy-header-only)
./hello-header-only
