// Command peer times, in Go, exactly what //benchmarks/peers:ocikit_peer times
// in C++: containerd's default spec with the same seven SpecOpts and
// json.Marshal; json.Unmarshal of each input file into specs.Spec; and
// json.Marshal of the parsed value. It is built from Debian's packages only
// (golang-go, golang-github-containerd-containerd-dev,
// golang-github-opencontainers-specs-dev), GOPATH mode, no downloads; see
// run.sh. Output: one line per benchmark, "name ns_per_op allocs_per_op".
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/containerd/containerd/containers"
	"github.com/containerd/containerd/namespaces"
	"github.com/containerd/containerd/oci"
	specs "github.com/opencontainers/runtime-spec/specs-go"
)

// typicalOpts are the seven transforms of ocikit's TypicalOpts().
func typicalOpts() []oci.SpecOpts {
	return []oci.SpecOpts{
		oci.WithHostname("bench"),
		oci.WithEnv([]string{"A=1", "B=2", "C=3"}),
		oci.WithProcessArgs("sh", "-c", "true"),
		oci.WithRootFSReadonly(),
		oci.WithAddedCapabilities([]string{"CAP_SYS_PTRACE", "CAP_NET_ADMIN"}),
		oci.WithDroppedCapabilities([]string{"CAP_NET_RAW", "CAP_MKNOD"}),
		oci.WithUIDGID(1000, 1000),
	}
}

func report(name string, r testing.BenchmarkResult) {
	fmt.Printf("%s %.1f %d\n", name, float64(r.T.Nanoseconds())/float64(r.N), r.AllocsPerOp())
}

func benchGenerate() {
	ctx := namespaces.WithNamespace(context.Background(), "default")
	c := &containers.Container{ID: "bench"}
	report("generate_marshal", testing.Benchmark(func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			s, err := oci.GenerateSpec(ctx, nil, c, typicalOpts()...)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := json.Marshal(s); err != nil {
				b.Fatal(err)
			}
		}
	}))
}

func benchFile(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var parsed specs.Spec
	if err := json.Unmarshal(data, &parsed); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	name := filepath.Base(path)
	report("parse:"+name, testing.Benchmark(func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			var s specs.Spec
			if err := json.Unmarshal(data, &s); err != nil {
				b.Fatal(err)
			}
		}
	}))
	report("marshal:"+name, testing.Benchmark(func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := json.Marshal(&parsed); err != nil {
				b.Fatal(err)
			}
		}
	}))
	return nil
}

func main() {
	benchGenerate()
	for _, path := range os.Args[1:] {
		if err := benchFile(path); err != nil {
			fmt.Fprintln(os.Stderr, "peer:", err)
			os.Exit(1)
		}
	}
}
