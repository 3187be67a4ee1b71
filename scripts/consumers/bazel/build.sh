bazel run //:hello
