cmake -S . -B build -DCMAKE_PREFIX_PATH="$OCIKIT_PREFIX"
cmake --build build
build/hello
build/hello-header-only
