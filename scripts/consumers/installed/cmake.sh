# Where ocikit is installed: the --prefix of scripts/install.sh, /usr for the .deb.
OCIKIT_PREFIX=${OCIKIT_PREFIX:-/usr}
cmake -S . -B build -DCMAKE_PREFIX_PATH="$OCIKIT_PREFIX"
cmake --build build
build/hello
build/hello-header-only
